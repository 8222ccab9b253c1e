package dev.membership.spring.boot.autoconfigure;

import static dev.membership.spring.boot.autoconfigure.MembershipAutoConfigurationTest.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.Role;
import dev.membership.micrometer.MicrometerCommandObserver;
import dev.membership.micrometer.OutboxMetrics;
import dev.membership.spi.CommandObserver;
import dev.membership.testkit.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics and health: wired when Micrometer and Boot's health support are there, and only then. */
class MembershipObservabilityTest {

  private static ApplicationContextRunner withMetrics() {
    return MembershipAutoConfigurationTest.runner()
        .withConfiguration(AutoConfigurations.of(MembershipMetricsAutoConfiguration.class,
            MembershipHealthAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
  }

  @Test
  void with_a_meter_registry_every_command_is_timed_by_command_and_outcome_and_the_outbox_has_gauges() {
    withMetrics().run(context -> {
      Memberships membership = context.getBean(Memberships.class);
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      AccountId ann = account(membership, context.getBean(MembershipAutoConfigurationTest.Host.class).sent,
          "ann@example.com");
      membership.organisations().create(ann, "Acme");

      assertThat(meters.get(MicrometerCommandObserver.COMMANDS)
          .tags("command", "organisations.create", "outcome", "OK").timer().count()).isEqualTo(1);
      assertThat(meters.get(OutboxMetrics.BACKLOG).gauge().value()).isZero();
      assertThat(meters.get(OutboxMetrics.DEAD_LETTERS).gauge().value()).isZero();
    });
  }

  @Test
  void without_a_meter_registry_there_is_no_metrics_observer() {
    MembershipAutoConfigurationTest.runner()
        .withConfiguration(AutoConfigurations.of(MembershipMetricsAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerCommandObserver.class)
            .doesNotHaveBean(OutboxMetrics.class));
  }

  @Test
  void without_membership_micrometer_on_the_class_path_metrics_stay_off_and_membership_starts() {
    withMetrics().withClassLoader(new FilteredClassLoader(MicrometerCommandObserver.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Memberships.class)
            .doesNotHaveBean(CommandObserver.class));
  }

  @Test
  void a_command_observer_the_host_defines_hears_the_commands_beside_the_metrics() {
    List<String> heard = new CopyOnWriteArrayList<>();
    withMetrics().withBean("audit", CommandObserver.class, () -> command -> (outcome, error) ->
            heard.add(command + " " + outcome))
        .run(context -> {
          Memberships membership = context.getBean(Memberships.class);
          AccountId ann = account(membership, context.getBean(MembershipAutoConfigurationTest.Host.class).sent,
              "ann@example.com");
          membership.organisations().create(ann, "Acme");
          assertThat(heard).contains("organisations.create OK");
          assertThat(context.getBean(MeterRegistry.class).get(MicrometerCommandObserver.COMMANDS)
              .tags("command", "organisations.create").timer().count()).isEqualTo(1);
        });
  }

  @Test
  void health_is_up_with_the_store_reachable_migrations_current_and_the_outbox_moving() {
    withMetrics().run(context -> {
      Health health = context.getBean(MembershipHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("store", "reachable").containsEntry("migrations", "current")
          .containsEntry("outbox", "moving").containsEntry("outboxBacklog", 0L);
    });
  }

  @Test
  void health_is_down_while_library_migrations_are_pending() {
    withMetrics().withPropertyValues("membership.migrations.strategy=none").run(context -> {
      Health health = context.getBean(MembershipHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("migrations")).endsWith("pending");
    });
  }

  @Test
  void health_is_down_when_a_due_notification_waits_longer_than_the_stuck_threshold_for_a_dispatcher() {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    withMetrics().withBean(MutableClock.class, () -> clock)
        .withPropertyValues("membership.outbox.deliver-after-commit=false", "membership.health.outbox-stuck-after=5m")
        .run(context -> {
          Memberships membership = context.getBean(Memberships.class);
          membership.accounts().register(dev.membership.command.Registration.of("ann@example.com", "Ann",
              MembershipAutoConfigurationTest.PASSWORD));
          MembershipHealthIndicator indicator = context.getBean(MembershipHealthIndicator.class);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

          clock.advance(Duration.ofMinutes(6));

          Health health = indicator.health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat((String) health.getDetails().get("outbox")).startsWith("stuck");
          assertThat(health.getDetails()).containsEntry("outboxBacklog", 1L);
        });
  }

  @Test
  void health_is_down_when_the_store_cannot_be_reached() {
    withMetrics().run(context -> {
      ((com.zaxxer.hikari.HikariDataSource) context.getBean(javax.sql.DataSource.class)).close();
      Health health = context.getBean(MembershipHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("store")).startsWith("unreachable");
    });
  }

  @Test
  void without_boot_health_support_on_the_class_path_there_is_no_indicator_and_membership_starts() {
    withMetrics().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Memberships.class)
            .doesNotHaveBean(MembershipHealthIndicator.class));
  }

  @Test
  void the_health_indicator_can_be_turned_off() {
    withMetrics().withPropertyValues("management.health.membership.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(MembershipHealthIndicator.class));
  }

  @Test
  void invitations_are_counted_through_a_fleet_wide_metric_name_with_no_identifiers() {
    withMetrics().run(context -> {
      Memberships membership = context.getBean(Memberships.class);
      AccountId ann = account(membership, context.getBean(MembershipAutoConfigurationTest.Host.class).sent,
          "ann@example.com");
      var acme = membership.organisations().create(ann, "Acme");
      membership.invitations().invite(ann, acme.id(), Invite.of("bob@example.com", Role.MEMBER));
      context.getBean(MeterRegistry.class).getMeters().forEach(meter ->
          assertThat(meter.getId().getTags()).allSatisfy(tag ->
              assertThat(tag.getValue()).doesNotContain(acme.id().toString(), ann.toString(), "@")));
    });
  }
}
