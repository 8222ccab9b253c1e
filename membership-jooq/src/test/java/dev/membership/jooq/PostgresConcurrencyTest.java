package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresConcurrencyTest extends ConcurrencyBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
