package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class PostgresMigrationsTest extends MigrationsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
