package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

class H2MigrationsTest extends MigrationsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
