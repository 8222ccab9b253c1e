package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import dev.membership.testkit.TestMembership;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The calling thread's wall time, CPU and allocation of each step of adding a member (issue 12's write
 * side), as {@link ReadCpu} does for the reads: {@code invite} then {@code accept} by the signed-in
 * account, and {@code request}, {@code approve}, {@code accept} after approval, on PostgreSQL, in an
 * organisation of {@code members} members (seeded by SQL copy, then {@code VACUUM ANALYZE}); between two
 * adds (untimed) the added membership is removed again, over a pool of accounts.
 *
 * <p>{@code delivery}: {@code background} (the library's own delivery thread, as the side by side runs
 * it), {@code none} (notifications stay in the outbox: the calling thread's work alone).
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.WriteCpu [rounds] [members] [background|none]}</pre>
 */
public final class WriteCpu {
  private static final String NAME = "bench_write";
  private static final int ADDERS = 200;

  private WriteCpu() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int members = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String delivery = args.length > 2 ? args[2] : "background";
    Databases.drop("postgresql", NAME);
    MembershipDatabase database = Databases.postgres(NAME);
    try {
      TestMembership kit = TestMembership.on(database.store());
      Memberships setup = kit.membership();
      AccountId owner = kit.account("owner@acme.test");
      OrganisationId organisation = setup.organisations().create(owner, "Acme").id();
      setup.members().createDirectly(owner, organisation,
          NewAccount.generatedPassword("template@big.test", "Template", Role.MEMBER));
      Seeds.run(database.dataSource(),
          "INSERT INTO membership_account (id, email, display_name, display_name_lower, password_hash, credential_state,"
              + " temporary_password_expires_at, created_by_organisation_id, last_sign_in_at, created_at, version)"
              + " SELECT gen_random_uuid()::text, 'm' || lpad(g::text, 7, '0') || '@big.test', 'Member ' || g,"
              + " 'member ' || g, t.password_hash, t.credential_state, t.temporary_password_expires_at,"
              + " t.created_by_organisation_id, t.last_sign_in_at, t.created_at, t.version"
              + " FROM membership_account t, generate_series(1, " + members + ") g WHERE t.email = 'template@big.test'",
          Seeds.copyTemplateMembership(organisation.toString()),
          "VACUUM ANALYZE");
      MutableClock clock = MutableClock.at(Instant.now());
      String[] token = {""};
      Memberships.Builder builder = Memberships.builder()
          .store(database.store())
          .clock(clock)
          .passwordHasher(new FastTestPasswordHasher())
          .policy(MembershipPolicy.defaults().withInvitationsPerDay(MembershipPolicy.MAX_INVITATIONS_PER_DAY))
          .invitationLinks(t -> {
            token[0] = t;
            return URI.create("https://app.test/i/" + t);
          })
          .notifications(notification -> {});
      builder = switch (delivery) {
        case "background" -> builder.deliverNotificationsInBackground();
        case "none" -> builder.deliverNotificationsAfterCommit(false);
        default -> throw new IllegalArgumentException("delivery: background or none, not " + delivery);
      };
      Memberships adding = builder.build();
      setup.organisations().setDiscoverable(owner, organisation, true);
      List<AccountId> adders = new ArrayList<>();
      for (int i = 0; i < ADDERS; i++) {
        adders.add(kit.account("adder" + i + "@acme.test"));
      }
      Map<AccountId, MembershipId> added = new LinkedHashMap<>();
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().threadId();
      Map<String, long[][]> samples = new LinkedHashMap<>();
      for (String step : List.of("invite", "accept", "request", "approve", "accept after approve")) {
        samples.put(step, new long[3][rounds]);
      }
      int warmup = rounds / 2;
      int n = 0;
      for (int round = -warmup; round < rounds; round++) {
        for (int path = 0; path < 2; path++) {
          int at = n++ % ADDERS;
          AccountId account = adders.get(at);
          MembershipId previous = added.remove(account);
          if (previous != null) {
            adding.members().remove(owner, organisation, previous);
          }
          if (n % 1_000 == 0) {
            clock.advance(Duration.ofHours(25));
          }
          int r = round;
          Step step = (name, call) -> {
            long cpu = threads.getThreadCpuTime(id);
            long bytes = threads.getThreadAllocatedBytes(id);
            long t = System.nanoTime();
            Object result = call.call();
            long wall = System.nanoTime() - t;
            if (r >= 0) {
              long[][] s = samples.get(name);
              s[0][r] = wall;
              s[1][r] = threads.getThreadCpuTime(id) - cpu;
              s[2][r] = threads.getThreadAllocatedBytes(id) - bytes;
            }
            return result;
          };
          if (path == 0) {
            step.run("invite", () -> adding.invitations().invite(owner, organisation,
                Invite.of("adder" + at + "@acme.test", Role.MEMBER)));
            added.put(account, ((dev.membership.domain.Membership) step.run("accept",
                () -> adding.invitations().accept(account, token[0]))).id());
          } else {
            JoinRequest request = (JoinRequest) step.run("request", () -> adding.joinRequests().request(account, organisation));
            step.run("approve", () -> adding.joinRequests().approve(owner, organisation, request.id()));
            added.put(account, ((dev.membership.domain.Membership) step.run("accept after approve",
                () -> adding.invitations().accept(account, token[0]))).id());
          }
        }
      }
      System.out.printf("%n%s members, delivery %s, %d rounds%n%-22s %12s %12s %12s %14s%n", members, delivery, rounds,
          "step", "wall p50 us", "CPU p50 us", "CPU mean us", "alloc mean KB");
      for (Map.Entry<String, long[][]> e : samples.entrySet()) {
        long[][] s = e.getValue();
        System.out.printf("%-22s %12.1f %12.1f %12.1f %14.1f%n", e.getKey(), ReadCpu.median(s[0]) / 1e3, ReadCpu.median(s[1]) / 1e3,
            ReadCpu.mean(s[1]) / 1e3, ReadCpu.mean(s[2]) / 1024.0);
      }
      adding.close();
    } finally {
      database.close();
      Databases.drop("postgresql", NAME);
    }
  }

  @FunctionalInterface
  private interface Step {
    Object run(String name, Callable<?> call) throws Exception;
  }
}
