/**
 * Membership's jOOQ store: {@link dev.membership.jooq.JooqMembershipStore} (core's store port on a
 * host's {@code DataSource} or jOOQ {@code Configuration}) and {@link dev.membership.jooq.MembershipDatabase}
 * (a migrated HikariCP pool with the store on it, embedded H2 by default). Only
 * {@code dev.membership.jooq} is exported; {@code dev.membership.jooq.internal} (the ports'
 * implementations, the generated tables) is not, and may change in any release.
 *
 * <p>The schema and {@code MembershipMigrations}, which applies it with Flyway, are in
 * {@code membership-jooq-migrations}, the automatic module {@code dev.membership.jooq.migrations}:
 * Flyway's jars name no module, and this descriptor names none of Flyway's.
 */
module dev.membership.jooq {
  exports dev.membership.jooq;

  requires transitive dev.membership.core;
  // JooqMembershipStore takes and returns jOOQ types (Configuration, SQLDialect, ExecuteListener).
  requires transitive org.jooq;
  // Takes and returns DataSource.
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  // MembershipDatabase migrates with MembershipMigrations.migrate(DataSource), whose signature has no
  // Flyway type: the automatic module reads Flyway, this one needs not.
  requires dev.membership.jooq.migrations;
  requires static org.jspecify;

  // jOOQ makes the generated records by reflection; only jOOQ may, no host.
  opens dev.membership.jooq.internal.generated.tables.records to org.jooq;
}
