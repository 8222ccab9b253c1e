package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.HeldAttacksContract;

/**
 * The testkit's held attacks on the trust rules (claiming, account events, the last owner,
 * inviters, floods, throttling, look-alike names, address forms) on H2; the races run on real row
 * locks here.
 */
@OnH2
class H2HeldAttacksTest extends HeldAttacksContract {}
