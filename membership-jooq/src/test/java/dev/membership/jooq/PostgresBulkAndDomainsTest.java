package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Bulk invitations and verified domains on Postgres. */
class PostgresBulkAndDomainsTest extends JooqBulkAndDomainsBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.POSTGRES;
  }
}
