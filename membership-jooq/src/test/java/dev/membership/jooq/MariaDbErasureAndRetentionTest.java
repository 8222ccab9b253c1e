package dev.membership.jooq;

import dev.membership.jooq.support.OnMariaDb;
import dev.membership.testkit.contract.ErasureAndRetentionContract;

/** Erasure of a person and retention on MariaDB. */
@OnMariaDb
class MariaDbErasureAndRetentionTest extends ErasureAndRetentionContract {}
