package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresFleetTest extends FleetBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
