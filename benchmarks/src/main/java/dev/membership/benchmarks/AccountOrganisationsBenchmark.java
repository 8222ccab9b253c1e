package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.testkit.TestMembership;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * Measures "an account in 10,000 organisations": its first page of 50 organisations
 * ({@code organisations().of(account, PageRequest.first(50))}), a page after the middle one, and
 * {@code access().has} in one of them, on PostgreSQL. Target: each <= 100 ms. The schema
 * {@code bench_orgs} is seeded once and kept for the next run; drop it with {@code Databases drop}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AccountOrganisationsBenchmark {
  private static final String NAME = "bench_orgs";

  @Param({"10000"})
  public long organisations;

  private MembershipDatabase database;
  private Memberships membership;
  private AccountId account;
  private OrganisationId oneOfThem;
  private PageRequest middle;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = Databases.postgresKept(NAME);
    DataSource ds = database.dataSource();
    if (Seeds.seeded(ds, "orgs") != organisations) {
      database.close();
      Databases.drop("postgresql", NAME);
      database = Databases.postgres(NAME);
      ds = database.dataSource();
      Seeds.seeded(ds, "orgs");
      seed(ds);
    }
    membership = TestMembership.on(database.store()).membership();
    String[] ids = Seeds.ids(ds, "orgs");
    account = AccountId.of(ids[1]);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT organisation_id FROM membership_member WHERE live_account_id = '" + account
            + "' ORDER BY organisation_id OFFSET " + organisations / 2 + " LIMIT 1")) {
      r.next();
      oneOfThem = OrganisationId.of(r.getString(1));
    }
    Page<AccountOrganisation> page = membership.organisations().of(account, PageRequest.first(50));
    for (int i = 0; i < organisations / 50 / 2; i++) {
      page = membership.organisations().of(account, PageRequest.first(50).next(page));
    }
    middle = PageRequest.first(50).next(page);
    int got = membership.organisations().of(account, middle).items().size();
    if (got != 50 || !membership.access().has(account, oneOfThem, Permission.MANAGE_MEMBERS)) {
      throw new IllegalStateException("seeded wrong: " + got);
    }
  }

  private void seed(DataSource ds) {
    TestMembership kit = TestMembership.on(database.store());
    AccountId founder = kit.account("many@orgs.test");
    OrganisationId first = kit.membership().organisations().create(founder, "Org 00000").id();
    String o = first.toString();
    Seeds.run(ds,
        "CREATE TABLE bench_new_org AS SELECT gen_random_uuid()::text AS id, g FROM generate_series(1, "
            + (organisations - 1) + ") g",
        "INSERT INTO membership_organisation (id, name, name_lower, status, created_at, version)"
            + " SELECT n.id, 'Org ' || lpad(n.g::text, 5, '0'), 'org ' || lpad(n.g::text, 5, '0'), t.status,"
            + " t.created_at, t.version FROM membership_organisation t, bench_new_org n WHERE t.id = '" + o + "'",
        "INSERT INTO membership_role (id, organisation_id, name, name_key, look_key, permissions, version)"
            + " SELECT replace(t.id, t.organisation_id, n.id), n.id, t.name, t.name_key, t.look_key, t.permissions,"
            + " t.version"
            + " FROM membership_role t, bench_new_org n WHERE t.organisation_id = '" + o + "'",
        "INSERT INTO membership_member (id, organisation_id, account_id, live_account_id, email, role_id, status, origin,"
            + " grant_keys, suspended_at, joined_at, updated_at, version)"
            + " SELECT gen_random_uuid()::text, n.id, t.account_id, t.live_account_id, t.email, t.role_id, t.status,"
            + " t.origin, t.grant_keys, t.suspended_at, t.joined_at, t.updated_at, t.version"
            + " FROM membership_member t, bench_new_org n WHERE t.organisation_id = '" + o + "'",
        "DROP TABLE bench_new_org",
        "VACUUM ANALYZE membership_organisation",
        "VACUUM ANALYZE membership_member",
        "INSERT INTO bench_seed VALUES ('orgs', " + organisations + ", '" + o + "', '" + founder + "')");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Page<AccountOrganisation> firstPage() {
    return membership.organisations().of(account, PageRequest.first(50));
  }

  @Benchmark
  public Page<AccountOrganisation> middlePage() {
    return membership.organisations().of(account, middle);
  }

  @Benchmark
  public boolean has() {
    return membership.access().has(account, oneOfThem, Permission.MANAGE_MEMBERS);
  }
}
