package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.TokenHash;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.Mailbox;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The hot reads (the permission check, the members page, an account's organisations) run their kept
 * SQL on JDBC directly; a host's jOOQ execute listeners still see each of them as a statement, and a
 * configuration that inlines values still reads the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotReadsTest {

  TestDatabase database;
  final Recorder recorder = new Recorder();
  final Mailbox mailbox = new Mailbox();
  Memberships membership;
  AccountId owner;
  AccountId ana;
  Organisation acme;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated(DatabaseKind.H2);
    membership = memberships(JooqMembershipStore.builder(database.dataSource()).executeListener(recorder).build());
    owner = register("owner@acme.test");
    ana = register("ana@acme.test");
    acme = membership.organisations().create(owner, "Acme");
    membership.invitations().invite(owner, acme.id(), Invite.of("ana@acme.test", Role.ADMIN));
    membership.outbox().deliverDue();
    membership.invitations().accept(ana, tokenTo("ana@acme.test", NotificationType.INVITATION));
    membership.invitations().invite(owner, acme.id(), Invite.of("bo@acme.test", Role.MEMBER));
    membership.invitations().invite(owner, acme.id(), Invite.of("cy@acme.test", Role.MEMBER));
  }

  @AfterAll
  void stop() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void reset() {
    recorder.clear();
  }

  @Test
  void a_host_listener_sees_a_permission_check_as_one_read_with_its_text_and_bound_values() {
    boolean may = membership.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS);

    assertThat(may).isTrue();
    assertThat(recorder.events).containsExactly("start", "renderStart", "renderEnd", "prepareStart", "prepareEnd",
        "bindStart", "bindEnd", "executeStart", "executeEnd", "fetchStart", "fetchEnd", "end");
    assertThat(recorder.types).containsExactly(ExecuteType.READ);
    String sql = recorder.sql.get(0);
    assertThat(sql).contains("membership_member").contains("?").doesNotContain(acme.id().toString())
        .doesNotContain(ana.toString());
    assertThat(recorder.params.get(0)).containsExactly(acme.id(), ana);
  }

  @Test
  void a_host_listener_sees_a_members_page_and_an_accounts_organisations_as_one_statement_each() {
    var page = membership.members().list(owner, acme.id(), MemberQuery.all());
    int afterPage = recorder.sql.size();
    var organisations = membership.organisations().of(ana, PageRequest.first());

    assertThat(page.items()).hasSize(4);
    assertThat(organisations.items()).extracting(o -> o.organisation().id()).containsExactly(acme.id());
    assertThat(afterPage).isEqualTo(1);
    assertThat(recorder.sql).hasSize(2);
    assertThat(recorder.params.get(1)).containsExactly(ana);
  }

  @Test
  void a_listener_that_rewrites_a_reads_text_has_its_text_run() {
    Recorder narrowing = new Recorder();
    narrowing.onRenderEnd = ctx -> ctx.sql(ctx.sql() + " and 1 = 0");
    Memberships traced = memberships(JooqMembershipStore.builder(database.dataSource()).executeListener(narrowing).build());

    boolean may = traced.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS);

    // The rewritten text finds no membership: the check ran what the listener left.
    assertThat(may).isFalse();
    assertThat(narrowing.sql.get(0)).endsWith(" and 1 = 0");
  }

  @Test
  void a_failed_read_reaches_the_listener_and_the_caller_as_a_data_access_exception_without_its_values() {
    Recorder breaking = new Recorder();
    breaking.onRenderEnd = ctx -> ctx.sql(ctx.sql().replace("membership_member", "no_such_table"));
    Memberships broken = memberships(JooqMembershipStore.builder(database.dataSource()).executeListener(breaking).build());

    assertThatThrownBy(() -> broken.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("no_such_table")
        .hasMessageNotContaining(ana.toString());
    assertThat(breaking.events).contains("exception").endsWith("end");
    assertThat(breaking.sqlExceptions).isEqualTo(1);
  }

  @Test
  void a_configuration_that_inlines_values_reads_the_same_page_check_and_organisations() {
    Recorder inlined = new Recorder();
    MembershipStore store = JooqMembershipStore.create(new DefaultConfiguration()
        .set(new DataSourceConnectionProvider(database.dataSource()))
        .set(SQLDialect.H2)
        .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
        .set(new DefaultExecuteListenerProvider(inlined)));
    Memberships statics = memberships(store);

    List<MemberRow> page = statics.members().list(owner, acme.id(), MemberQuery.all()).items();
    boolean may = statics.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS);
    var organisations = statics.organisations().of(ana, PageRequest.first()).items();

    assertThat(page).isEqualTo(membership.members().list(owner, acme.id(), MemberQuery.all()).items());
    assertThat(may).isTrue();
    assertThat(organisations).isEqualTo(membership.organisations().of(ana, PageRequest.first()).items());
    // The values went into the text: the inlining path ran.
    assertThat(inlined.sql).anySatisfy(sql -> assertThat(sql).contains(acme.id().toString()));
    assertThat(inlined.sql).noneSatisfy(sql -> assertThat(sql).contains("?"));
  }

  @Test
  void accepting_an_invitation_runs_the_acceptance_checks_as_one_kept_read_that_the_listener_sees() {
    AccountId dee = register("dee@acme.test");
    Organisation beta = membership.organisations().create(owner, "Beta");
    membership.invitations().invite(owner, beta.id(), Invite.of("dee@acme.test", Role.MEMBER));
    membership.outbox().deliverDue();
    String token = tokenTo("dee@acme.test", NotificationType.INVITATION);
    recorder.clear();

    membership.invitations().accept(dee, token);

    // The checks' statement (whom to tell is its union): seen once, run on JDBC (no jOOQ query made).
    List<Integer> checks = new ArrayList<>();
    for (int i = 0; i < recorder.sql.size(); i++) {
      if (recorder.sql.get(i).contains("n_email")) {
        checks.add(i);
      }
    }
    assertThat(checks).hasSize(1);
    int at = checks.get(0);
    assertThat(recorder.types.get(at)).isEqualTo(ExecuteType.READ);
    assertThat(recorder.madeByJooq.get(at)).isFalse();
    assertThat(recorder.sql.get(at)).contains("?").doesNotContain(beta.id().toString()).doesNotContain(dee.toString());
    assertThat(recorder.params.get(at)).contains(beta.id(), dee);
    // The invitation by its token and the organisation's lock are kept texts too; the lock keeps FOR UPDATE.
    int byToken = indexOf(sql -> sql.toLowerCase().startsWith("select") && sql.toLowerCase().contains("token_hash"));
    assertThat(recorder.madeByJooq.get(byToken)).isFalse();
    int lock = indexOf(sql -> sql.toLowerCase().contains("for update") && sql.contains("membership_organisation"));
    assertThat(recorder.madeByJooq.get(lock)).isFalse();
    assertThat(membership.members().list(owner, beta.id(), MemberQuery.all()).items())
        .anySatisfy(row -> assertThat(((MemberRow.Member) row).membership().accountId()).isEqualTo(dee));
  }

  @Test
  void a_kept_read_in_a_unit_of_work_sees_the_writes_the_unit_kept_before_it() {
    MembershipStore store = JooqMembershipStore.builder(database.dataSource()).executeListener(recorder).build();
    TokenHash hash = TokenHash.of("kept-write-then-kept-read-token");
    Instant now = Instant.now();
    Organisation gamma = membership.organisations().create(owner, "Gamma");
    recorder.clear();
    Invitation issued = Invitation.issue(gamma.id(), EmailAddress.of("kept@acme.test"), Role.MEMBER.id(), Set.of(), hash,
        now.plus(Duration.ofDays(1)), owner, Optional.empty(), now);

    Optional<Invitation> found = store.inTransaction(tx -> {
      tx.invitations().insert(issued);
      return tx.invitations().findByTokenHash(hash);
    });

    assertThat(found).hasValueSatisfying(i -> assertThat(i.id()).isEqualTo(issued.id()));
    // The insert was kept, then sent by the read's start: it comes before the read the listener saw.
    int read = indexOf(sql -> sql.toLowerCase().startsWith("select") && sql.toLowerCase().contains("token_hash"));
    assertThat(recorder.madeByJooq.get(read)).isFalse();
    assertThat(recorder.sql.subList(0, read)).anySatisfy(sql -> assertThat(sql.toLowerCase()).startsWith("insert into"));
    store.inTransaction(tx -> tx.invitations().update(found.orElseThrow().cancel(now)));
  }

  @Test
  void reading_active_members_with_hundreds_of_distinct_limits_keeps_a_handful_of_texts() {
    MembershipStore store = JooqMembershipStore.builder(database.dataSource()).executeListener(recorder).build();
    recorder.clear();

    for (int limit = 1; limit <= 300; limit++) {
      int n = limit;
      List<dev.membership.domain.Membership> owners =
          store.inTransaction(tx -> tx.memberships().activeWithRoles(acme.id(), Set.of(Role.OWNER.id()), n));
      assertThat(owners).as("limit %s", limit).hasSize(1);
    }

    // The owner count decides the limit of the last-owner rule: a text per limit would keep a text per count.
    assertThat(recorder.sql.stream().filter(sql -> sql.toLowerCase().contains("role_id")).distinct().count())
        .as("distinct texts for 300 limits").isLessThanOrEqualTo(10);
  }

  private int indexOf(java.util.function.Predicate<String> which) {
    for (int i = 0; i < recorder.sql.size(); i++) {
      if (which.test(recorder.sql.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such statement among " + recorder.sql);
  }

  private Memberships memberships(MembershipStore store) {
    return mailbox.library(store);
  }

  private AccountId register(String email) {
    return mailbox.register(membership, email);
  }

  private String tokenTo(String email, NotificationType type) {
    return mailbox.tokenTo(email, type);
  }

  /** Remembers the events, texts, types and bound values of the statements it sees. */
  static final class Recorder implements ExecuteListener {
    final List<String> events = new ArrayList<>();
    final List<String> sql = new ArrayList<>();
    final List<ExecuteType> types = new ArrayList<>();
    final List<List<Object>> params = new ArrayList<>();
    /** Whether jOOQ made the statement (a query), or it ran a kept text on JDBC (none). */
    final List<Boolean> madeByJooq = new ArrayList<>();
    int sqlExceptions;
    Consumer<ExecuteContext> onRenderEnd = ctx -> { };

    synchronized void clear() {
      events.clear();
      sql.clear();
      types.clear();
      params.clear();
      madeByJooq.clear();
      sqlExceptions = 0;
    }

    @Override
    public synchronized void start(ExecuteContext ctx) {
      events.add("start");
    }

    @Override
    public synchronized void renderStart(ExecuteContext ctx) {
      events.add("renderStart");
    }

    @Override
    public synchronized void renderEnd(ExecuteContext ctx) {
      events.add("renderEnd");
      onRenderEnd.accept(ctx);
    }

    @Override
    public synchronized void prepareStart(ExecuteContext ctx) {
      events.add("prepareStart");
    }

    @Override
    public synchronized void prepareEnd(ExecuteContext ctx) {
      events.add("prepareEnd");
    }

    @Override
    public synchronized void bindStart(ExecuteContext ctx) {
      events.add("bindStart");
    }

    @Override
    public synchronized void bindEnd(ExecuteContext ctx) {
      events.add("bindEnd");
    }

    @Override
    public synchronized void executeStart(ExecuteContext ctx) {
      events.add("executeStart");
    }

    @Override
    public synchronized void executeEnd(ExecuteContext ctx) {
      events.add("executeEnd");
      sql.add(ctx.sql() != null ? ctx.sql() : String.join(";\n", ctx.batchSQL()));
      types.add(ctx.type());
      madeByJooq.add(ctx.query() != null || ctx.batchQueries().length > 0);
      params.add(Stream.of(ctx.params()).map(Param::getValue).map(Object.class::cast).toList());
    }

    @Override
    public synchronized void fetchStart(ExecuteContext ctx) {
      events.add("fetchStart");
    }

    @Override
    public synchronized void fetchEnd(ExecuteContext ctx) {
      events.add("fetchEnd");
    }

    @Override
    public synchronized void exception(ExecuteContext ctx) {
      events.add("exception");
      if (ctx.sqlException() != null) {
        sqlExceptions++;
      }
    }

    @Override
    public synchronized void end(ExecuteContext ctx) {
      events.add("end");
    }
  }
}
