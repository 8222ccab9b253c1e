package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.KeptTextAttacksContract;

/** The attacks on the kept texts on H2. */
@OnH2
class H2KeptTextAttacksTest extends KeptTextAttacksContract {}
