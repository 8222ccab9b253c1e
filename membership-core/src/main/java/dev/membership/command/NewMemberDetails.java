package dev.membership.command;

import dev.membership.domain.Password;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a new person gives when accepting an invitation: their name and a password of their own,
 * which the admin who invited them never sees.
 *
 * @param displayName their name; cleaned by {@link TypedText#clean}
 * @param password their password
 */
public record NewMemberDetails(@NotBlank @Size(max = 200) @ValidText String displayName, @NotNull Password password) {
  public NewMemberDetails {
    displayName = TypedText.clean(displayName);
  }

  public static NewMemberDetails of(String displayName, String password) {
    return new NewMemberDetails(displayName, Password.of(password));
  }

  @Override
  public String toString() {
    return "NewMemberDetails[displayName=" + displayName + ", password=[redacted]]";
  }
}
