package dev.membership.jooq.support;

/** The databases the store is proven on. */
public enum DatabaseKind {
  /** Embedded, in memory: always there. */
  H2,
  /** The server at 127.0.0.1:5432 (user postgres, trust auth, database test). */
  POSTGRES,
  /** The server at 127.0.0.1:3306 (user root, no password). */
  MARIADB
}
