package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's store contract on Postgres. */
class PostgresStoreContractTest extends JooqContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
