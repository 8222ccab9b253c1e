package dev.membership.jooq;

import dev.membership.jooq.support.OnMariaDb;
import dev.membership.testkit.contract.KeptTextAttacksContract;

/** The attacks on the kept texts on MariaDB. */
@OnMariaDb
class MariaDbKeptTextAttacksTest extends KeptTextAttacksContract {}
