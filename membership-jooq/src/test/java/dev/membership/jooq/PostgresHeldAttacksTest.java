package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's attacks on issue 7's rules on Postgres. */
class PostgresHeldAttacksTest extends JooqHeldAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
