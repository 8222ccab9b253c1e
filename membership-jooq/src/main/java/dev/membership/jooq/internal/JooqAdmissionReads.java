package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_DOMAIN;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_OUTBOX;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.trueCondition;

import dev.membership.domain.AccountId;
import dev.membership.domain.DomainName;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipDomain;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipOutbox;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipDomainRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipInvitationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipJoinRequestRecord;
import dev.membership.query.MemberAccess;
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.AdmissionReads;
import dev.membership.spi.InvitationChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * {@link AdmissionReads} in one statement each: the single answers outer-joined to one row of
 * {@code (select 1)}, the yes-or-no answers and counts as scalar subqueries beside them.
 */
record JooqAdmissionReads(DSLContext sql, JooqRows read) implements AdmissionReads {
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipOutbox OB = MEMBERSHIP_OUTBOX;
  private static final MembershipDomain D = MEMBERSHIP_DOMAIN;
  private static final MembershipDomain DV = MEMBERSHIP_DOMAIN.as("dv");
  // Whom to tell: the members, their accounts and custom roles under aliases of their own (the
  // inviter's access uses JooqMemberStore's m, o, a, r).
  private static final MembershipMember NM = MEMBERSHIP_MEMBER.as("nm");
  private static final MembershipAccount NA = MEMBERSHIP_ACCOUNT.as("na");
  private static final MembershipRole NR = MEMBERSHIP_ROLE.as("nr");
  private static final Field<MembershipId> NOTIFIED_ID = NM.ID.as("n_id");
  private static final Field<EmailAddress> NOTIFIED_EMAIL = NA.EMAIL.as("n_email");
  private static final Field<Set<Permission>> NOTIFIED_PERMISSIONS = NR.PERMISSIONS.as("n_permissions");

  @Override
  public InvitationChecks invitationChecks(OrganisationId organisation, EmailAddress email, AccountId inviter,
      Instant since, int atMost) {
    Field<Integer> sent = atMost <= 0 ? inline(0) : field(selectCount().from(selectOne().from(OB)
        .where(OB.ORGANISATION_ID.eq(organisation.toString())
            .and(OB.NOTIFICATION_TYPE.eq(NotificationType.INVITATION))
            .and(OB.CREATED_AT.gt(since)))
        .limit(atMost).asTable("sent")));
    Field<Boolean> live = field(exists(selectOne().from(M).join(A).on(A.ID.eq(M.LIVE_ACCOUNT_ID))
        .where(M.ORGANISATION_ID.eq(organisation).and(A.EMAIL.eq(email)))));
    Field<String> name = field(select(A.DISPLAY_NAME).from(A).where(A.ID.eq(inviter)));
    Record row = Objects.requireNonNull(sql.select(sent, live, name).select(I.fields())
        .from(selectOne().asTable("one"))
        .leftJoin(I).on(I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.eq(email)))
        .fetchOne(), "one row");
    MembershipInvitationRecord pending = JooqRows.slice(row, 3, I);
    return new InvitationChecks(Objects.requireNonNullElse(row.get(0, Integer.class), 0),
        Boolean.TRUE.equals(row.get(1, Boolean.class)),
        pending.getId() == null ? Optional.empty() : Optional.of(read.invitation(pending)),
        Objects.requireNonNullElse(row.get(2, String.class), ""));
  }

  /**
   * One statement: the account, its pending request, the inviter's access (as {@link
   * JooqMemberStore#findAccess} reads it) and the domain outer-joined to one row, the live membership
   * and "verified anywhere" as scalar subqueries, and whom to tell outer-joined to it, one row each (so
   * the single answers repeat on each): the active members holding a built-in role that allows the
   * permission, or a custom role whose permissions name it (then checked exactly here).
   */
  @Override
  public AcceptanceChecks acceptanceChecks(OrganisationId organisation, AccountId account, AccountId inviter,
      Optional<DomainName> domain, Permission notified, int atMostNotified) {
    Field<Boolean> live = field(exists(selectOne().from(M)
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.eq(account)))));
    Field<Boolean> verifiedAnywhere = domain.isEmpty() ? inline(false)
        : field(exists(selectOne().from(DV).where(DV.VERIFIED_NAME.eq(domain.get()))));
    Table<?> toTell = whomToTell(organisation, account, notified, atMostNotified).asTable("n");
    Field<MembershipId> toTellId = Objects.requireNonNull(toTell.field(NOTIFIED_ID));
    List<Field<?>> fields = new ArrayList<>(List.of(live, verifiedAnywhere));
    int accountAt = fields.size();
    fields.addAll(List.of(A.fields()));
    int requestAt = fields.size();
    fields.addAll(List.of(J.fields()));
    int inviterAt = fields.size();
    fields.addAll(List.of(JooqMemberStore.ACCESS_FIELDS));
    int domainAt = fields.size();
    fields.addAll(List.of(D.fields()));
    int toTellAt = fields.size();
    fields.addAll(List.of(toTellId, Objects.requireNonNull(toTell.field(NOTIFIED_EMAIL)),
        Objects.requireNonNull(toTell.field(NOTIFIED_PERMISSIONS))));
    Result<Record> rows = sql.select(fields)
        .from(selectOne().asTable("one"))
        .leftJoin(A).on(A.ID.eq(account))
        .leftJoin(J).on(J.ORGANISATION_ID.eq(organisation).and(J.PENDING_ACCOUNT_ID.eq(account)))
        .leftJoin(JooqMemberStore.AM).on(JooqMemberStore.AM.ORGANISATION_ID.eq(organisation)
            .and(JooqMemberStore.AM.LIVE_ACCOUNT_ID.eq(inviter)))
        .leftJoin(JooqMemberStore.AO).on(JooqMemberStore.AO.ID.eq(JooqMemberStore.AM.ORGANISATION_ID))
        .leftJoin(JooqMemberStore.AA).on(JooqMemberStore.AA.ID.eq(JooqMemberStore.AM.ACCOUNT_ID))
        .leftJoin(JooqMemberStore.AR).on(JooqMemberStore.AR.ID.eq(JooqMemberStore.AM.ROLE_ID)
            .and(JooqMemberStore.AR.ORGANISATION_ID.eq(JooqMemberStore.AM.ORGANISATION_ID)))
        .leftJoin(D).on(domain.map(name -> D.ORGANISATION_ID.eq(organisation).and(D.DOMAIN_NAME.eq(name)))
            .orElse(falseCondition()))
        .leftJoin(toTell).on(trueCondition())
        .orderBy(toTellId)
        .fetch();
    Record first = rows.get(0);
    MembershipAccountRecord found = JooqRows.slice(first, accountAt, A);
    MembershipJoinRequestRecord pending = JooqRows.slice(first, requestAt, J);
    MembershipDomainRecord added = JooqRows.slice(first, domainAt, D);
    Optional<MemberAccess> inviterAccess = first.get(inviterAt) == null ? Optional.empty()
        : Optional.of(JooqMemberStore.access(read, Cells.of(first), inviterAt, organisation));
    List<EmailAddress> addresses = new ArrayList<>();
    for (Record row : rows) {
      @SuppressWarnings("unchecked")
      Set<Permission> custom = (Set<Permission>) row.get(toTellAt + 2);
      if (row.get(toTellAt) != null && (custom == null || custom.contains(notified))) {
        addresses.add((EmailAddress) Objects.requireNonNull(row.get(toTellAt + 1)));
      }
    }
    return new AcceptanceChecks(found.getId() == null ? Optional.empty() : Optional.of(JooqRows.account(found)),
        Boolean.TRUE.equals(first.get(0, Boolean.class)),
        pending.getId() == null ? Optional.empty() : Optional.of(JooqRows.joinRequest(pending)),
        inviterAccess,
        added.getId() == null ? Optional.empty() : Optional.of(JooqDomainStore.domain(added)),
        Boolean.TRUE.equals(first.get(1, Boolean.class)),
        addresses);
  }

  /**
   * The active members of {@code organisation} but {@code except} whose role may allow {@code
   * permission}, by membership id, at most {@code limit}: the holders of the built-in roles that allow
   * it (their ids inline, so the planner reads them through the (organisation, role, status) index
   * by its statistics), union all the holders of the organisation's custom roles whose stored
   * permissions (sorted comma-separated names) contain its name, a superset that {@link
   * #acceptanceChecks} narrows exactly. One query with {@code role_id IN (subquery)} instead led
   * PostgreSQL to walk the primary key for {@code ORDER BY id LIMIT}: 120 ms in an organisation of
   * 20,000 members.
   */
  private static Select<?> whomToTell(OrganisationId organisation, AccountId except, Permission permission,
      int limit) {
    List<Field<RoleId>> builtIn = new ArrayList<>();
    for (Role role : Role.BUILT_IN) {
      if (role.allows(permission)) {
        builtIn.add(inline(role.id(), NM.ROLE_ID));
      }
    }
    Select<Record3<MembershipId, EmailAddress, Set<Permission>>> holders = select(NOTIFIED_ID, NOTIFIED_EMAIL, castNull(NR.PERMISSIONS).as(NOTIFIED_PERMISSIONS.getName()))
        .from(NM)
        .join(NA).on(NA.ID.eq(NM.ACCOUNT_ID))
        .where(NM.ORGANISATION_ID.eq(organisation)
            .and(builtIn.isEmpty() ? falseCondition() : NM.ROLE_ID.in(builtIn))
            .and(NM.STATUS.eq(MembershipStatus.ACTIVE))
            .and(NM.ACCOUNT_ID.ne(except)));
    Select<Record3<MembershipId, EmailAddress, Set<Permission>>> custom = select(NOTIFIED_ID, NOTIFIED_EMAIL, NOTIFIED_PERMISSIONS)
        .from(NR)
        .join(NM).on(NM.ORGANISATION_ID.eq(NR.ORGANISATION_ID).and(NM.ROLE_ID.eq(NR.ID)))
        .join(NA).on(NA.ID.eq(NM.ACCOUNT_ID))
        .where(NR.ORGANISATION_ID.eq(organisation)
            .and(NR.PERMISSIONS.coerce(SQLDataType.VARCHAR).like("%" + permission.name() + "%"))
            .and(NM.STATUS.eq(MembershipStatus.ACTIVE))
            .and(NM.ACCOUNT_ID.ne(except)));
    Table<?> both = holders.unionAll(custom).asTable("w");
    return select(both.fields())
        .from(both)
        .orderBy(Objects.requireNonNull(both.field(NOTIFIED_ID.getName())))
        .limit(inline(Math.max(0, limit)));
  }
}
