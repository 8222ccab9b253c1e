package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's store contract on H2. */
class H2StoreContractTest extends JooqContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
