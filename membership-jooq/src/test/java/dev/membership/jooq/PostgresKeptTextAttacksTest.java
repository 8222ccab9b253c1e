package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.KeptTextAttacksContract;

/** The attacks on the kept texts on PostgreSQL. */
@OnPostgres
class PostgresKeptTextAttacksTest extends KeptTextAttacksContract {}
