package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The testkit's adversarial contract on H2. */
class H2AdversarialTest extends JooqAdversarialBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
