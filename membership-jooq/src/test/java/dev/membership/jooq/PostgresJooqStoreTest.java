package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresJooqStoreTest extends JooqStoreBehaviour implements SkipLockedClaims {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
