package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class H2StatementCountsTest extends StatementCountsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
