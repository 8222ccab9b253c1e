package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class MariaDbStatementCountsTest extends StatementCountsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
