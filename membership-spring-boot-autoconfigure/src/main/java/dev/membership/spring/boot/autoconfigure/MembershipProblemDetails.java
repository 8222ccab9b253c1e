package dev.membership.spring.boot.autoconfigure;

import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.IllegalStateTransitionException;
import dev.membership.error.InvalidCredentialsException;
import dev.membership.error.InvalidInputException;
import dev.membership.error.MembershipException;
import dev.membership.error.NotFoundException;
import dev.membership.error.PermissionDeniedException;
import dev.membership.error.ThrottledException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A {@link MembershipException} leaving a controller as an RFC 9457 problem detail ({@code
 * application/problem+json}): {@code type} {@code urn:membership:error:<code>}, {@code title} and
 * {@code detail} for a person, and the members {@code code} (the stable {@code ErrorCode}) and {@code
 * fields} (each {@code field}, {@code code}, {@code message}) for a program. A throttled request gets
 * {@code 429} and {@code Retry-After}. Turned on by {@code membership.problem-details.enabled=true};
 * the host's own handlers for these exceptions come first (this advice has the lowest precedence).
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class MembershipProblemDetails {

  @ExceptionHandler(MembershipException.class)
  public ResponseEntity<ProblemDetail> handle(MembershipException exception) {
    ProblemDetail problem = of(exception);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
    if (exception instanceof ThrottledException throttled) {
      response.header(HttpHeaders.RETRY_AFTER,
          Long.toString(Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000)));
    }
    return response.body(problem);
  }

  /** The problem detail of {@code exception}. */
  public static ProblemDetail of(MembershipException exception) {
    HttpStatus status = status(exception);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, exception.getMessage());
    String code = exception.code().name();
    problem.setType(URI.create("urn:membership:error:" + code.toLowerCase(Locale.ROOT).replace('_', '-')));
    problem.setTitle(title(code));
    problem.setProperty("code", code);
    List<Map<String, String>> fields = exception.fields().stream().map(f -> {
      Map<String, String> field = new LinkedHashMap<>();
      field.put("field", f.field());
      field.put("code", f.code());
      field.put("message", f.message());
      return field;
    }).toList();
    problem.setProperty("fields", fields);
    return problem;
  }

  static HttpStatus status(MembershipException exception) {
    return switch (exception) {
      case InvalidInputException e -> HttpStatus.BAD_REQUEST;
      case InvalidCredentialsException e -> HttpStatus.BAD_REQUEST;
      case PermissionDeniedException e -> HttpStatus.FORBIDDEN;
      case NotFoundException e -> HttpStatus.NOT_FOUND;
      case ConflictException e -> HttpStatus.CONFLICT;
      case ConcurrentModificationException e -> HttpStatus.CONFLICT;
      case IllegalStateTransitionException e -> HttpStatus.CONFLICT;
      case ThrottledException e -> HttpStatus.TOO_MANY_REQUESTS;
    };
  }

  private static String title(String code) {
    String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
