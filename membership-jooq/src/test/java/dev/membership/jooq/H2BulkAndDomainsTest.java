package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Bulk invitations and verified domains on H2. */
class H2BulkAndDomainsTest extends JooqBulkAndDomainsBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.H2;
  }
}
