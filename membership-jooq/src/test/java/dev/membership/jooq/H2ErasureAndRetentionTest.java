package dev.membership.jooq;

import dev.membership.jooq.support.OnH2;
import dev.membership.testkit.contract.ErasureAndRetentionContract;

/** Erasure of a person and retention on H2. */
@OnH2
class H2ErasureAndRetentionTest extends ErasureAndRetentionContract {}
