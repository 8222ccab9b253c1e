package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class H2FaultsTest extends FaultsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
