package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Erasure of a person and retention on H2. */
class H2ErasureAndRetentionTest extends JooqErasureAndRetentionBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
