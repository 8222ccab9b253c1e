package dev.membership.jooq;

import dev.membership.jooq.support.OnMariaDb;
import dev.membership.testkit.contract.BulkAndDomainsContract;

/** The testkit's bulk-invitation and domain contracts on MariaDB. */
@OnMariaDb
class MariaDbBulkAndDomainsTest extends BulkAndDomainsContract {}
