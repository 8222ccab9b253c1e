package dev.membership.command;

import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Set;

/**
 * "Invite user": who, with which role and which application access.
 *
 * @param email the address to send the link to
 * @param role the role the member will get
 * @param grants the entitlements the member will get
 */
public record Invite(
    @NotBlank @ValidEmail String email, @NotNull RoleId role, @NotNull @Size(max = 100) Set<EntitlementKey> grants) {

  public Invite {
    grants = grants == null ? null : Set.copyOf(grants);
  }

  /** Invites {@code email} as {@code role}, with no application access. */
  public static Invite of(String email, Role role) {
    return new Invite(email, role.id(), Set.of());
  }

  /** Invites {@code email} as the role with this id. */
  public static Invite of(String email, RoleId role) {
    return new Invite(email, role, Set.of());
  }

  /** The same invitation, also granting these entitlements. */
  public Invite withAccess(String... entitlements) {
    return new Invite(email, role, Set.copyOf(Arrays.stream(entitlements).map(EntitlementKey::of).toList()));
  }
}
