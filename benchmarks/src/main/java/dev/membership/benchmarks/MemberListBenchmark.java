package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.query.Cursor;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.testkit.TestMembership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Measures "member list page of 50": {@code members().list(owner, org, all().withPage(...))} in an
 * organisation of {@code members} members on PostgreSQL, at the first page, the middle one and the
 * last one (a cursor made from the row at that depth, as "Next page" would carry). Target: <= 5 ms at
 * any depth at 1,000,000 members. The schema {@code bench_list} is seeded once (about a minute per
 * million on the machine of the README) and kept for the next run; drop it with {@code Databases drop}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MemberListBenchmark {
  private static final String NAME = "bench_list";

  @Param({"1000000"})
  public long members;

  @Param({"first", "middle", "last"})
  public String depth;

  MembershipDatabase database;
  Memberships membership;
  AccountId owner;
  OrganisationId organisation;
  MemberQuery query;
  /** The (email, id) the page starts after; empty on the first page. */
  String[] after = new String[0];

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = Databases.postgresKept(NAME);
    DataSource ds = database.dataSource();
    if (Seeds.seeded(ds, "list") != members) {
      database.close();
      Databases.drop("postgresql", NAME);
      database = Databases.postgres(NAME);
      ds = database.dataSource();
      Seeds.seeded(ds, "list");
      seed(ds);
    }
    TestMembership kit = TestMembership.on(database.store());
    membership = kit.membership();
    String[] ids = Seeds.ids(ds, "list");
    organisation = OrganisationId.of(ids[0]);
    owner = AccountId.of(ids[1]);
    long total;
    try (Connection c = ds.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM membership_member WHERE organisation_id = ?")) {
      s.setString(1, organisation.toString());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        total = r.getLong(1);
      }
    }
    long offset = switch (depth) {
      case "first" -> -1;
      case "middle" -> total / 2;
      case "last" -> total - 51;
      default -> throw new IllegalArgumentException(depth);
    };
    PageRequest page = PageRequest.first(50);
    if (offset >= 0) {
      try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
          "SELECT email, id FROM membership_member WHERE organisation_id = ? ORDER BY email, id OFFSET ? LIMIT 1")) {
        s.setString(1, organisation.toString());
        s.setLong(2, offset);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          page = PageRequest.first(50).after(Cursor.encode(r.getString(1), r.getString(2)));
          after = new String[] {r.getString(1), r.getString(2)};
        }
      }
    }
    query = MemberQuery.all().withPage(page);
    Page<MemberRow> got = membership.members().list(owner, organisation, query);
    if (got.items().size() != 50) {
      throw new IllegalStateException("expected a full page, got " + got.items().size());
    }
    System.out.printf("%n%d members; page after row %d starts at %s%n", total, offset, got.items().get(0).email());
  }

  private void seed(DataSource ds) {
    TestMembership kit = TestMembership.on(database.store());
    Memberships m = kit.membership();
    AccountId founder = kit.account("owner@big.test");
    OrganisationId org = m.organisations().create(founder, "Big").id();
    kit.join(org, founder, "template@big.test", Role.MEMBER);
    String o = org.toString();
    Seeds.run(ds,
        "INSERT INTO membership_account (id, email, display_name, display_name_lower, password_hash, credential_state,"
            + " temporary_password_expires_at, created_by_organisation_id, last_sign_in_at, created_at, version)"
            + " SELECT gen_random_uuid()::text, 'm' || lpad(g::text, 7, '0') || '@big.test', 'Member ' || g,"
            + " 'member ' || g, t.password_hash, t.credential_state, t.temporary_password_expires_at,"
            + " t.created_by_organisation_id, t.last_sign_in_at, t.created_at, t.version"
            + " FROM membership_account t, generate_series(1, " + (members - 2) + ") g"
            + " WHERE t.email = 'template@big.test'",
        Seeds.copyTemplateMembership(o),
        "VACUUM ANALYZE membership_account",
        "VACUUM ANALYZE membership_member",
        "INSERT INTO bench_seed VALUES ('list', " + members + ", '" + o + "', '" + founder + "')");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Page<MemberRow> page() {
    return membership.members().list(owner, organisation, query);
  }
}
