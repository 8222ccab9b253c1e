package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;

/** The attacks on accepting and on the access cache on PostgreSQL. */
@OnPostgres
class PostgresAdmissionAndCacheAttacksTest extends AdmissionAndCacheAttacksContract {}
