package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The applications contract (issue 11) on MariaDb. */
class MariaDbApplicationsContractTest extends JooqApplicationsContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
