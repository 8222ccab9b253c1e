package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.ErasureAndRetentionContract;

/** Erasure of a person and retention on PostgreSQL. */
@OnPostgres
class PostgresErasureAndRetentionTest extends ErasureAndRetentionContract {}
