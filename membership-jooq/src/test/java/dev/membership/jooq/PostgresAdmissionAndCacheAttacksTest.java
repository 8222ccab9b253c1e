package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's attacks on accepting an invitation and on the access cache, on Postgres. */
class PostgresAdmissionAndCacheAttacksTest extends JooqAdmissionAndCacheAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
