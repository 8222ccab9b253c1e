package dev.membership.benchmarks;

import dev.membership.command.Invite;

import dev.membership.Memberships;
import dev.membership.command.NewAccount;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Prints the SQL each measured call sends on PostgreSQL (how the hand-written JDBC baseline of
 * {@link MutationBenchmark} was written); not a benchmark. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.Probe}.
 */
public final class Probe {
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("list")) {
      listSql();
      return;
    }
    Databases.drop("postgresql", "bench_probe");
    try (MembershipDatabase db = Databases.postgres("bench_probe")) {
      List<String> log = new ArrayList<>();
      JooqMembershipStore store = JooqMembershipStore.builder(db.dataSource()).executeListener(new ExecuteListener() {
        @Override
        public void executeStart(ExecuteContext ctx) {
          log.add(ctx.sql() != null ? ctx.sql() : "batch: " + String.join(";\n    ", ctx.batchSQL()));
        }
      }).build();
      AtomicReference<String> verification = new AtomicReference<>();
      AtomicReference<String> invitation = new AtomicReference<>();
      Memberships m = Memberships.builder().store(store).passwordHasher(new FastTestPasswordHasher())
          .notifications(n -> n.link().ifPresent(link -> verification.set(link.getPath())))
          .invitationLinks(t -> {
            invitation.set(t);
            return URI.create("https://x/i/" + t);
          }).emailVerificationLinks(t -> URI.create("https://x/v/" + t))
          .build();
      m.accounts().register(Registration.of("owner@x.test", "Owner", "correct horse battery staple"));
      String path = verification.get();
      AccountId owner = m.accounts().verifyEmail(path.substring(path.lastIndexOf('/') + 1),
          Password.of("correct horse battery staple")).id();
      OrganisationId org = m.organisations().create(owner, "Acme").id();
      MembershipId mo = m.members().createDirectly(owner, org, NewAccount.generatedPassword("mo@x.test", "Mo", Role.MEMBER))
          .membership().id();
      print(log, "has", () -> m.access().has(owner, org, Permission.MANAGE_MEMBERS));
      print(log, "deactivate", () -> m.members().deactivate(owner, org, mo));
      print(log, "reactivate", () -> m.members().reactivate(owner, org, mo));
      int repeat = Integer.getInteger("bench.probe.repeat", 0);
      for (int i = 0; i < repeat; i++) {
        m.members().deactivate(owner, org, mo);
        m.members().reactivate(owner, org, mo);
      }
      print(log, "organisations().of", () -> m.organisations().of(owner, PageRequest.first(50)));
      print(log, "members().list", () -> m.members().list(owner, org, MemberQuery.all()));
      // Adding a member: the rows a hand-written invite + accept must write (KeycloakSideBySide's JDBC side).
      m.accounts().register(Registration.of("joiner@x.test", "Joiner", "correct horse battery staple"));
      String joining = verification.get();
      AccountId joiner = m.accounts().verifyEmail(joining.substring(joining.lastIndexOf('/') + 1),
          Password.of("correct horse battery staple")).id();
      print(log, "invitations().invite", () -> m.invitations().invite(owner, org, Invite.of("joiner@x.test", Role.MEMBER)));
      print(log, "invitations().accept", () -> m.invitations().accept(joiner, invitation.get()));
    } finally {
      Databases.drop("postgresql", "bench_probe");
    }
  }

  /** The members page's SQL, values inlined, on the seeded {@code bench_list} (for EXPLAIN ANALYZE). */
  private static void listSql() {
    try (MembershipDatabase db = Databases.postgres("bench_list")) {
      List<String> log = new ArrayList<>();
      JooqMembershipStore store = JooqMembershipStore.builder(db.dataSource()).executeListener(new ExecuteListener() {
        @Override
        public void executeStart(ExecuteContext ctx) {
          log.add(ctx.query() == null ? ctx.sql() : ctx.dsl().renderInlined(ctx.query()));
        }
      }).build();
      String[] ids = Seeds.ids(db.dataSource(), "list");
      Memberships m = Memberships.builder().store(store).passwordHasher(new FastTestPasswordHasher())
          .notifications(n -> { }).invitationLinks(t -> URI.create("https://x/" + t)).build();
      print(log, "members().list", () -> m.members().list(AccountId.of(ids[1]), OrganisationId.of(ids[0]),
          MemberQuery.all()));
    }
  }

  private static void print(List<String> log, String what, Runnable call) {
    log.clear();
    call.run();
    System.out.println("== " + what + " (" + log.size() + " statements)");
    log.forEach(s -> System.out.println("  " + s));
  }
}
