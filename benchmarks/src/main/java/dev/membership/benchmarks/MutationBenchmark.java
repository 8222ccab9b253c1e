package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.AccountId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding a member (issue 12), on the paths without a password hash: {@code inviteAccept} (an owner
 * invites, the signed-in account accepts), {@code requestApproveAccept} (the account asks to join, the
 * owner approves, the account accepts), and the hashing path {@code createDirectly} with the testkit's
 * fast hasher (Argon2id adds about 18 ms to it on this machine, see PasswordBenchmark). The library
 * delivers after commit as a host gets it by default, to a sender that drops the notifications; the
 * token is taken from the invitation link as the command makes it. Between invocations (untimed) the
 * next account's membership is removed again, over a pool of {@value #ADDERS} accounts, and the
 * library's clock moves a day on every 1,000 additions (daily limits).
 *
 * <p>And "one mutation": {@code members().deactivate} then {@code members().reactivate} (two
 * mutations, so the state comes back and every invocation does the same work) on PostgreSQL, against
 * hand-written JDBC doing the same rows: per mutation one transaction of the five statements the library
 * sends (printed by {@link Probe}): read the actor's access (member joined to organisation, account and
 * role), read the target membership, update it guarded by its version, read the target's account (the
 * audit subject), insert the audit event. Both use the same HikariCP pool and take turns over 500
 * members each. Target: library / JDBC <= 1.5.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MutationBenchmark {
  private static final String NAME = "bench_mutation";
  /** Members each side works on in turn, so no single row collects thousands of dead versions. */
  private static final int TARGETS = 500;

  private static final String ACCESS = "select m.id, m.organisation_id, m.account_id, m.live_account_id, m.email, m.role_id,"
      + " m.status, m.origin, m.grant_keys, m.suspended_at, m.joined_at, m.updated_at, m.version,"
      + " o.id, o.name, o.name_lower, o.status, o.created_at, o.version,"
      + " r.id, r.organisation_id, r.name, r.name_key, r.look_key, r.permissions, r.version, a.credential_state"
      + " from membership_member m join membership_organisation o on o.id = m.organisation_id"
      + " join membership_account a on a.id = m.account_id"
      + " left outer join membership_role r on (r.id = m.role_id and r.organisation_id = m.organisation_id)"
      + " where m.organisation_id = ? and m.live_account_id = ?";
  private static final String MEMBER = "select id, organisation_id, account_id, live_account_id, email, role_id, status,"
      + " origin, grant_keys, suspended_at, joined_at, updated_at, version"
      + " from membership_member where id = ? and organisation_id = ?";
  private static final String UPDATE = "update membership_member set live_account_id = ?, role_id = ?, status = ?,"
      + " origin = ?, grant_keys = ?, suspended_at = ?, joined_at = ?, updated_at = ?, version = ?"
      + " where id = ? and version = ? and organisation_id = ? and account_id = ?";
  private static final String ACCOUNT = "select id, email, display_name, display_name_lower, password_hash,"
      + " credential_state, temporary_password_expires_at, created_by_organisation_id, last_sign_in_at, created_at,"
      + " version from membership_account where id = ?";
  private static final String AUDIT = "insert into membership_audit_event (id, organisation_id, actor_id, action,"
      + " subject_account_id, subject, occurred_at, details) values (?, ?, ?, ?, ?, ?, ?, ?)";

  private MembershipDatabase database;
  private Memberships membership;
  private DataSource dataSource;
  private AccountId owner;
  private OrganisationId organisation;
  private final List<MembershipId> libraryTargets = new ArrayList<>();
  private final List<MembershipId> jdbcTargets = new ArrayList<>();
  private int next;

  private static final int ADDERS = 200;
  private Memberships adding;
  private MutableClock addingClock;
  private final List<AccountId> adders = new ArrayList<>();
  private final java.util.Map<AccountId, MembershipId> added = new java.util.HashMap<>();
  private volatile String lastToken = "";
  private int nextAdder;
  private int additions;
  private int created;

  @Setup(Level.Trial)
  public void setUp() {
    Databases.drop("postgresql", NAME);
    database = Databases.postgres(NAME);
    dataSource = database.dataSource();
    TestMembership kit = TestMembership.on(database.store());
    membership = kit.membership();
    owner = kit.account("owner@acme.test");
    organisation = membership.organisations().create(owner, "Acme").id();
    for (int i = 0; i < 2 * TARGETS; i++) {
      MembershipId id = membership.members().createDirectly(owner, organisation,
          NewAccount.generatedPassword("m" + i + "@acme.test", "M" + i, Role.MEMBER)).membership().id();
      (i % 2 == 0 ? libraryTargets : jdbcTargets).add(id);
    }
    addingClock = MutableClock.at(Instant.now());
    adding = Memberships.builder().deliverNotificationsInBackground()
        .store(database.store())
        .clock(addingClock)
        .passwordHasher(new FastTestPasswordHasher())
        .policy(MembershipPolicy.defaults().withInvitationsPerDay(MembershipPolicy.MAX_INVITATIONS_PER_DAY))
        .invitationLinks(token -> {
          lastToken = token;
          return URI.create("https://app.test/i/" + token);
        })
        .notifications(notification -> {})
        .build();
    membership.organisations().setDiscoverable(owner, organisation, true);
    for (int i = 0; i < ADDERS; i++) {
      adders.add(kit.account("adder" + i + "@acme.test"));
    }
  }

  /** Untimed: the next adding account is no member again; a day passes every 1,000 additions. */
  @Setup(Level.Invocation)
  public void nextAdder() {
    nextAdder = (nextAdder + 1) % ADDERS;
    MembershipId previous = added.remove(adders.get(nextAdder));
    if (previous != null) {
      adding.members().remove(owner, organisation, previous);
    }
    if (++additions % 1_000 == 0) {
      addingClock.advance(Duration.ofHours(25));
    }
  }

  @Benchmark
  public Object inviteAccept() {
    AccountId account = adders.get(nextAdder);
    adding.invitations().invite(owner, organisation, Invite.of("adder" + nextAdder + "@acme.test", Role.MEMBER));
    Membership joined = adding.invitations().accept(account, lastToken);
    added.put(account, joined.id());
    return joined;
  }

  @Benchmark
  public Object requestApproveAccept() {
    AccountId account = adders.get(nextAdder);
    JoinRequest request = adding.joinRequests().request(account, organisation);
    adding.joinRequests().approve(owner, organisation, request.id());
    Membership joined = adding.invitations().accept(account, lastToken);
    added.put(account, joined.id());
    return joined;
  }

  @Benchmark
  public Object createDirectly() {
    return adding.members().createDirectly(owner, organisation,
        NewAccount.generatedPassword("direct" + (created++) + "@acme.test", "Direct", Role.MEMBER));
  }

  private int nextTarget() {
    next = (next + 1) % TARGETS;
    return next;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    // Its delivery thread lets a running delivery finish and stops; what is still due is sent here.
    adding.close();
    adding.outbox().deliverDue();
    database.close();
    Databases.drop("postgresql", NAME);
  }

  @Benchmark
  public Object library() {
    MembershipId target = libraryTargets.get(nextTarget());
    membership.members().deactivate(owner, organisation, target);
    return membership.members().reactivate(owner, organisation, target);
  }

  @Benchmark
  public long jdbc() throws SQLException {
    MembershipId target = jdbcTargets.get(nextTarget());
    return handWritten(target, true) + handWritten(target, false);
  }

  /** One transaction: what the library's deactivate (or reactivate) sends, written by hand. */
  private long handWritten(MembershipId target, boolean deactivate) throws SQLException {
    String org = organisation.toString();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement s = c.prepareStatement(ACCESS)) {
          s.setString(1, org);
          s.setString(2, owner.toString());
          try (ResultSet r = s.executeQuery()) {
            if (!r.next() || !r.getString(6).equals("owner") || !r.getString(7).equals("ACTIVE")) {
              throw new IllegalStateException("not allowed");
            }
          }
        }
        String account;
        String role;
        String origin;
        String grants;
        long joined;
        long version;
        try (PreparedStatement s = c.prepareStatement(MEMBER)) {
          s.setString(1, target.toString());
          s.setString(2, org);
          try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
              throw new IllegalStateException("no member");
            }
            account = r.getString(3);
            role = r.getString(6);
            origin = r.getString(8);
            grants = r.getString(9);
            joined = r.getLong(11);
            version = r.getLong(13);
          }
        }
        long now = nanos(Instant.now());
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
          s.setString(1, account);
          s.setString(2, role);
          s.setString(3, deactivate ? "DEACTIVATED" : "ACTIVE");
          s.setString(4, origin);
          s.setString(5, grants);
          if (deactivate) {
            s.setLong(6, now);
          } else {
            s.setNull(6, Types.BIGINT);
          }
          s.setLong(7, joined);
          s.setLong(8, now);
          s.setLong(9, version + 1);
          s.setString(10, target.toString());
          s.setLong(11, version);
          s.setString(12, org);
          s.setString(13, account);
          if (s.executeUpdate() != 1) {
            throw new IllegalStateException("concurrent change");
          }
        }
        String subject;
        try (PreparedStatement s = c.prepareStatement(ACCOUNT)) {
          s.setString(1, account);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            subject = r.getString(3) + " <" + r.getString(2) + ">";
          }
        }
        try (PreparedStatement s = c.prepareStatement(AUDIT)) {
          s.setString(1, UUID.randomUUID().toString());
          s.setString(2, org);
          s.setString(3, owner.toString());
          s.setString(4, deactivate ? "MEMBER_DEACTIVATED" : "MEMBER_REACTIVATED");
          s.setString(5, account);
          s.setString(6, subject);
          s.setLong(7, now);
          s.setString(8, "{}");
          s.executeUpdate();
        }
        c.commit();
        return version;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
