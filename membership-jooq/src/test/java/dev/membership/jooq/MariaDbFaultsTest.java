package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class MariaDbFaultsTest extends FaultsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
