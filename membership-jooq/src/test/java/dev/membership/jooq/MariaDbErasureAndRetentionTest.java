package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Erasure of a person and retention on MariaDb. */
class MariaDbErasureAndRetentionTest extends JooqErasureAndRetentionBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
