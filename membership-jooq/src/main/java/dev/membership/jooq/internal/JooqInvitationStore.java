package dev.membership.jooq.internal;

import org.jooq.Condition;
import java.util.List;
import java.time.Instant;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.SqlSupport.updateVersionedLater;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION_GRANT;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipInvitationGrant;
import dev.membership.jooq.internal.generated.tables.records.MembershipInvitationRecord;
import dev.membership.spi.InvitationStore;
import dev.membership.domain.InvitationStatus;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * Invitations in table {@code membership_invitation}, and their grants in {@code
 * membership_invitation_grant}. An invitation read in this transaction is remembered, so that an
 * update rewrites its grant rows only if they changed.
 */
record JooqInvitationStore(DSLContext sql, JooqRows read, Deferred later, RenderedSql rendered) implements InvitationStore {
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final org.jooq.Field<?>[] FIELDS = I.fields();
  private static final MembershipInvitationGrant IG = MEMBERSHIP_INVITATION_GRANT;

  private static final Supplier<ConflictException> ALREADY_PENDING = () -> new ConflictException(
      ErrorCode.INVITATION_ALREADY_PENDING, "An invitation to this address is already pending.");

  @Override
  public void insert(Invitation i) {
    later.insert(record(i), ALREADY_PENDING);
    insertGrants(i);
    read.invitationsRead.put(i.id(), i);
    read.counts.invitation(i.organisationId(), i.status(), +1);
  }

  @Override
  public Invitation update(Invitation i) {
    Invitation before = read.invitationsRead.get(i.id());
    // The status it leaves, for the kept counts: as read in this transaction, or as stored at this version.
    Optional<InvitationStatus> left = before != null && before.version() == i.version()
        ? Optional.of(before.status())
        : sql.select(I.STATUS).from(I).where(I.ID.eq(i.id()).and(I.VERSION.eq(i.version()))).fetchOptional(Record1::value1);
    Condition key = I.ID.eq(i.id()).and(I.ORGANISATION_ID.eq(i.organisationId())).and(I.EMAIL.eq(i.email()));
    // Leaving PENDING frees the address's unique key and takes none: only a lost race refuses it, so
    // the update goes with the unit of work's batch, its row count checked there.
    MembershipInvitationRecord next = i.status() == InvitationStatus.PENDING
        ? updateVersioned(sql, record(i), I.VERSION, key, constraint -> ALREADY_PENDING.get(), "The invitation")
        : updateVersionedLater(later, record(i), I.VERSION, List.of(I.ID, I.ORGANISATION_ID, I.EMAIL), "The invitation");
    if (left.isPresent() && left.get() != i.status()) {
      read.counts.invitation(i.organisationId(), left.get(), -1);
      read.counts.invitation(i.organisationId(), i.status(), +1);
    }
    boolean grantsKnown = before != null && before.version() == i.version() && before.grants().equals(i.grants());
    if (!grantsKnown) {
      sql.deleteFrom(IG).where(IG.INVITATION_ID.eq(i.id())).execute();
      insertGrants(i);
    }
    return read.invitation(next);
  }

  private void insertGrants(Invitation i) {
    SqlSupport.insertGrants(later, IG, IG.INVITATION_ID, IG.ORGANISATION_ID, IG.ENTITLEMENT_KEY, i.id(),
        i.organisationId(), i.grants());
  }

  @Override
  public Optional<Invitation> find(OrganisationId organisation, InvitationId id) {
    return sql.selectFrom(I).where(I.ID.eq(id).and(I.ORGANISATION_ID.eq(organisation))).fetchOptional()
        .map(read::invitation);
  }

  @Override
  public Optional<Invitation> findByTokenHash(TokenHash hash) {
    return rendered.fetch(sql, "invitation.byToken", FIELDS,
        () -> sql.select(FIELDS).from(I).where(I.TOKEN_HASH.eq(RenderedSql.bind("hash", I.TOKEN_HASH))),
        new RenderedSql.Binds().put("hash", hash, I.TOKEN_HASH), r -> read.invitation(r, 0)).stream().findFirst();
  }

  @Override
  public Optional<Invitation> findPending(OrganisationId organisation, EmailAddress email) {
    return sql.selectFrom(I).where(I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.eq(email))).fetchOptional()
        .map(read::invitation);
  }

  @Override
  public List<Invitation> pendingTo(EmailAddress email, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    // Served by the email index (V12), across every organisation.
    return sql.selectFrom(I).where(I.EMAIL.eq(email).and(I.STATUS.eq(InvitationStatus.PENDING)))
        .orderBy(I.ID).limit(limit).fetch(read::invitation);
  }

  @Override
  public int readdress(EmailAddress email, EmailAddress placeholder) {
    return sql.update(I).set(I.EMAIL, placeholder).where(I.EMAIL.eq(email).and(I.PENDING_EMAIL.isNull())).execute();
  }

  @Override
  public int purgeEnded(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    Condition ended = I.STATUS.eq(InvitationStatus.CANCELLED).and(I.UPDATED_AT.lt(before))
        .or(I.STATUS.eq(InvitationStatus.EXPIRED).and(I.UPDATED_AT.lt(before)))
        .or(I.STATUS.eq(InvitationStatus.PENDING).and(I.EXPIRES_AT.lt(before)));
    List<InvitationId> candidates = sql.select(I.ID).from(I).where(ended).limit(limit).fetch(I.ID);
    if (candidates.isEmpty()) {
      return 0;
    }
    // Locked before they are deleted: of two instances purging at once, the second reads only what
    // the first left, so each deleted pending invitation lowers the kept count once.
    var locked = sql.select(I.ID, I.ORGANISATION_ID, I.STATUS).from(I)
        .where(I.ID.in(candidates).and(ended)).orderBy(I.ID).forUpdate().fetch();
    if (locked.isEmpty()) {
      return 0;
    }
    List<InvitationId> ids = locked.map(r -> r.value1());
    sql.deleteFrom(IG).where(IG.INVITATION_ID.in(ids)).execute();
    int deleted = sql.deleteFrom(I).where(I.ID.in(ids)).execute();
    for (var row : locked) {
      read.counts.invitation(row.value2(), row.value3(), -1);
      read.invitationsRead.remove(row.value1());
    }
    return deleted;
  }
}
