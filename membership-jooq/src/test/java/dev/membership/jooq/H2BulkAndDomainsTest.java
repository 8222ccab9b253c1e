package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.BulkAndDomainsContract;

/** The testkit's bulk-invitation and domain contracts on H2. */
@OnH2
class H2BulkAndDomainsTest extends BulkAndDomainsContract {}
