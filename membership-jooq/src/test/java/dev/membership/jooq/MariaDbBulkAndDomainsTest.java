package dev.membership.jooq;

import dev.membership.jooq.support.DatabaseKind;

/** Bulk invitations and verified domains on MariaDb. */
class MariaDbBulkAndDomainsTest extends JooqBulkAndDomainsBase {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }
}
