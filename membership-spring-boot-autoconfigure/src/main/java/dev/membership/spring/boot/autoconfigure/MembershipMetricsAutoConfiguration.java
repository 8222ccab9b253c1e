package dev.membership.spring.boot.autoconfigure;

import dev.membership.micrometer.MicrometerCommandObserver;
import dev.membership.micrometer.OutboxMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer for Membership, when {@code membership-micrometer} and a {@link MeterRegistry} are there:
 * a {@link MicrometerCommandObserver} (timers, sign-in outcomes, throttle hits; an Observation per
 * command on the host's {@link ObservationRegistry}, so its tracing shows them) that the Membership
 * bean picks up when it is created, and the outbox gauges read from the database at most every 10 seconds.
 */
@AutoConfiguration(
    after = MembershipAutoConfiguration.class,
    afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({MicrometerCommandObserver.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class MembershipMetricsAutoConfiguration {
  static final Duration GAUGE_REFRESH = Duration.ofSeconds(10);

  @Bean
  @ConditionalOnMissingBean
  MicrometerCommandObserver membershipCommandObserver(MeterRegistry meters,
      ObjectProvider<ObservationRegistry> observations) {
    return new MicrometerCommandObserver(meters, observations.getIfUnique(() -> ObservationRegistry.NOOP));
  }

  /** The outbox gauges, on the jOOQ store's outbox. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(OutboxBacklog.class)
  OutboxMetrics membershipOutboxMetrics(MeterRegistry meters, OutboxBacklog backlog) {
    return OutboxMetrics.bind(meters, () -> {
      OutboxBacklog.Reading reading = backlog.read();
      return new OutboxMetrics.Snapshot(reading.pending(), reading.oldestPendingAge(), reading.deadLetters());
    }, GAUGE_REFRESH);
  }
}
