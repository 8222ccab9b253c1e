package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's adversarial contract on MariaDB. */
class MariaDbAdversarialTest extends JooqAdversarialBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
