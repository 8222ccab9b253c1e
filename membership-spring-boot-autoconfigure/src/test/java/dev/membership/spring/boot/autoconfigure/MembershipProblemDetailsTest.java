package dev.membership.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.error.NotFoundException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.error.ThrottledException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem details: only for web hosts that opt in; code and fields for programs. */
class MembershipProblemDetailsTest {
  private final WebApplicationContextRunner web = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MembershipProblemDetailsAutoConfiguration.class));

  @Test
  void problem_details_are_off_unless_the_host_opts_in() {
    web.run(context -> assertThat(context).doesNotHaveBean(MembershipProblemDetails.class));
    web.withPropertyValues("membership.problem-details.enabled=true")
        .run(context -> assertThat(context).hasSingleBean(MembershipProblemDetails.class));
  }

  @Test
  void an_application_that_is_not_a_web_application_gets_no_advice_even_when_opted_in() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(MembershipProblemDetailsAutoConfiguration.class))
        .withPropertyValues("membership.problem-details.enabled=true")
        .run(context -> assertThat(context).doesNotHaveBean(MembershipProblemDetails.class));
  }

  @Test
  void bad_input_is_a_400_problem_with_the_stable_code_and_every_field_at_fault() {
    var response = new MembershipProblemDetails().handle(InvalidInputException.of("email", "not_an_email",
        "is not an e-mail address"));

    ProblemDetail problem = response.getBody();
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    assertThat(problem.getType()).isEqualTo(URI.create("urn:membership:error:invalid-input"));
    assertThat(problem.getTitle()).isEqualTo("Invalid input");
    assertThat(problem.getProperties()).containsEntry("code", "INVALID_INPUT")
        .containsEntry("fields", List.of(Map.of("field", "email", "code", "not_an_email",
            "message", "is not an e-mail address")));
  }

  @Test
  void each_kind_of_refusal_has_its_http_status() {
    assertThat(MembershipProblemDetails.of(new PermissionDeniedException("no")).getStatus()).isEqualTo(403);
    assertThat(MembershipProblemDetails.of(new NotFoundException(ErrorCode.ORGANISATION_NOT_FOUND, "no"))
        .getStatus()).isEqualTo(404);
  }

  @Test
  void a_throttled_request_is_a_429_with_retry_after_in_whole_seconds_rounded_up() {
    var response = new MembershipProblemDetails().handle(
        new ThrottledException(ErrorCode.SIGN_UP_THROTTLED, "wait", Duration.ofMillis(1500)));

    assertThat(response.getStatusCode().value()).isEqualTo(429);
    assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    assertThat(response.getBody().getProperties()).containsEntry("code", "SIGN_UP_THROTTLED");
  }
}
