package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.testkit.TestMembership;
import dev.membership.domain.RoleId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Measures "permission check, database path": {@code access().has(admin, org, MANAGE_MEMBERS)} on the
 * jOOQ store over its HikariCP pool, one thread; the local PostgreSQL and MariaDB are over loopback,
 * H2 is in memory in the same JVM. The organisation has {@code members} other members so the lookup
 * is an index seek, not a scan of a tiny table. Target: p99 <= 1 ms on PostgreSQL.
 *
 * <p>{@code jdbc} is the floor: the same SELECT the store sends, by hand on the same pool, in
 * auto-commit (one round trip), checking the role the way {@code has} does for a built-in role.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AccessBenchmark {
  private static final String NAME = "bench_access";

  @Param({"postgresql", "mariadb", "h2"})
  public String store;

  @Param({"1000"})
  public int members;

  private static final String ACCESS = "select m.id, m.organisation_id, m.account_id, m.live_account_id, m.email,"
      + " m.role_id, m.status, m.origin, m.grant_keys, m.suspended_at, m.joined_at, m.updated_at,"
      + " m.version, o.id, o.name, o.name_lower, o.status, o.created_at, o.version,"
      + " r.id, r.organisation_id, r.name, r.name_key, r.look_key, r.permissions, r.version, a.credential_state"
      + " from membership_member m join membership_organisation o on o.id = m.organisation_id"
      + " join membership_account a on a.id = m.account_id"
      + " left outer join membership_role r on (r.id = m.role_id and r.organisation_id = m.organisation_id)"
      + " where m.organisation_id = ? and m.live_account_id = ?";

  private MembershipDatabase database;
  private Memberships membership;
  private AccountId admin;
  private OrganisationId organisation;

  @Setup(Level.Trial)
  public void setUp() {
    Databases.drop(store, NAME);
    database = Databases.open(store, NAME);
    TestMembership kit = TestMembership.on(database.store());
    membership = kit.membership();
    AccountId owner = kit.account("owner@acme.test");
    organisation = membership.organisations().create(owner, "Acme").id();
    admin = kit.join(organisation, owner, "admin@acme.test", Role.ADMIN);
    for (int i = 0; i < members; i++) {
      membership.members().createDirectly(owner, organisation,
          NewAccount.generatedPassword("m" + i + "@acme.test", "M" + i, Role.MEMBER));
    }
    if (store.equals("postgresql")) {
      // Autovacuum is off on the project's servers: without statistics the planner guesses.
      Seeds.run(database.dataSource(), "VACUUM ANALYZE");
    }
    if (!membership.access().has(admin, organisation, Permission.MANAGE_MEMBERS)) {
      throw new IllegalStateException("the admin should manage members");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
    Databases.drop(store, NAME);
  }

  @Benchmark
  public boolean jdbc() throws SQLException {
    try (Connection c = database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(ACCESS)) {
      s.setString(1, organisation.toString());
      s.setString(2, admin.toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getString(7).equals("ACTIVE") && r.getString(17).equals("ACTIVE")
            && Role.builtIn(RoleId.of(r.getString(6))).map(role -> role.allows(Permission.MANAGE_MEMBERS)).orElse(false);
      }
    }
  }

  @Benchmark
  public boolean has() {
    return membership.access().has(admin, organisation, Permission.MANAGE_MEMBERS);
  }
}
