/**
 * The persistence adapter: the library's data in H2, PostgreSQL or MariaDB/MySQL through jOOQ.
 * {@link dev.membership.jooq.JooqMembershipStore} implements the core's store port on a host's
 * {@code DataSource}; {@code dev.membership.jooq.migrations.MembershipMigrations} (in
 * {@code membership-jooq-migrations}) creates and upgrades the schema with Flyway (its own history
 * table, so a host's Flyway is left alone);
 * {@link dev.membership.jooq.MembershipDatabase} is the zero-setup bundle of both on a HikariCP pool,
 * with embedded H2 as the default. Everything else lives in the internal packages and may change.
 */
@NullMarked
package dev.membership.jooq;

import org.jspecify.annotations.NullMarked;
