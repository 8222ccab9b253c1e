package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.HeldAttacksContract;

/**
 * The testkit's held attacks on the trust rules (claiming, account events, the last owner,
 * inviters, floods, throttling, look-alike names, address forms) on PostgreSQL; the races run on
 * real row locks here.
 */
@OnPostgres
class PostgresHeldAttacksTest extends HeldAttacksContract {}
