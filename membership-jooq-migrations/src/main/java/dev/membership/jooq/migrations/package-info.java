/**
 * The jOOQ store's schema and how to apply it: {@link dev.membership.jooq.migrations.MembershipMigrations}
 * runs the versioned SQL scripts this jar holds ({@code db/membership/migration}) with Flyway, into
 * their own history table. A host with another migration tool reads the same scripts from the jar.
 */
@NullMarked
package dev.membership.jooq.migrations;

import org.jspecify.annotations.NullMarked;
