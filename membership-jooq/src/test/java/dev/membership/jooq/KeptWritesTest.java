package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.Mailbox;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.AuditQuery;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.StoreTransaction;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The writes a unit of work keeps for its end (audit and account events, outbox rows, invitations,
 * memberships, grants, guarded status changes, member counts) go to PostgreSQL as one statement of
 * several with bound values: a host's execute listeners see it as one statement with its text, its
 * values are stored verbatim, a lost race or a taken key inside it undoes the whole unit of work, and
 * a configuration that inlines values still writes the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeptWritesTest {

  TestDatabase database;
  final Recorder recorder = new Recorder();
  final Mailbox mailbox = new Mailbox();
  MembershipStore store;
  Memberships membership;
  AccountId owner;
  Organisation acme;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated(DatabaseKind.POSTGRES);
    store = JooqMembershipStore.builder(database.dataSource()).executeListener(recorder).build();
    membership = memberships(store);
    owner = register(membership, "owner@acme.test");
    acme = membership.organisations().create(owner, "Acme");
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
  void a_host_listener_sees_the_kept_writes_of_an_invitation_as_one_statement_with_their_texts_and_bound_values() {
    membership.invitations().invite(owner, acme.id(), Invite.of("ana@acme.test", Role.ADMIN));

    assertThat(recorder.batches).hasSize(1);
    Recorder.Seen batch = recorder.batches.get(0);
    assertThat(batch.events()).containsExactly("start", "renderStart", "renderEnd", "prepareStart", "prepareEnd",
        "bindStart", "bindEnd", "executeStart", "executeEnd", "end");
    assertThat(batch.parts()).anySatisfy(part -> assertThat(part).startsWith("insert into membership_invitation "))
        .anySatisfy(part -> assertThat(part).startsWith("insert into membership_audit_event "))
        .anySatisfy(part -> assertThat(part).startsWith("insert into membership_outbox "))
        .anySatisfy(part -> assertThat(part).startsWith("update membership_member_count "));
    assertThat(batch.sql()).isEqualTo(String.join("; ", batch.parts()));
    // The values are bound, never in the text.
    assertThat(batch.sql()).contains("?").doesNotContain("ana@acme.test").doesNotContain(acme.id().toString());
    assertThat(batch.params()).contains(EmailAddress.of("ana@acme.test"), acme.id());
    assertThat(batch.rows()).hasSize(batch.parts().size()).allSatisfy(rows -> assertThat(rows).isEqualTo(1));
  }

  @Test
  void audit_and_account_event_values_with_quotes_and_semicolons_are_stored_verbatim() {
    String hostile = "O'Brien\"; delete from membership_member; -- '); drop table membership_account; ?";
    AuditEvent audit = new AuditEvent(AuditEventId.random(), acme.id(), owner, AuditAction.MEMBER_ROLE_CHANGED,
        Optional.of(owner), hostile, Instant.now().truncatedTo(ChronoUnit.MICROS), Map.of("note", hostile, "q", "'"));
    AccountEvent history = new AccountEvent(AccountEventId.random(), owner, owner, Optional.of(acme.id()),
        AccountEventType.PASSWORD_CHANGED, Instant.now().truncatedTo(ChronoUnit.MICROS), Map.of(hostile, "?;"));

    store.inTransaction(tx -> {
      tx.audit().append(audit);
      tx.accountEvents().append(history);
      return null;
    });

    assertThat(recorder.batches).hasSize(1);
    assertThat(recorder.batches.get(0).sql()).doesNotContain("O'Brien");
    assertThat(auditLog()).contains(audit);
    List<AccountEvent> ownHistory = read(tx -> tx.accountEvents().page(owner, PageRequest.first()).items());
    assertThat(ownHistory).contains(history);
  }

  @Test
  void a_guarded_update_that_lost_its_race_inside_the_kept_statement_undoes_the_whole_unit_of_work() {
    JoinRequest request = JoinRequest.open(acme.id(), owner, Optional.of("let me in; '"), Instant.now());
    store.inTransaction(tx -> {
      tx.joinRequests().insert(request);
      return null;
    });
    Instant now = Instant.now();
    // Another unit of work answered it first.
    store.inTransaction(tx -> tx.joinRequests().update(request.withdraw(now)));
    AuditEvent event = event("lost race");
    recorder.clear();

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.audit().append(event);
      return tx.joinRequests().update(request.deny(owner, now));
    })).isInstanceOf(ConcurrentModificationException.class);

    // The lost update went in one statement with the audit entry, which was rolled back with it.
    assertThat(recorder.batches).singleElement().satisfies(batch -> {
      assertThat(batch.parts()).hasSize(2);
      assertThat(batch.parts().get(0)).startsWith("insert into membership_audit_event ");
      assertThat(batch.parts().get(1)).startsWith("update membership_join_request ");
      assertThat(batch.rows()).containsExactly(1, 0);
    });
    assertThat(auditLog()).doesNotContain(event);
    Optional<JoinRequest> answered = read(tx -> tx.joinRequests().find(request.id()));
    assertThat(answered.orElseThrow().status()).isEqualTo(JoinRequestStatus.WITHDRAWN);
  }

  @Test
  void a_taken_address_inside_the_kept_statement_is_the_invitations_conflict_and_nothing_of_the_unit_is_stored() {
    membership.invitations().invite(owner, acme.id(), Invite.of("cy@acme.test", Role.MEMBER));
    Instant now = Instant.now();
    Invitation second = Invitation.issue(acme.id(), EmailAddress.of("cy@acme.test"), Role.MEMBER.id(), Set.of(),
        TokenHash.of("another-token-for-cy"), now.plus(1, ChronoUnit.DAYS), owner, Optional.empty(), now);
    AuditEvent event = event("taken address");

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      tx.audit().append(event);
      tx.invitations().insert(second);
      return null;
    })).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_ALREADY_PENDING));

    Optional<Invitation> stored = read(tx -> tx.invitations().find(acme.id(), second.id()));
    assertThat(stored).isEmpty();
    assertThat(auditLog()).doesNotContain(event);
  }

  @Test
  void the_parts_of_the_kept_statement_run_server_prepared_once_the_driver_has_seen_it_often() {
    List<Boolean> prepared = new ArrayList<>();
    recorder.onBatch = ctx -> prepared.add(serverPrepared(ctx, "insert into membership_audit_event "));

    for (int i = 0; i < 10; i++) {
      membership.invitations().invite(owner, acme.id(), Invite.of("often" + i + "@acme.test", Role.MEMBER));
    }

    // pgjdbc prepares a text on the server from its fifth run on a connection (prepareThreshold).
    assertThat(prepared).hasSize(10).endsWith(true);
    recorder.onBatch = ctx -> { };
  }

  @Test
  void a_configuration_that_inlines_values_invites_and_accepts_through_jooq() {
    Recorder inlined = new Recorder();
    MembershipStore statics = JooqMembershipStore.create(new DefaultConfiguration()
        .set(new DataSourceConnectionProvider(database.dataSource()))
        .set(SQLDialect.POSTGRES)
        .set(new Settings().withStatementType(StatementType.STATIC_STATEMENT))
        .set(new DefaultExecuteListenerProvider(inlined)));
    Memberships inlining = memberships(statics);
    AccountId dee = register(inlining, "dee@acme.test");

    inlining.invitations().invite(owner, acme.id(), Invite.of("dee@acme.test", Role.MEMBER));
    inlining.outbox().deliverDue();
    inlining.invitations().accept(dee, tokenTo("dee@acme.test", NotificationType.INVITATION));

    assertThat(membership.members().find(owner, acme.id(), dee)).isPresent();
    // The values went into the text: jOOQ's inlining path ran, not the kept statement.
    assertThat(inlined.batches).isEmpty();
    assertThat(inlined.all).anySatisfy(sql -> assertThat(sql).contains("insert into membership_audit_event")
        .contains(acme.id().toString()));
  }

  @Test
  void a_host_listener_that_puts_a_statement_before_the_kept_ones_never_hides_a_lost_race() {
    MembershipStore tracing = JooqMembershipStore.builder(database.dataSource())
        .executeListener(new ExecuteListener() {
          @Override
          public void renderEnd(ExecuteContext ctx) {
            if (ctx.type() == ExecuteType.BATCH) {
              ctx.sql("select 1; " + ctx.sql());
            }
          }
        }).build();
    JoinRequest request = JoinRequest.open(acme.id(), owner, Optional.of("traced"), Instant.now());
    tracing.inTransaction(tx -> {
      tx.joinRequests().insert(request);
      return null;
    });
    Instant now = Instant.now();
    store.inTransaction(tx -> tx.joinRequests().update(request.withdraw(now)));
    AuditEvent event = event("traced lost race");

    // The counts of the statement would be read one place off: the audit insert's row for the lost update.
    assertThatThrownBy(() -> tracing.inTransaction(tx -> {
      tx.audit().append(event);
      return tx.joinRequests().update(request.deny(owner, now));
    })).isInstanceOfAny(ConcurrentModificationException.class, IllegalStateException.class);

    assertThat(auditLog()).doesNotContain(event);
    assertThat(read(tx -> tx.joinRequests().find(request.id())).orElseThrow().status())
        .isEqualTo(JoinRequestStatus.WITHDRAWN);
  }

  @Test
  void a_host_listener_that_drops_a_kept_statement_fails_the_unit_of_work_and_stores_nothing() {
    MembershipStore dropping = JooqMembershipStore.builder(database.dataSource())
        .executeListener(new ExecuteListener() {
          @Override
          public void renderEnd(ExecuteContext ctx) {
            if (ctx.type() == ExecuteType.BATCH) {
              ctx.sql(ctx.sql().substring(0, ctx.sql().lastIndexOf("; ")));
            }
          }
        }).build();
    AuditEvent first = event("dropped one");
    AuditEvent second = event("dropped two");

    assertThatThrownBy(() -> dropping.inTransaction(tx -> {
      tx.audit().append(first);
      tx.audit().append(second);
      return null;
    })).isInstanceOf(RuntimeException.class);

    assertThat(auditLog()).doesNotContain(first, second);
  }

  @Test
  void a_second_store_on_the_same_database_reads_what_the_first_kept_and_sent() {
    MembershipStore other = JooqMembershipStore.builder(database.dataSource()).build();
    membership.invitations().invite(owner, acme.id(), Invite.of("seen-by-both@acme.test", Role.MEMBER));

    Optional<Invitation> seen = other.read(tx -> tx.invitations().findPending(acme.id(),
        EmailAddress.of("seen-by-both@acme.test")));

    assertThat(seen).isPresent();
    assertThatThrownBy(() -> memberships(other).invitations().invite(owner, acme.id(),
        Invite.of("seen-by-both@acme.test", Role.MEMBER))).isInstanceOfSatisfying(ConflictException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_ALREADY_PENDING));
  }

  private <T> T read(Function<StoreTransaction, T> work) {
    return store.read(work::apply);
  }

  private List<AuditEvent> auditLog() {
    return read(tx -> tx.audit().page(acme.id(), AuditQuery.all()).items());
  }

  private AuditEvent event(String note) {
    return new AuditEvent(AuditEventId.random(), acme.id(), owner, AuditAction.MEMBER_ROLE_CHANGED, Optional.of(owner),
        "owner@acme.test", Instant.now().truncatedTo(ChronoUnit.MICROS), Map.of("note", note));
  }

  /** Whether a statement starting with {@code start} is prepared on the server on the batch's connection. */
  private static boolean serverPrepared(ExecuteContext ctx, String start) {
    try (Statement s = ctx.connection().createStatement();
        ResultSet rs = s.executeQuery("select statement from pg_prepared_statements")) {
      while (rs.next()) {
        if (rs.getString(1).strip().startsWith(start)) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Memberships memberships(MembershipStore on) {
    return mailbox.library(on);
  }

  private AccountId register(Memberships through, String email) {
    return mailbox.register(through, email);
  }

  private String tokenTo(String email, NotificationType type) {
    return mailbox.tokenTo(email, type);
  }

  /** Remembers every statement's text, and the events, texts, values and counts of the kept writes' batches. */
  static final class Recorder implements ExecuteListener {
    record Seen(List<String> events, String sql, List<String> parts, List<Object> params, List<Integer> rows) {}

    final List<Seen> batches = new ArrayList<>();
    final List<String> all = new ArrayList<>();
    java.util.function.Consumer<ExecuteContext> onBatch = ctx -> { };
    private List<String> events = new ArrayList<>();

    synchronized void clear() {
      batches.clear();
      all.clear();
    }

    private synchronized void event(ExecuteContext ctx, String name) {
      if (ctx.type() == ExecuteType.BATCH) {
        events.add(name);
      }
    }

    @Override
    public synchronized void start(ExecuteContext ctx) {
      events = new ArrayList<>();
      event(ctx, "start");
    }

    @Override
    public void renderStart(ExecuteContext ctx) {
      event(ctx, "renderStart");
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
      event(ctx, "renderEnd");
    }

    @Override
    public void prepareStart(ExecuteContext ctx) {
      event(ctx, "prepareStart");
    }

    @Override
    public void prepareEnd(ExecuteContext ctx) {
      event(ctx, "prepareEnd");
    }

    @Override
    public void bindStart(ExecuteContext ctx) {
      event(ctx, "bindStart");
    }

    @Override
    public void bindEnd(ExecuteContext ctx) {
      event(ctx, "bindEnd");
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
      event(ctx, "executeStart");
    }

    @Override
    public synchronized void executeEnd(ExecuteContext ctx) {
      event(ctx, "executeEnd");
      all.add(ctx.batchSQL().length > 0 ? String.join("; ", ctx.batchSQL()) : ctx.sql());
      if (kept(ctx)) {
        onBatch.accept(ctx);
      }
    }

    /**
     * Whether {@code ctx} is the kept writes' statement of several: its text is its parts joined (a
     * jOOQ batch, the inlining path, has no such text).
     */
    private static boolean kept(ExecuteContext ctx) {
      return ctx.type() == ExecuteType.BATCH && String.join("; ", ctx.batchSQL()).equals(ctx.sql());
    }

    @Override
    public void exception(ExecuteContext ctx) {
      event(ctx, "exception");
    }

    @Override
    public synchronized void end(ExecuteContext ctx) {
      event(ctx, "end");
      if (kept(ctx)) {
        batches.add(new Seen(List.copyOf(events), ctx.sql(), List.of(ctx.batchSQL()),
            Stream.of(ctx.params()).map(Param::getValue).map(Object.class::cast).toList(),
            java.util.stream.IntStream.of(ctx.batchRows()).boxed().toList()));
      }
    }
  }
}
