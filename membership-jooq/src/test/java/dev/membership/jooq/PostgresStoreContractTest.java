package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.MembershipStoreContract;

/** The testkit's whole store contract on PostgreSQL. */
@OnPostgres
class PostgresStoreContractTest extends MembershipStoreContract {}
