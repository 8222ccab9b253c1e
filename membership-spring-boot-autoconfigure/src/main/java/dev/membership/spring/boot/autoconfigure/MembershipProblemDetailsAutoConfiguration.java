package dev.membership.spring.boot.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details for Membership's errors, for web hosts that set {@code membership.problem-details.enabled=true}. */
@AutoConfiguration
@ConditionalOnClass(ProblemDetail.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty("membership.problem-details.enabled")
public class MembershipProblemDetailsAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  MembershipProblemDetails membershipProblemDetails() {
    return new MembershipProblemDetails();
  }
}
