package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.instantOrEmpty;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.Suspension;
import dev.membership.domain.TokenHash;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlement;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipInvitationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipMemberRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Record;

/**
 * Rows read back into domain values, for every port of one transaction. Memberships and invitations
 * read in the transaction are remembered ({@link #membershipsRead}, {@link #invitationsRead}), so that
 * an update rewrites only the grant rows that changed.
 */
final class JooqRows {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;

  final Map<MembershipId, Membership> membershipsRead = new HashMap<>();
  final Map<InvitationId, Invitation> invitationsRead = new HashMap<>();
  /** Changes to the kept member counts, written just before the commit. */
  final MemberCountDeltas counts = new MemberCountDeltas();

  static Organisation organisation(Record r) {
    return new Organisation(OrganisationId.of(r.get(O.ID).strip()), r.get(O.NAME), OrganisationStatus.valueOf(r.get(O.STATUS)),
        Boolean.TRUE.equals(r.get(O.DISCOVERABLE)), instant(r.get(O.CREATED_AT)), r.get(O.VERSION));
  }

  static Account account(MembershipAccountRecord r) {
    return new Account(AccountId.of(r.getId().strip()), EmailAddress.of(r.getEmail()), r.getDisplayName(),
        new PasswordHash(r.getPasswordHash()), CredentialState.valueOf(r.getCredentialState()),
        instantOrEmpty(r.getTemporaryPasswordExpiresAt()),
        Optional.ofNullable(r.getCreatedByOrganisationId()).map(String::strip).map(OrganisationId::of),
        instantOrEmpty(r.getLastSignInAt()), instant(r.getCreatedAt()), r.getVersion());
  }

  Membership membership(MembershipMemberRecord r) {
    MembershipStatus status = MembershipStatus.valueOf(r.getStatus());
    Set<EntitlementKey> keys = Codec.keys(r.getGrantKeys());
    Optional<Suspension> suspension = status == MembershipStatus.DEACTIVATED
        ? Optional.of(new Suspension(keys, instant(r.getSuspendedAt())))
        : Optional.empty();
    Membership membership = new Membership(MembershipId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
        AccountId.of(r.getAccountId().strip()), RoleId.of(r.getRoleId()), status == MembershipStatus.ACTIVE ? keys : Set.of(),
        status, MembershipOrigin.valueOf(r.getOrigin()), suspension, instant(r.getJoinedAt()), instant(r.getUpdatedAt()),
        r.getVersion());
    membershipsRead.put(membership.id(), membership);
    return membership;
  }

  Invitation invitation(MembershipInvitationRecord r) {
    Invitation invitation = new Invitation(InvitationId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
        EmailAddress.of(r.getEmail()), RoleId.of(r.getRoleId()), Codec.keys(r.getGrantKeys()),
        InvitationStatus.valueOf(r.getStatus()), new TokenHash(r.getTokenHash().strip()), instant(r.getExpiresAt()),
        AccountId.of(r.getInvitedBy().strip()),
        Optional.ofNullable(r.getJoinRequestId()).map(String::strip).map(JoinRequestId::of), r.getSendCount(),
        instant(r.getCreatedAt()), instant(r.getUpdatedAt()),
        Optional.ofNullable(r.getAcceptedBy()).map(String::strip).map(AccountId::of), r.getVersion());
    invitationsRead.put(invitation.id(), invitation);
    return invitation;
  }

  static Role role(Record r) {
    return new Role(RoleId.of(r.get(R.ID)), Optional.of(OrganisationId.of(r.get(R.ORGANISATION_ID).strip())), r.get(R.NAME),
        Codec.permissions(r.get(R.PERMISSIONS)), r.get(R.VERSION));
  }

  /**
   * The role of a row that left-joined the role table: built-in roles are resolved in memory; a custom
   * role deleted since (history, or a deletion that raced an assignment) holds no permission.
   */
  static Role joinedRole(Record r, OrganisationId organisation, RoleId id) {
    if (id.isBuiltIn()) {
      return Role.builtIn(id).orElseThrow();
    }
    if (r.get(R.ID) == null) {
      return Role.deleted(organisation, id);
    }
    return role(r);
  }

  static Entitlement entitlement(Record r) {
    return new Entitlement(OrganisationId.of(r.get(E.ORGANISATION_ID).strip()), EntitlementKey.of(r.get(E.ENTITLEMENT_KEY)),
        r.get(E.NAME), Optional.ofNullable(r.get(E.SEAT_LIMIT)), instantOrEmpty(r.get(E.VALID_UNTIL)), r.get(E.VERSION));
  }

  static JoinRequest joinRequest(Record r) {
    return new JoinRequest(JoinRequestId.of(r.get(J.ID).strip()), OrganisationId.of(r.get(J.ORGANISATION_ID).strip()),
        AccountId.of(r.get(J.ACCOUNT_ID).strip()), Optional.ofNullable(r.get(J.MESSAGE)),
        JoinRequestStatus.valueOf(r.get(J.STATUS)), instant(r.get(J.CREATED_AT)),
        Optional.ofNullable(r.get(J.DECIDED_BY)).map(String::strip).map(AccountId::of), instantOrEmpty(r.get(J.DECIDED_AT)),
        r.get(J.VERSION));
  }
}
