package dev.membership.internal;

import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validates command inputs with Hibernate Validator and turns violations into an
 * {@link InvalidInputException} naming each field. Uses the parameter interpolator, so no Jakarta EL
 * implementation is needed, and never echoes the rejected value.
 */
public final class InputValidator {
  private final Validator validator;

  public InputValidator() {
    ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory();
    this.validator = factory.getValidator();
  }

  /** Throws if {@code command} is null or breaks a constraint. */
  public <T> T check(String name, T command) {
    if (command == null) {
      throw InvalidInputException.of(name, "required", "is required");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(command);
    if (!violations.isEmpty()) {
      Map<String, FieldViolation> byField = new LinkedHashMap<>();
      violations.stream()
          // A field can break several constraints (blank and not an address): report one, always the same.
          .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
              .thenComparing(InputValidator::codeOf))
          .forEach(v -> {
            String field = v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
            byField.putIfAbsent(field, new FieldViolation(field, codeOf(v), v.getMessage()));
          });
      throw new InvalidInputException(List.copyOf(byField.values()));
    }
    return command;
  }

  /**
   * The constraint's own code when it gives one (e.g. {@code invisible_character} from
   * {@code @ValidText}), else its simple name in snake case, e.g. {@code not_blank}, {@code size}.
   */
  private static String codeOf(ConstraintViolation<?> violation) {
    Object dynamic = violation.unwrap(HibernateConstraintViolation.class).getDynamicPayload(String.class);
    if (dynamic instanceof String code) {
      return code;
    }
    String simple = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    return Objects.requireNonNull(simple).replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
