package dev.membership.examples.console.web;

import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.error.NotFoundException;
import dev.membership.error.ThrottledException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns the library's typed errors into sentences a person understands: each {@link ErrorCode} has
 * one in {@code messages.properties}, and each field at fault is named the way the form labels it.
 */
@Component
public class ErrorMessages {
  private final MessageSource messages;

  public ErrorMessages(MessageSource messages) {
    this.messages = messages;
  }

  public String sentence(MembershipException error) {
    Locale locale = LocaleContextHolder.getLocale();
    if (error.code() == ErrorCode.INVALID_INPUT && !error.fields().isEmpty()) {
      return error.fields().stream().map(f -> sentence(f, locale)).collect(Collectors.joining(" "));
    }
    // A throttled attempt says how long to wait ({0} in its sentence).
    Object[] arguments = error instanceof ThrottledException throttled
        ? new Object[] {WaitSentence.of(throttled.retryAfter())}
        : null;
    return messages.getMessage("error." + error.code().name(), arguments, error.getMessage(), locale);
  }

  private String sentence(FieldViolation violation, Locale locale) {
    String label = messages.getMessage("field." + violation.field(), null, violation.field(), locale);
    String text = messages.getMessage("violation." + violation.code(), null, violation.message(), locale);
    return label + " " + text + (text.endsWith(".") ? "" : ".");
  }

  /** The HTTP status that says the same as the error. */
  public static HttpStatus status(MembershipException error) {
    if (error instanceof NotFoundException) {
      return HttpStatus.NOT_FOUND; // every *_NOT_FOUND code, e.g. a dead letter or a domain
    }
    return switch (error.code()) {
      case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      case INVALID_CREDENTIALS -> HttpStatus.UNAUTHORIZED;
      default -> HttpStatus.CONFLICT;
    };
  }
}
