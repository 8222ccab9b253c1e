package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresFaultsTest extends FaultsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
