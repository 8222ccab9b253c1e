package dev.membership.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code membership} health indicator, when Boot's health support (Actuator) is there and
 * Membership runs on the jOOQ store; {@code management.health.membership.enabled=false} turns it off.
 */
@AutoConfiguration(after = MembershipAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({OutboxBacklog.class, MembershipSchema.class})
@ConditionalOnEnabledHealthIndicator("membership")
public class MembershipHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean(name = "membershipHealthIndicator")
  MembershipHealthIndicator membershipHealthIndicator(OutboxBacklog backlog, MembershipSchema schema,
      MembershipProperties properties) {
    return new MembershipHealthIndicator(backlog, schema, properties.health().outboxStuckAfter());
  }
}
