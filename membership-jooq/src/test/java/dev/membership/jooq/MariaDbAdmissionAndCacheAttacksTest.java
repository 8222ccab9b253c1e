package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's attacks on accepting an invitation and on the access cache, on MariaDB. */
class MariaDbAdmissionAndCacheAttacksTest extends JooqAdmissionAndCacheAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
