package dev.membership.jooq;

import dev.membership.jooq.support.OnPostgres;
import dev.membership.testkit.contract.AdversarialContract;

/**
 * The testkit's adversarial contract (attacks on tokens, tenancy, escalation, the last owner,
 * enumeration, secrets) on PostgreSQL; the races run on real row locks here. Link erasure in the
 * outbox is proven by the store's own tests, so the contract's outbox view stays empty.
 */
@OnPostgres
class PostgresAdversarialTest extends AdversarialContract {}
