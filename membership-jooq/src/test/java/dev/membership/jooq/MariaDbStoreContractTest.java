package dev.membership.jooq;

import dev.membership.jooq.support.OnMariaDb;
import dev.membership.testkit.contract.MembershipStoreContract;

/** The testkit's whole store contract on MariaDB. */
@OnMariaDb
class MariaDbStoreContractTest extends MembershipStoreContract {}
