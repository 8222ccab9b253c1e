package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's held attacks on the trust rules, on H2. */
class H2HeldAttacksTest extends JooqHeldAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
