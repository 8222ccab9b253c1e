package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.MembershipStoreContract;

/** The testkit's whole store contract on H2. */
@OnH2
class H2StoreContractTest extends MembershipStoreContract {}
