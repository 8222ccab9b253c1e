package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.BulkAndDomainsContract;

/** The testkit's bulk-invitation and domain contracts on PostgreSQL. */
@OnPostgres
class PostgresBulkAndDomainsTest extends BulkAndDomainsContract {}
