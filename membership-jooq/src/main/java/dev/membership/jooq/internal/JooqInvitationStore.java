package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION_GRANT;

import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipInvitationGrant;
import dev.membership.spi.InvitationStore;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Invitations in table {@code membership_invitation}, and their grants in {@code
 * membership_invitation_grant}. An invitation read in this transaction is remembered, so that an
 * update rewrites its grant rows only if they changed.
 */
final class JooqInvitationStore implements InvitationStore {
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final MembershipInvitationGrant IG = MEMBERSHIP_INVITATION_GRANT;

  private final DSLContext sql;
  private final JooqRows read;

  JooqInvitationStore(DSLContext sql, JooqRows read) {
    this.sql = sql;
    this.read = read;
  }

  @Override
  public void insert(Invitation i) {
    guardedInsert(() -> {
      sql.insertInto(I)
          .set(I.ID, i.id().toString())
          .set(I.ORGANISATION_ID, i.organisationId().toString())
          .set(I.EMAIL, i.email().value())
          .set(I.PENDING_EMAIL, pendingEmail(i))
          .set(I.ROLE_ID, i.roleId().value())
          .set(I.GRANT_KEYS, Codec.keys(i.grants()))
          .set(I.STATUS, i.status().name())
          .set(I.TOKEN_HASH, i.tokenHash().hex())
          .set(I.EXPIRES_AT, nanos(i.expiresAt()))
          .set(I.INVITED_BY, i.invitedBy().toString())
          .set(I.JOIN_REQUEST_ID, i.joinRequestId().map(JoinRequestId::toString).orElse(null))
          .set(I.SEND_COUNT, i.sendCount())
          .set(I.CREATED_AT, nanos(i.createdAt()))
          .set(I.UPDATED_AT, nanos(i.updatedAt()))
          .set(I.ACCEPTED_BY, i.acceptedBy().map(AccountId::toString).orElse(null))
          .set(I.VERSION, i.version())
          .execute();
      insertInvitationGrants(i);
    }, () -> new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING, "An invitation to this address is already pending."));
    read.invitationsRead.put(i.id(), i);
    read.counts.invitation(i.organisationId(), i.status(), +1);
  }

  @Override
  public Invitation update(Invitation i) {
    Invitation before = read.invitationsRead.get(i.id());
    // The status it leaves, for the kept counts: as read in this transaction, or as stored at this version.
    Optional<InvitationStatus> left = before != null && before.version() == i.version()
        ? Optional.of(before.status())
        : sql.select(I.STATUS).from(I).where(I.ID.eq(i.id().toString()).and(I.VERSION.eq(i.version())))
            .fetchOptional(r -> InvitationStatus.valueOf(r.value1()));
    int updated = guardedUpdate(() -> sql.update(I)
        .set(I.PENDING_EMAIL, pendingEmail(i))
        .set(I.ROLE_ID, i.roleId().value())
        .set(I.GRANT_KEYS, Codec.keys(i.grants()))
        .set(I.STATUS, i.status().name())
        .set(I.TOKEN_HASH, i.tokenHash().hex())
        .set(I.EXPIRES_AT, nanos(i.expiresAt()))
        .set(I.INVITED_BY, i.invitedBy().toString())
        .set(I.JOIN_REQUEST_ID, i.joinRequestId().map(JoinRequestId::toString).orElse(null))
        .set(I.SEND_COUNT, i.sendCount())
        .set(I.CREATED_AT, nanos(i.createdAt()))
        .set(I.UPDATED_AT, nanos(i.updatedAt()))
        .set(I.ACCEPTED_BY, i.acceptedBy().map(AccountId::toString).orElse(null))
        .set(I.VERSION, i.version() + 1)
        .where(I.ID.eq(i.id().toString())
            .and(I.VERSION.eq(i.version()))
            .and(I.ORGANISATION_ID.eq(i.organisationId().toString()))
            .and(I.EMAIL.eq(i.email().value())))
        .execute(),
        () -> new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING, "An invitation to this address is already pending."));
    requireUpdated(updated, "The invitation");
    if (left.isPresent() && left.get() != i.status()) {
      read.counts.invitation(i.organisationId(), left.get(), -1);
      read.counts.invitation(i.organisationId(), i.status(), +1);
    }
    boolean grantsKnown = before != null && before.version() == i.version() && before.grants().equals(i.grants());
    if (!grantsKnown) {
      sql.deleteFrom(IG).where(IG.INVITATION_ID.eq(i.id().toString())).execute();
      insertInvitationGrants(i);
    }
    Invitation next = new Invitation(i.id(), i.organisationId(), i.email(), i.roleId(), i.grants(), i.status(),
        i.tokenHash(), i.expiresAt(), i.invitedBy(), i.joinRequestId(), i.sendCount(), i.createdAt(), i.updatedAt(),
        i.acceptedBy(), i.version() + 1);
    read.invitationsRead.put(next.id(), next);
    return next;
  }

  private void insertInvitationGrants(Invitation i) {
    if (i.grants().isEmpty()) {
      return;
    }
    var insert = sql.insertInto(IG, IG.INVITATION_ID, IG.ORGANISATION_ID, IG.ENTITLEMENT_KEY);
    for (EntitlementKey key : i.grants()) {
      insert = insert.values(i.id().toString(), i.organisationId().toString(), key.value());
    }
    insert.execute();
  }

  @Override
  public Optional<Invitation> find(OrganisationId organisation, InvitationId id) {
    return sql.selectFrom(I)
        .where(I.ID.eq(id.toString()).and(I.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(read::invitation);
  }

  @Override
  public Optional<Invitation> findByTokenHash(TokenHash hash) {
    return sql.selectFrom(I).where(I.TOKEN_HASH.eq(hash.hex())).fetchOptional().map(read::invitation);
  }

  @Override
  public Optional<Invitation> findPending(OrganisationId organisation, EmailAddress email) {
    return sql.selectFrom(I)
        .where(I.ORGANISATION_ID.eq(organisation.toString()).and(I.PENDING_EMAIL.eq(email.value())))
        .fetchOptional()
        .map(read::invitation);
  }

  private static String pendingEmail(Invitation i) {
    return i.status() == InvitationStatus.PENDING ? i.email().value() : null;
  }
}
