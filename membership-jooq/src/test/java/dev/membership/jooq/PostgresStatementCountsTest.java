package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresStatementCountsTest extends StatementCountsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
