package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The applications contract (issue 11) on Postgres. */
class PostgresApplicationsContractTest extends JooqApplicationsContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
