package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class H2ConcurrencyTest extends ConcurrencyBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
