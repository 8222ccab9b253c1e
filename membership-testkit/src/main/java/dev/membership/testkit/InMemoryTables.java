package dev.membership.testkit;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of an {@link InMemoryMembershipStore}, one map per table, guarded by the store's lock.
 * The ports of a transaction ({@code InMemory*Store}, {@link InMemoryPageReads}) read them directly
 * and write them through the transaction's undo log ({@link InMemoryTransaction}).
 */
final class InMemoryTables {
  final Map<OrganisationId, Organisation> organisations = new HashMap<>();
  final Map<AccountId, Account> accounts = new HashMap<>();
  final Map<EmailAddress, AccountId> accountsByEmail = new HashMap<>();
  final Map<MembershipId, Membership> memberships = new LinkedHashMap<>();
  final Map<RoleKey, Role> roles = new HashMap<>();
  final Map<EntitlementRef, Entitlement> entitlements = new HashMap<>();
  final Map<InvitationId, Invitation> invitations = new LinkedHashMap<>();
  final Map<JoinRequestId, JoinRequest> joinRequests = new LinkedHashMap<>();
  final Map<OrganisationId, List<AuditEvent>> audit = new HashMap<>();
  /** Deleted organisations kept until purged (organisations().delete / purgeDeleted). */
  final Map<OrganisationId, OrganisationDeletion> deletions = new LinkedHashMap<>();

  /** A custom role's key: its organisation and id. */
  record RoleKey(OrganisationId organisation, RoleId role) {}

  /** An entitlement's key: its organisation and key. */
  record EntitlementRef(OrganisationId organisation, EntitlementKey key) {}

  /** A built-in role by its id, or a custom role of this organisation. */
  Optional<Role> findRole(OrganisationId organisation, RoleId id) {
    return id.isBuiltIn() ? Role.builtIn(id) : Optional.ofNullable(roles.get(new RoleKey(organisation, id)));
  }

  /** A role a live row refers to, which must exist. */
  Role role(OrganisationId organisation, RoleId id) {
    return findRole(organisation, id).orElseThrow(() -> new IllegalStateException("role " + id + " is missing"));
  }

  Optional<Membership> findLiveMembership(OrganisationId organisation, AccountId account) {
    return memberships.values().stream()
        .filter(m -> m.organisationId().equals(organisation) && m.accountId().equals(account) && m.status().isLive())
        .findFirst();
  }

  /** Keyset order on two text keys: the row's position against the cursor's. */
  static int compare(String first, String second, List<String> cursor) {
    int c = first.compareTo(cursor.get(0));
    return c != 0 ? c : second.compareTo(cursor.get(1));
  }

  static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
    }
  }

  static long versionOf(Object value) {
    return switch (value) {
      case Organisation o -> o.version();
      case Account a -> a.version();
      case Membership m -> m.version();
      case Role r -> r.version();
      case Entitlement e -> e.version();
      case Invitation i -> i.version();
      case JoinRequest r -> r.version();
      default -> throw new IllegalArgumentException("not versioned: " + value.getClass());
    };
  }

  static Membership withVersion(Membership m, long version) {
    return new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), m.grants(), m.status(), m.origin(),
        m.suspension(), m.joinedAt(), m.updatedAt(), version);
  }

  static Invitation withVersion(Invitation i, long version) {
    return new Invitation(i.id(), i.organisationId(), i.email(), i.roleId(), i.grants(), i.status(), i.tokenHash(),
        i.expiresAt(), i.invitedBy(), i.joinRequestId(), i.sendCount(), i.createdAt(), i.updatedAt(), i.acceptedBy(), version);
  }
}
