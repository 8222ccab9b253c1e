package dev.membership.benchmarks;

import dev.membership.jooq.MembershipDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the benchmarks put their data: a schema of their own on the local PostgreSQL
 * ({@code 127.0.0.1:5432}, user {@code postgres}, database {@code test}), a database of their own on
 * the local MariaDB ({@code 127.0.0.1:3306}, user {@code root}), or H2 in memory. Every name starts
 * with {@code bench}, so {@link #dropAll()} finds them.
 */
public final class Databases {
  static final String PG_HOST = System.getProperty("bench.pg", "127.0.0.1:5432");
  static final String PG_ADMIN_URL = "jdbc:postgresql://" + PG_HOST + "/test";
  static final String PG_USER = System.getProperty("bench.pg.user", "postgres");
  static final String MARIADB_HOST = System.getProperty("bench.mariadb", "127.0.0.1:3306");
  static final String MARIADB_USER = System.getProperty("bench.mariadb.user", "root");

  /** The schemas and databases the benchmarks may leave behind on purpose (kept seeded between runs). */
  static final String[] ALL = {"bench", "bench_access", "bench_mutation", "bench_list", "bench_orgs", "bench_probe", "bench_signin", "bench_fleet", KeycloakSideBySide.SCHEMA};

  private Databases() {}

  /** Opens (creating if missing) PostgreSQL schema {@code schema}, migrated, on a HikariCP pool. */
  static MembershipDatabase postgres(String schema) {
    exec(PG_ADMIN_URL, PG_USER, "", "CREATE SCHEMA IF NOT EXISTS " + schema);
    // -Dbench.pg.options=... adds connection parameters, e.g. "&options=-c%20log_statement%3Dall" for Probe.
    return MembershipDatabase.connect("jdbc:postgresql://" + PG_HOST + "/test?currentSchema=" + schema
        + System.getProperty("bench.pg.options", ""), PG_USER, "");
  }

  /**
   * Opens a kept, seeded PostgreSQL schema; if the library's migrations no longer match it (Flyway
   * refuses a changed script), drops it and opens it empty, to be seeded again.
   */
  static MembershipDatabase postgresKept(String schema) {
    try {
      return postgres(schema);
    } catch (RuntimeException staleSchema) {
      System.out.println("re-creating schema " + schema + ": " + staleSchema.getMessage());
      drop("postgresql", schema);
      return postgres(schema);
    }
  }

  static MembershipDatabase mariadb(String database) {
    exec("jdbc:mariadb://" + MARIADB_HOST + "/", MARIADB_USER, "", "CREATE DATABASE IF NOT EXISTS " + database);
    return MembershipDatabase.connect("jdbc:mariadb://" + MARIADB_HOST + "/" + database, MARIADB_USER, "");
  }

  static MembershipDatabase h2(String name) {
    return MembershipDatabase.h2InMemory(name);
  }

  /** Opens the named store: {@code postgresql}, {@code mariadb} or {@code h2}. */
  static MembershipDatabase open(String kind, String name) {
    return switch (kind) {
      case "postgresql" -> postgres(name);
      case "mariadb" -> mariadb(name);
      case "h2" -> h2(name);
      default -> throw new IllegalArgumentException("unknown store " + kind);
    };
  }

  static void drop(String kind, String name) {
    switch (kind) {
      case "postgresql" -> exec(PG_ADMIN_URL, PG_USER, "", "DROP SCHEMA IF EXISTS " + name + " CASCADE");
      case "mariadb" -> exec("jdbc:mariadb://" + MARIADB_HOST + "/", MARIADB_USER, "", "DROP DATABASE IF EXISTS " + name);
      default -> { }
    }
  }

  static void exec(String url, String user, String password, String sql) {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Drops every schema and database the benchmarks create. */
  public static void dropAll() {
    for (String name : ALL) {
      drop("postgresql", name);
      try {
        drop("mariadb", name);
      } catch (IllegalStateException mariaDbNotThere) {
        // Only the permission check uses MariaDB.
      }
    }
  }

  /** {@code java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.Databases drop}. */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("drop")) {
      dropAll();
      System.out.println("dropped the bench* schemas (PostgreSQL) and databases (MariaDB)");
    } else {
      System.err.println("usage: Databases drop");
      System.exit(2);
    }
  }
}
