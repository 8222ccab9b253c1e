package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class MariaDbConcurrencyTest extends ConcurrencyBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
