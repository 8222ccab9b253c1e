package dev.membership.spring.boot.autoconfigure;

import dev.membership.jooq.migrations.MembershipMigrations;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The library's schema on the host's database: applies its migrations as {@link
 * MembershipProperties.Strategy} says, and tells whether any are pending (for the health indicator).
 * The library's scripts keep their own history table ({@value MembershipMigrations#HISTORY_TABLE}),
 * so they never mix with the host's.
 */
public final class MembershipSchema {
  private final DataSource dataSource;
  private final MembershipProperties.Strategy strategy;
  private final Optional<Flyway> hostFlyway;

  public MembershipSchema(DataSource dataSource, MembershipProperties.Strategy strategy, Optional<Flyway> hostFlyway) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.hostFlyway = Objects.requireNonNull(hostFlyway, "hostFlyway");
    if (strategy == MembershipProperties.Strategy.HOST_FLYWAY && hostFlyway.isEmpty()) {
      throw new MembershipConfigurationException(
          "membership.migrations.strategy is host-flyway, but the application has no Flyway bean.",
          "Add Flyway to the application (org.springframework.boot:spring-boot-starter-flyway) or set"
              + " membership.migrations.strategy=library to let Membership run its own migrations.");
    }
  }

  /** Applies the pending migrations unless the strategy is {@code NONE}; returns how many ran. */
  public int migrate() {
    return switch (strategy) {
      case NONE -> 0;
      case LIBRARY, HOST_FLYWAY -> flyway().migrate().migrationsExecuted;
    };
  }

  /** How many of the library's migrations this database lacks. */
  public int pending() {
    return flyway().info().pending().length;
  }

  public MembershipProperties.Strategy strategy() {
    return strategy;
  }

  private Flyway flyway() {
    FluentConfiguration configuration = Flyway.configure(MembershipMigrations.class.getClassLoader());
    if (strategy == MembershipProperties.Strategy.HOST_FLYWAY) {
      // The host's connection settings, schemas, placeholders and callbacks; not its own migrations.
      configuration.configuration(hostFlyway.orElseThrow().getConfiguration()).javaMigrations();
    } else {
      configuration.dataSource(dataSource);
    }
    return MembershipMigrations.configure(configuration).load();
  }
}
