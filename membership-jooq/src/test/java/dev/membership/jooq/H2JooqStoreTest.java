package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class H2JooqStoreTest extends JooqStoreBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
