package dev.membership.command;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/**
 * The value is text a person may type, by the rules of {@link TypedText} (no control, bidi or
 * invisible characters...). The violation's code is the problem's own, e.g. {@code bidi_control}.
 * The value is expected cleaned already ({@link TypedText#clean}); null and empty values are left to
 * {@code @NotBlank}.
 */
@Documented
@Constraint(validatedBy = ValidText.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidText {
  String message() default "contains characters that are not allowed";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Whether line breaks are kept (a message) or refused (a name). */
  TypedText.Lines lines() default TypedText.Lines.ONE;

  /** Checks with {@link TypedText#problem}; reports the problem's code as the violation's dynamic payload. */
  final class Validator implements ConstraintValidator<ValidText, String> {
    private TypedText.Lines lines = TypedText.Lines.ONE;

    @Override
    public void initialize(ValidText annotation) {
      lines = annotation.lines();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      Optional<TypedText.Problem> problem = TypedText.problem(value, lines);
      if (problem.isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.unwrap(HibernateConstraintValidatorContext.class).withDynamicPayload(problem.get().code());
      context.buildConstraintViolationWithTemplate(problem.get().message()).addConstraintViolation();
      return false;
    }
  }
}
