package dev.membership.command;

import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * "Create user directly": an account made by an admin with a temporary password, which the person
 * must change at first sign-in.
 *
 * @param email the person's address; must not have an account yet (invite existing people instead)
 * @param displayName the person's name; cleaned by {@link TypedText#clean}
 * @param role the role in the organisation
 * @param grants the entitlements
 * @param password the password the admin typed ("set password manually"); empty to generate one
 */
public record NewAccount(
    @NotBlank @ValidEmail String email,
    @NotBlank @Size(max = 200) @ValidText String displayName,
    @NotNull RoleId role,
    @NotNull @Size(max = 100) Set<EntitlementKey> grants,
    @NotNull Optional<Password> password) {

  public NewAccount {
    grants = grants == null ? null : Set.copyOf(grants);
    displayName = TypedText.clean(displayName);
  }

  /** The library generates the temporary password (at least 80 bits of entropy). */
  public static NewAccount generatedPassword(String email, String displayName, Role role) {
    return new NewAccount(email, displayName, role.id(), Set.of(), Optional.empty());
  }

  /** The admin typed the temporary password; it must meet the password policy. */
  public static NewAccount withPassword(String email, String displayName, Role role, Password password) {
    return new NewAccount(email, displayName, role.id(), Set.of(), Optional.of(password));
  }

  /** The same account, also granted these entitlements. */
  public NewAccount withAccess(String... entitlements) {
    return new NewAccount(email, displayName, role,
        Set.copyOf(Arrays.stream(entitlements).map(EntitlementKey::of).toList()), password);
  }

  @Override
  public String toString() {
    return "NewAccount[email=" + email + ", displayName=" + displayName + ", role=" + role + ", grants=" + grants
        + ", password=" + (password != null && password.isPresent() ? "[redacted]" : "generated") + "]";
  }
}
