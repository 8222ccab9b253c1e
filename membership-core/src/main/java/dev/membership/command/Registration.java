package dev.membership.command;

import dev.membership.domain.Password;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A person signs up with a password of their own.
 *
 * @param email their address
 * @param displayName their name; cleaned by {@link TypedText#clean}
 * @param password their password
 */
public record Registration(
    @NotBlank @ValidEmail String email, @NotBlank @Size(max = 200) @ValidText String displayName,
    @NotNull Password password) {

  public Registration {
    displayName = TypedText.clean(displayName);
  }

  public static Registration of(String email, String displayName, String password) {
    return new Registration(email, displayName, Password.of(password));
  }

  @Override
  public String toString() {
    return "Registration[email=" + email + ", displayName=" + displayName + ", password=[redacted]]";
  }
}
