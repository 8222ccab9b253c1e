package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's adversarial contract on Postgres. */
class PostgresAdversarialTest extends JooqAdversarialBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
