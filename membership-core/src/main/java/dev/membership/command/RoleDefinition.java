package dev.membership.command;

import dev.membership.domain.Permission;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * A custom role's name and permissions.
 *
 * @param name unique within the organisation, ignoring case and look-alike characters (see
 *     {@link dev.membership.domain.RoleNameKeys}); cleaned by {@link TypedText#clean}
 * @param permissions any subset of {@link Permission}
 */
public record RoleDefinition(@NotBlank @Size(max = 100) @ValidText String name, @NotNull Set<Permission> permissions) {
  public RoleDefinition {
    permissions = permissions == null ? null : Set.copyOf(permissions);
    name = TypedText.clean(name);
  }

  public static RoleDefinition of(String name, Permission... permissions) {
    return new RoleDefinition(name, Set.of(permissions));
  }
}
