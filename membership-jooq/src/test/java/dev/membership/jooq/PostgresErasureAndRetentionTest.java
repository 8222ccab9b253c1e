package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Erasure of a person and retention on Postgres. */
class PostgresErasureAndRetentionTest extends JooqErasureAndRetentionBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
