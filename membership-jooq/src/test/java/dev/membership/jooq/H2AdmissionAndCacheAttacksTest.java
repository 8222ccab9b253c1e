package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's attacks on accepting an invitation and on the access cache, on H2. */
class H2AdmissionAndCacheAttacksTest extends JooqAdmissionAndCacheAttacksBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
