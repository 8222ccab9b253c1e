package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's held attacks on the trust rules, on Postgres. */
class PostgresHeldAttacksTest extends JooqHeldAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
