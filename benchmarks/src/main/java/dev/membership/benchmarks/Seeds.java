package dev.membership.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Bulk seeding on PostgreSQL: the library writes one row of each kind through its own calls (so the
 * format is its own), then plain SQL copies that row many times with {@code generate_series}, new ids
 * and addresses. A marker table {@code bench_seed} remembers what a schema holds, so a later run (and
 * each of JMH's forks) reuses it instead of seeding again; {@code Databases drop} removes it.
 */
final class Seeds {
  private Seeds() {}

  /** What the schema was seeded with, or -1 if it was not (completely). */
  static long seeded(DataSource dataSource, String what) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS bench_seed (what VARCHAR(100) PRIMARY KEY, amount BIGINT NOT NULL,"
          + " organisation_id CHAR(36) NOT NULL, account_id CHAR(36) NOT NULL)");
      try (ResultSet r = s.executeQuery("SELECT amount FROM bench_seed WHERE what = '" + what + "'")) {
        return r.next() ? r.getLong(1) : -1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static String[] ids(DataSource dataSource, String what) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT organisation_id, account_id FROM bench_seed WHERE what = '" + what + "'")) {
      r.next();
      return new String[] {r.getString(1), r.getString(2)};
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Makes every account {@code m...@big.test} a member of {@code organisation}, copying the membership of
   * {@code template@big.test} there (the seeding of {@link MemberListBenchmark} and {@link KeycloakSideBySide}).
   */
  static String copyTemplateMembership(String organisation) {
    return "INSERT INTO membership_member (id, organisation_id, account_id, live_account_id, email, role_id, status, origin,"
        + " grant_keys, suspended_at, joined_at, updated_at, version)"
        + " SELECT gen_random_uuid()::text, t.organisation_id, a.id, a.id, a.email, t.role_id, t.status, t.origin,"
        + " t.grant_keys, t.suspended_at, t.joined_at, t.updated_at, t.version"
        + " FROM membership_member t, membership_account a"
        + " WHERE t.organisation_id = '" + organisation + "' AND t.email = 'template@big.test' AND a.email LIKE 'm%@big.test'";
  }

  static void run(DataSource dataSource, String... statements) {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        long start = System.nanoTime();
        s.execute(sql);
        System.out.printf("  seed: %.1f s  %s%n", (System.nanoTime() - start) / 1e9,
            sql.length() > 100 ? sql.substring(0, 100) + "..." : sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
