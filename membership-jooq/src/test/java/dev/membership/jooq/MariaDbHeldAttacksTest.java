package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's attacks on issue 7's rules on MariaDb. */
class MariaDbHeldAttacksTest extends JooqHeldAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
