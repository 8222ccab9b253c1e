package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's store contract on MariaDb. */
class MariaDbStoreContractTest extends JooqContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
