package dev.membership.command;

import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * What a verified domain does for accounts whose proved address is of it.
 *
 * @param mode none, suggest the organisation, or join automatically
 * @param role the role an account joins with ({@code AUTOMATIC}); never the owner role
 * @param grants the entitlements an account joins with ({@code AUTOMATIC}); seat limits apply
 */
public record DomainEnrollment(EnrollmentMode mode, RoleId role, Set<EntitlementKey> grants) {

  public DomainEnrollment {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(role, "role");
    grants = Set.copyOf(grants);
  }

  /** Enrols nobody. */
  public static DomainEnrollment none() {
    return new DomainEnrollment(EnrollmentMode.NONE, Role.MEMBER.id(), Set.of());
  }

  /** Suggests the organisation to accounts of the domain, who may ask to join. */
  public static DomainEnrollment suggest() {
    return new DomainEnrollment(EnrollmentMode.SUGGEST, Role.MEMBER.id(), Set.of());
  }

  /** Accounts of the domain join with {@code role} and these entitlements. */
  public static DomainEnrollment automatic(RoleId role, String... entitlements) {
    return new DomainEnrollment(EnrollmentMode.AUTOMATIC, role,
        Set.copyOf(Arrays.stream(entitlements).map(EntitlementKey::of).toList()));
  }
}
