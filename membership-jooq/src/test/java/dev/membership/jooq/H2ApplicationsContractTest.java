package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** The applications contract (issue 11) on H2. */
class H2ApplicationsContractTest extends JooqApplicationsContractBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
