package dev.membership.jooq;

import dev.membership.jooq.support.OnMariaDb;
import dev.membership.testkit.contract.AdmissionAndCacheAttacksContract;

/** The attacks on accepting and on the access cache on MariaDB. */
@OnMariaDb
class MariaDbAdmissionAndCacheAttacksTest extends AdmissionAndCacheAttacksContract {}
