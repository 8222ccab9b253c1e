package dev.membership.jooq.internal;

import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.OrganisationStatus;
import dev.membership.domain.Permission;
import dev.membership.domain.TokenHash;
import java.time.Instant;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.SignUp;
import dev.membership.domain.Suspension;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountEventRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipAuditEventRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipEntitlementRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipInvitationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipJoinRequestRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipMemberRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipOrganisationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipOutboxRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipRoleRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipSignUpRecord;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * The one mapping of each table: a domain value to its row ({@code record(...)}, used by insert and
 * update alike) and a row back to the domain value. The columns' types are the domain's (see {@link
 * Converters}), so a mapping only places values and derives the key columns ({@code live_account_id},
 * {@code pending_email}, the lower-cased names). Memberships and invitations read in the transaction
 * are remembered ({@link #membershipsRead}, {@link #invitationsRead}), so that an update rewrites only
 * the grant rows that changed.
 */
final class JooqRows {
  final Map<MembershipId, Membership> membershipsRead = new HashMap<>();
  final Map<InvitationId, Invitation> invitationsRead = new HashMap<>();
  /** Whether rows read are remembered: not in a read ({@code JooqMembershipStore.read}), which updates nothing. */
  private final boolean remember;

  JooqRows() {
    this(true);
  }

  JooqRows(boolean remember) {
    this.remember = remember;
  }
  /** Changes to the kept member counts, written just before the commit. */
  final MemberCountDeltas counts = new MemberCountDeltas();

  /**
   * {@code record} with every column in its SET clause, {@code NULL}s too, except {@code except}:
   * what an insert or an update writes.
   */
  static <R extends Record> R allColumns(R record, Field<?>... except) {
    record.changed(true);
    for (Field<?> field : except) {
      record.changed(field, false);
    }
    return record;
  }

  /**
   * The columns of {@code table} that stand in {@code row} from index {@code from} on, as a record
   * of the table: a joined row read by position, with no look-up of fields by name.
   */
  static <R extends TableRecord<R>> R slice(Record row, int from, Table<R> table) {
    R record = table.newRecord();
    Field<?>[] fields = table.fields();
    for (int i = 0; i < fields.length; i++) {
      put(record, fields[i], row.get(from + i));
    }
    record.changed(false);
    return record;
  }

  private static <T> void put(Record record, Field<T> field, Object value) {
    record.set(field, field.getType().cast(value));
  }

  // ---- organisations

  static MembershipOrganisationRecord record(Organisation o) {
    MembershipOrganisationRecord r = new MembershipOrganisationRecord();
    r.setId(o.id());
    r.setName(o.name());
    r.setNameLower(SqlSupport.lower(o.name()));
    r.setStatus(o.status());
    r.setDiscoverable(o.discoverable());
    r.setCreatedAt(o.createdAt());
    r.setVersion(o.version());
    return r;
  }

  static Organisation organisation(MembershipOrganisationRecord r) {
    return organisation(Cells.of(r), 0);
  }

  /**
   * The organisation whose columns stand in {@code r} from index {@code at} on, in the table's order
   * (the mapping of a row, whether read alone or joined: by position, with no look-up by name).
   */
  static Organisation organisation(Cells r, int at) {
    return new Organisation((OrganisationId) r.get(at), (String) r.get(at + 1), (OrganisationStatus) r.get(at + 3),
        Boolean.TRUE.equals(r.get(at + 6)), (Instant) r.get(at + 4), (Long) r.get(at + 5));
  }

  // ---- accounts

  static MembershipAccountRecord record(Account a) {
    return new MembershipAccountRecord(a.id(), a.email(), a.displayName(), SqlSupport.lower(a.displayName()),
        a.passwordHash(), a.credentialState(), a.temporaryPasswordExpiresAt().orElse(null),
        a.createdByOrganisation().orElse(null), a.lastSignInAt().orElse(null), a.createdAt(), a.version());
  }

  static Account account(MembershipAccountRecord r) {
    return new Account(r.getId(), r.getEmail(), r.getDisplayName(), r.getPasswordHash(), r.getCredentialState(),
        Optional.ofNullable(r.getTemporaryPasswordExpiresAt()), Optional.ofNullable(r.getCreatedByOrganisationId()),
        Optional.ofNullable(r.getLastSignInAt()), r.getCreatedAt(), r.getVersion());
  }

  /** The account whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  static Account account(Cells r, int at) {
    return new Account((AccountId) r.get(at), (EmailAddress) r.get(at + 1), (String) r.get(at + 2),
        (PasswordHash) r.get(at + 4), (CredentialState) r.get(at + 5), Optional.ofNullable((Instant) r.get(at + 6)),
        Optional.ofNullable((OrganisationId) r.get(at + 7)), Optional.ofNullable((Instant) r.get(at + 8)),
        (Instant) r.get(at + 9), (Long) r.get(at + 10));
  }

  // ---- memberships: a deactivated one's grant_keys are the grants reactivation restores

  /** The row of {@code m}, less {@code email} (the account's address, which the insert copies). */
  static MembershipMemberRecord record(Membership m) {
    Set<EntitlementKey> keys = m.suspension().map(Suspension::grants).orElse(m.grants());
    return new MembershipMemberRecord(m.id(), m.organisationId(), m.accountId(),
        m.status().isLive() ? m.accountId() : null, null, m.roleId(), m.status(), m.origin(), keys,
        m.suspension().map(Suspension::since).orElse(null), m.joinedAt(), m.updatedAt(), m.version());
  }

  Membership membership(MembershipMemberRecord r) {
    return membership(Cells.of(r), 0);
  }

  /** The membership whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  @SuppressWarnings("unchecked")
  Membership membership(Cells r, int at) {
    MembershipStatus status = (MembershipStatus) r.get(at + 6);
    Set<EntitlementKey> keys = (Set<EntitlementKey>) r.get(at + 8);
    Optional<Suspension> suspension = status == MembershipStatus.DEACTIVATED
        ? Optional.of(new Suspension(keys, (Instant) r.get(at + 9)))
        : Optional.empty();
    Membership membership = new Membership((MembershipId) r.get(at), (OrganisationId) r.get(at + 1),
        (AccountId) r.get(at + 2), (RoleId) r.get(at + 5), status == MembershipStatus.ACTIVE ? keys : Set.of(), status,
        (MembershipOrigin) r.get(at + 7), suspension, (Instant) r.get(at + 10), (Instant) r.get(at + 11),
        (Long) r.get(at + 12));
    if (remember) {
      membershipsRead.put(membership.id(), membership);
    }
    return membership;
  }

  // ---- invitations

  static MembershipInvitationRecord record(Invitation i) {
    return new MembershipInvitationRecord(i.id(), i.organisationId(), i.email(),
        i.status() == InvitationStatus.PENDING ? i.email() : null, i.roleId(), i.grants(), i.status(), i.tokenHash(),
        i.expiresAt(), i.invitedBy(), i.joinRequestId().orElse(null), i.sendCount(), i.createdAt(), i.updatedAt(),
        i.acceptedBy().orElse(null), i.version());
  }

  Invitation invitation(MembershipInvitationRecord r) {
    return invitation(Cells.of(r), 0);
  }

  /** The invitation whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  @SuppressWarnings("unchecked")
  Invitation invitation(Cells r, int at) {
    Invitation invitation = new Invitation((InvitationId) r.get(at), (OrganisationId) r.get(at + 1),
        (EmailAddress) r.get(at + 2), (RoleId) r.get(at + 4), (Set<EntitlementKey>) r.get(at + 5),
        (InvitationStatus) r.get(at + 6), (TokenHash) r.get(at + 7), (Instant) r.get(at + 8), (AccountId) r.get(at + 9),
        Optional.ofNullable((JoinRequestId) r.get(at + 10)), (Integer) r.get(at + 11), (Instant) r.get(at + 12),
        (Instant) r.get(at + 13), Optional.ofNullable((AccountId) r.get(at + 14)), (Long) r.get(at + 15));
    if (remember) {
      invitationsRead.put(invitation.id(), invitation);
    }
    return invitation;
  }

  // ---- roles

  static MembershipRoleRecord record(Role role) {
    return new MembershipRoleRecord(role.id(), role.organisationId().orElseThrow(), role.name(), role.permissions(),
        role.version(), role.nameKeys().caseless(), role.nameKeys().lookalike());
  }

  static Role role(MembershipRoleRecord r) {
    return role(Cells.of(r), 0);
  }

  /** The role whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  @SuppressWarnings("unchecked")
  static Role role(Cells r, int at) {
    return new Role((RoleId) r.get(at), Optional.of((OrganisationId) r.get(at + 1)), (String) r.get(at + 2),
        (Set<Permission>) r.get(at + 3), (Long) r.get(at + 4));
  }

  /**
   * The role of a row that left-joined the role table, whose columns stand in {@code r} from index
   * {@code at} on: built-in roles are resolved in memory; a custom role deleted since (history, or a
   * deletion that raced an assignment) holds no permission.
   */
  static Role joinedRole(Cells r, int at, OrganisationId organisation, RoleId id) {
    if (id.isBuiltIn()) {
      return Role.builtIn(id).orElseThrow();
    }
    return r.get(at) == null ? Role.deleted(organisation, id) : role(r, at);
  }

  // ---- entitlements

  static MembershipEntitlementRecord record(Entitlement e) {
    // Checked here, not at binding: an instant the column cannot hold is the caller's input error.
    e.validUntil().ifPresent(Codec::nanos);
    return new MembershipEntitlementRecord(e.organisationId(), e.key(), e.name(), e.seatLimit().orElse(null),
        e.validUntil().orElse(null), e.version());
  }

  static Entitlement entitlement(MembershipEntitlementRecord r) {
    return new Entitlement(r.getOrganisationId(), r.getEntitlementKey(), r.getName(), Optional.ofNullable(r.getSeatLimit()),
        Optional.ofNullable(r.getValidUntil()), r.getVersion());
  }

  // ---- join requests

  static MembershipJoinRequestRecord record(JoinRequest r) {
    return new MembershipJoinRequestRecord(r.id(), r.organisationId(), r.accountId(),
        r.status() == JoinRequestStatus.PENDING ? r.accountId() : null, r.message().orElse(null), r.status(),
        r.createdAt(), r.decidedBy().orElse(null), r.decidedAt().orElse(null), r.version());
  }

  static JoinRequest joinRequest(MembershipJoinRequestRecord r) {
    return new JoinRequest(r.getId(), r.getOrganisationId(), r.getAccountId(), Optional.ofNullable(r.getMessage()),
        r.getStatus(), r.getCreatedAt(), Optional.ofNullable(r.getDecidedBy()), Optional.ofNullable(r.getDecidedAt()),
        r.getVersion());
  }

  /** The request whose columns stand in {@code r} from index {@code at} on, in the table's order. */
  static JoinRequest joinRequest(Cells r, int at) {
    return new JoinRequest((JoinRequestId) r.get(at), (OrganisationId) r.get(at + 1), (AccountId) r.get(at + 2),
        Optional.ofNullable((String) r.get(at + 4)), (JoinRequestStatus) r.get(at + 5), (Instant) r.get(at + 6),
        Optional.ofNullable((AccountId) r.get(at + 7)), Optional.ofNullable((Instant) r.get(at + 8)), (Long) r.get(at + 9));
  }

  // ---- audit events and account events

  static MembershipAuditEventRecord record(AuditEvent e) {
    return new MembershipAuditEventRecord(e.id(), e.organisationId(), e.actor(), e.action(),
        e.subjectAccount().orElse(null), e.subject(), e.occurredAt(), e.details());
  }

  static AuditEvent auditEvent(MembershipAuditEventRecord r) {
    return new AuditEvent(r.getId(), r.getOrganisationId(), r.getActorId(), r.getAction(),
        Optional.ofNullable(r.getSubjectAccountId()), r.getSubject(), r.getOccurredAt(), r.getDetails());
  }

  static MembershipAccountEventRecord record(AccountEvent e) {
    return new MembershipAccountEventRecord(e.id(), e.accountId(), e.actor(), e.organisationId().orElse(null), e.type(),
        e.occurredAt(), e.details());
  }

  static AccountEvent accountEvent(MembershipAccountEventRecord r) {
    return new AccountEvent(r.getId(), r.getAccountId(), r.getActorId(), Optional.ofNullable(r.getOrganisationId()),
        r.getEventType(), r.getOccurredAt(), r.getDetails());
  }

  // ---- sign-ups

  static MembershipSignUpRecord record(SignUp s) {
    return new MembershipSignUpRecord(s.id(), s.email(), s.status(), s.chosen().map(SignUp.Chosen::displayName).orElse(null),
        s.chosen().map(SignUp.Chosen::passwordHash).orElse(null), s.tokenHash().orElse(null), s.failedAttempts(),
        s.createdAt(), s.expiresAt(), s.closedAt().orElse(null), s.version());
  }

  static SignUp signUp(MembershipSignUpRecord r) {
    PasswordHash hash = r.getPasswordHash();
    Optional<SignUp.Chosen> chosen = hash == null ? Optional.empty() : Optional.of(new SignUp.Chosen(r.getDisplayName(), hash));
    return new SignUp(r.getId(), r.getEmail(), r.getStatus(), chosen, Optional.ofNullable(r.getTokenHash()),
        r.getFailedAttempts(), r.getCreatedAt(), r.getExpiresAt(), Optional.ofNullable(r.getClosedAt()), r.getVersion());
  }

  // ---- the outbox: a notification about an address alone (signing up) has organisation '' (see V6)

  static MembershipOutboxRecord record(Notification n) {
    return new MembershipOutboxRecord(n.id(), n.type(), n.organisationId().map(OrganisationId::toString).orElse(""),
        n.recipient(), n.link().map(URI::toString).orElse(null), n.createdAt(), 0, n.createdAt(), null, null, n.data(),
        null, null);
  }

  static Notification notification(MembershipOutboxRecord r) {
    return new Notification(r.getId(), r.getNotificationType(),
        Optional.of(r.getOrganisationId().strip()).filter(id -> !id.isEmpty()).map(OrganisationId::of), r.getRecipient(),
        r.getData(), Optional.ofNullable(r.getLink()).map(URI::create), r.getCreatedAt());
  }
}
