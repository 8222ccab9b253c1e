package dev.membership.command;

import dev.membership.domain.EmailAddress;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value is an e-mail address that {@link EmailAddress#of(String)} accepts and a person may give
 * ({@link EmailAddress#isValidInput}: not under the reserved top-level domain {@code .invalid}).
 */
@Documented
@Constraint(validatedBy = ValidEmail.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidEmail {
  String message() default "is not a valid e-mail address";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks with the rules of {@link EmailAddress#isValidInput}. */
  final class Validator implements ConstraintValidator<ValidEmail, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || EmailAddress.isValidInput(value);
    }
  }
}
