package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class MariaDbFleetTest extends FleetBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
