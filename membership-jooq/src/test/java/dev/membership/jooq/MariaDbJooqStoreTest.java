package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class MariaDbJooqStoreTest extends JooqStoreBehaviour implements SkipLockedClaims {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
