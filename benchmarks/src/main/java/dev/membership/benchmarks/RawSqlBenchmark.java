package dev.membership.benchmarks;

import dev.membership.domain.Permission;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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
 * The library beside the SQL it stands for, in one run on the same PostgreSQL and pool (issue 12):
 * {@code page}, {@code members().list} page of 50 at the first, middle or last page, against
 * {@code pageJdbcKeyset}, the same members read by a hand-written keyset query over
 * {@code (organisation_id, email, id)} into plain arrays; {@code check}, {@code access().has}, against
 * {@code checkJdbcPrimaryKey}, the membership's role and status read by its unique key
 * {@code (organisation_id, live_account_id)}. Both JDBC sides run in auto-commit, with pgjdbc's
 * server-side prepared statements. Data: the schema {@code bench_list} of {@link MemberListBenchmark}
 * ({@code members} members, seeded once, then {@code VACUUM ANALYZE}d).
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar RawSqlBenchmark -p members=20000 -prof gc}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RawSqlBenchmark {
  static final String KEYSET = "SELECT m.id, m.email, m.role_id, m.status, m.origin, m.grant_keys,"
      + " m.suspended_at, m.joined_at, m.updated_at, m.version, m.account_id, a.display_name, a.last_sign_in_at"
      + " FROM membership_member m JOIN membership_account a ON a.id = m.account_id"
      + " WHERE m.organisation_id = ? %s ORDER BY m.email, m.id LIMIT 51";
  static final String ACCESS = "SELECT role_id, status FROM membership_member"
      + " WHERE organisation_id = ? AND live_account_id = ?";

  @Param({"20000"})
  public long members;

  @Param({"first", "middle", "last"})
  public String depth;

  private final MemberListBenchmark list = new MemberListBenchmark();
  private String keyset;

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    list.members = members;
    list.depth = depth;
    list.setUp();
    keyset = String.format(KEYSET, list.after.length == 0 ? "" : "AND (m.email, m.id) > (?, ?)");
    if (pageJdbcKeyset().size() != 51 && !"last".equals(depth)) {
      throw new IllegalStateException("the keyset query should read a full page");
    }
    if (!check() || !checkJdbcPrimaryKey()) {
      throw new IllegalStateException("the owner should manage members");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    list.tearDown();
  }

  @Benchmark
  public Page<MemberRow> page() {
    return list.page();
  }

  @Benchmark
  public List<Object[]> pageJdbcKeyset() throws SQLException {
    return keysetPage(list.database.dataSource(), keyset, list.organisation.toString(), list.after);
  }

  /** The hand-written keyset page: up to 51 rows of 13 columns after {@code after} (email, id), if given. */
  static List<Object[]> keysetPage(DataSource dataSource, String sql, String organisation, String[] after)
      throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, organisation);
      if (after.length == 2) {
        s.setString(2, after[0]);
        s.setString(3, after[1]);
      }
      List<Object[]> rows = new ArrayList<>(51);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          Object[] row = new Object[13];
          for (int i = 0; i < row.length; i++) {
            row[i] = r.getObject(i + 1);
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  @Benchmark
  public boolean check() {
    return list.membership.access().has(list.owner, list.organisation, Permission.MANAGE_MEMBERS);
  }

  @Benchmark
  public boolean checkJdbcPrimaryKey() throws SQLException {
    try (Connection c = list.database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(ACCESS)) {
      s.setString(1, list.organisation.toString());
      s.setString(2, list.owner.toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getString(2).equals("ACTIVE") && r.getString(1).equals("owner");
      }
    }
  }
}
