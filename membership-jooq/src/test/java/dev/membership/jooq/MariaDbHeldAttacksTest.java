package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's held attacks on the trust rules, on MariaDb. */
class MariaDbHeldAttacksTest extends JooqHeldAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
