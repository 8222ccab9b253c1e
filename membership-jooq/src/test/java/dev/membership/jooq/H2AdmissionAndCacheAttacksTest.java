package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;

/** The attacks on accepting and on the access cache on H2. */
@OnH2
class H2AdmissionAndCacheAttacksTest extends AdmissionAndCacheAttacksContract {}
