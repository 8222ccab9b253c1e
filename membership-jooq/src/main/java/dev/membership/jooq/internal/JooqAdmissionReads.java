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
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.AdmissionReads;
import dev.membership.spi.InvitationChecks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * {@link AdmissionReads} in one statement each: the single answers outer-joined to one row of
 * {@code (select 1)}, the yes-or-no answers and counts as scalar subqueries beside them. Each
 * statement's text is kept per shape ({@link RenderedSql}): a call binds its values and runs it.
 */
record JooqAdmissionReads(DSLContext sql, JooqRows read, RenderedSql rendered) implements AdmissionReads {
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

  /** The columns of {@link #invitationChecks}, as read: sent, live, the inviter's name, the pending invitation. */
  private static final Field<?>[] INVITATION_FIELDS = Stream.of(
      Stream.<Field<?>>of(DSL.field("sent", SQLDataType.INTEGER), DSL.field("live", SQLDataType.BOOLEAN), A.DISPLAY_NAME),
      Stream.of(I.fields())).flatMap(f -> f).toArray(Field<?>[]::new);
  private static final int INVITATION_AT = 3;

  /** What decides the text of {@link #invitationChecks}: the cap on invitations counted. */
  private record InvitationShape(int atMost) {}

  @Override
  public InvitationChecks invitationChecks(OrganisationId organisation, EmailAddress email, AccountId inviter,
      Instant since, int atMost) {
    RenderedSql.Binds binds = new RenderedSql.Binds()
        .put("org", organisation, I.ORGANISATION_ID)
        .put("email", email, I.PENDING_EMAIL)
        .put("inviter", inviter, A.ID);
    if (atMost > 0) {
      binds.put("orgText", organisation.toString(), OB.ORGANISATION_ID).put("since", since, OB.CREATED_AT);
    }
    List<InvitationChecks> rows = rendered.fetch(sql, new InvitationShape(Math.max(0, atMost)), INVITATION_FIELDS,
        () -> invitationChecksQuery(atMost), binds, r -> new InvitationChecks(
            Objects.requireNonNullElse((Integer) r.get(0), 0),
            Boolean.TRUE.equals(r.get(1)),
            r.get(INVITATION_AT) == null ? Optional.empty() : Optional.of(read.invitation(r, INVITATION_AT)),
            Objects.requireNonNullElse((String) r.get(2), "")));
    return rows.get(0);
  }

  /** The statement of {@link #invitationChecks}, its values named parameters ({@link RenderedSql#bind}). */
  private Select<?> invitationChecksQuery(int atMost) {
    Field<OrganisationId> organisation = RenderedSql.bind("org", I.ORGANISATION_ID);
    Field<EmailAddress> email = RenderedSql.bind("email", I.PENDING_EMAIL);
    Field<Integer> sent = atMost <= 0 ? inline(0) : field(selectCount().from(selectOne().from(OB)
        .where(OB.ORGANISATION_ID.eq(RenderedSql.bind("orgText", OB.ORGANISATION_ID))
            .and(OB.NOTIFICATION_TYPE.eq(inline(NotificationType.INVITATION, OB.NOTIFICATION_TYPE)))
            .and(OB.CREATED_AT.gt(RenderedSql.bind("since", OB.CREATED_AT))))
        .limit(inline(atMost)).asTable("sent")));
    Field<Boolean> live = field(exists(selectOne().from(M).join(A).on(A.ID.eq(M.LIVE_ACCOUNT_ID))
        .where(M.ORGANISATION_ID.eq(organisation).and(A.EMAIL.eq(email)))));
    Field<String> name = field(select(A.DISPLAY_NAME).from(A).where(A.ID.eq(RenderedSql.bind("inviter", A.ID))));
    return sql.select(sent, live, name).select(I.fields())
        .from(selectOne().asTable("one"))
        .leftJoin(I).on(I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.eq(email)));
  }

  /** What decides the text of {@link #acceptanceChecks}. */
  private record AcceptanceShape(boolean domain, Permission notified, int atMostNotified) {}

  /** The columns of {@link #acceptanceChecks}, as read (the first two are the scalar answers). */
  private static final Field<?>[] ACCEPTANCE_FIELDS = Stream.of(
      Stream.<Field<?>>of(DSL.field("live", SQLDataType.BOOLEAN), DSL.field("verified", SQLDataType.BOOLEAN)),
      Stream.of(A.fields()), Stream.of(J.fields()), Stream.of(JooqMemberStore.ACCESS_FIELDS), Stream.of(D.fields()),
      Stream.<Field<?>>of(NOTIFIED_ID, NOTIFIED_EMAIL, NOTIFIED_PERMISSIONS)).flatMap(f -> f).toArray(Field<?>[]::new);
  private static final int ACCOUNT_AT = 2;
  private static final int REQUEST_AT = ACCOUNT_AT + A.fields().length;
  private static final int INVITER_AT = REQUEST_AT + J.fields().length;
  private static final int DOMAIN_AT = INVITER_AT + JooqMemberStore.ACCESS_FIELDS.length;
  private static final int TO_TELL_AT = DOMAIN_AT + D.fields().length;

  /** One row of {@link #acceptanceChecks}: the single answers (on the first row only) and whom it tells, if anyone. */
  private record AcceptanceRow(@Nullable AcceptanceChecks single, @Nullable EmailAddress toTell) {}

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
    RenderedSql.Binds binds = new RenderedSql.Binds()
        .put("org", organisation, M.ORGANISATION_ID)
        .put("account", account, A.ID)
        .put("inviter", inviter, M.LIVE_ACCOUNT_ID);
    domain.ifPresent(name -> binds.put("domain", name, D.DOMAIN_NAME));
    boolean[] first = {true};
    List<AcceptanceRow> rows = rendered.fetch(sql,
        new AcceptanceShape(domain.isPresent(), notified, Math.max(0, atMostNotified)), ACCEPTANCE_FIELDS,
        () -> acceptanceChecksQuery(domain.isPresent(), notified, atMostNotified), binds, r -> {
          AcceptanceChecks single = null;
          if (first[0]) {
            first[0] = false;
            single = new AcceptanceChecks(
                r.get(ACCOUNT_AT) == null ? Optional.empty() : Optional.of(JooqRows.account(r, ACCOUNT_AT)),
                Boolean.TRUE.equals(r.get(0)),
                r.get(REQUEST_AT) == null ? Optional.empty() : Optional.of(JooqRows.joinRequest(r, REQUEST_AT)),
                r.get(INVITER_AT) == null ? Optional.empty()
                    : Optional.of(JooqMemberStore.access(read, r, INVITER_AT, organisation)),
                r.get(DOMAIN_AT) == null ? Optional.empty() : Optional.of(JooqDomainStore.domain(r, DOMAIN_AT)),
                Boolean.TRUE.equals(r.get(1)),
                List.of());
          }
          @SuppressWarnings("unchecked")
          Set<Permission> custom = (Set<Permission>) r.get(TO_TELL_AT + 2);
          EmailAddress toTell = r.get(TO_TELL_AT) != null && (custom == null || custom.contains(notified))
              ? (EmailAddress) Objects.requireNonNull(r.get(TO_TELL_AT + 1)) : null;
          return new AcceptanceRow(single, toTell);
        });
    AcceptanceChecks single = Objects.requireNonNull(rows.get(0).single(), "one row");
    List<EmailAddress> addresses = new ArrayList<>();
    for (AcceptanceRow row : rows) {
      EmailAddress toTell = row.toTell();
      if (toTell != null) {
        addresses.add(toTell);
      }
    }
    return new AcceptanceChecks(single.account(), single.liveMember(), single.pendingJoinRequest(),
        single.inviter(), single.domain(), single.domainVerifiedAnywhere(), addresses);
  }

  /** The statement of {@link #acceptanceChecks}, its values named parameters ({@link RenderedSql#bind}). */
  private Select<?> acceptanceChecksQuery(boolean withDomain, Permission notified, int atMostNotified) {
    Field<OrganisationId> organisation = RenderedSql.bind("org", M.ORGANISATION_ID);
    Field<AccountId> account = RenderedSql.bind("account", A.ID);
    Field<DomainName> domain = RenderedSql.bind("domain", D.DOMAIN_NAME);
    Field<Boolean> live = field(exists(selectOne().from(M)
        .where(M.ORGANISATION_ID.eq(organisation).and(M.LIVE_ACCOUNT_ID.eq(account)))));
    Field<Boolean> verifiedAnywhere = !withDomain ? inline(false)
        : field(exists(selectOne().from(DV).where(DV.VERIFIED_NAME.eq(domain))));
    Table<?> toTell = whomToTell(organisation, account, notified, atMostNotified).asTable("n");
    Field<MembershipId> toTellId = Objects.requireNonNull(toTell.field(NOTIFIED_ID));
    List<Field<?>> fields = new ArrayList<>(List.of(live, verifiedAnywhere));
    fields.addAll(List.of(A.fields()));
    fields.addAll(List.of(J.fields()));
    fields.addAll(List.of(JooqMemberStore.ACCESS_FIELDS));
    fields.addAll(List.of(D.fields()));
    fields.addAll(List.of(toTellId, Objects.requireNonNull(toTell.field(NOTIFIED_EMAIL)),
        Objects.requireNonNull(toTell.field(NOTIFIED_PERMISSIONS))));
    return sql.select(fields)
        .from(selectOne().asTable("one"))
        .leftJoin(A).on(A.ID.eq(account))
        .leftJoin(J).on(J.ORGANISATION_ID.eq(organisation).and(J.PENDING_ACCOUNT_ID.eq(account)))
        .leftJoin(JooqMemberStore.AM).on(JooqMemberStore.AM.ORGANISATION_ID.eq(organisation)
            .and(JooqMemberStore.AM.LIVE_ACCOUNT_ID.eq(RenderedSql.bind("inviter", JooqMemberStore.AM.LIVE_ACCOUNT_ID))))
        .leftJoin(JooqMemberStore.AO).on(JooqMemberStore.AO.ID.eq(JooqMemberStore.AM.ORGANISATION_ID))
        .leftJoin(JooqMemberStore.AA).on(JooqMemberStore.AA.ID.eq(JooqMemberStore.AM.ACCOUNT_ID))
        .leftJoin(JooqMemberStore.AR).on(JooqMemberStore.AR.ID.eq(JooqMemberStore.AM.ROLE_ID)
            .and(JooqMemberStore.AR.ORGANISATION_ID.eq(JooqMemberStore.AM.ORGANISATION_ID)))
        .leftJoin(D).on(withDomain ? D.ORGANISATION_ID.eq(organisation).and(D.DOMAIN_NAME.eq(domain)) : falseCondition())
        .leftJoin(toTell).on(trueCondition())
        .orderBy(toTellId);
  }

  /**
   * The active members of {@code organisation} but {@code except} whose role may allow {@code
   * permission}, by membership id, at most {@code limit}: the holders of the built-in roles that allow
   * it (their ids inline, so the planner reads them through the (organisation, role, status) index
   * by its statistics), union all the holders of the organisation's custom roles whose stored
   * permissions (sorted comma-separated names) contain its name, a superset that {@link
   * #acceptanceChecks} narrows exactly. One query with {@code role_id IN (subquery)} instead led
   * PostgreSQL to walk the primary key for {@code ORDER BY id LIMIT}: 120 ms in an organisation of
   * 20,000 members. The status, the pattern and the limit are inline (they decide the kept text).
   */
  private static Select<?> whomToTell(Field<OrganisationId> organisation, Field<AccountId> except, Permission permission,
      int limit) {
    List<Field<RoleId>> builtIn = new ArrayList<>();
    for (Role role : Role.BUILT_IN) {
      if (role.allows(permission)) {
        builtIn.add(inline(role.id(), NM.ROLE_ID));
      }
    }
    Field<MembershipStatus> active = inline(MembershipStatus.ACTIVE, NM.STATUS);
    Select<Record3<MembershipId, EmailAddress, Set<Permission>>> holders = select(NOTIFIED_ID, NOTIFIED_EMAIL, castNull(NR.PERMISSIONS).as(NOTIFIED_PERMISSIONS.getName()))
        .from(NM)
        .join(NA).on(NA.ID.eq(NM.ACCOUNT_ID))
        .where(NM.ORGANISATION_ID.eq(organisation)
            .and(builtIn.isEmpty() ? falseCondition() : NM.ROLE_ID.in(builtIn))
            .and(NM.STATUS.eq(active))
            .and(NM.ACCOUNT_ID.ne(except)));
    Select<Record3<MembershipId, EmailAddress, Set<Permission>>> custom = select(NOTIFIED_ID, NOTIFIED_EMAIL, NOTIFIED_PERMISSIONS)
        .from(NR)
        .join(NM).on(NM.ORGANISATION_ID.eq(NR.ORGANISATION_ID).and(NM.ROLE_ID.eq(NR.ID)))
        .join(NA).on(NA.ID.eq(NM.ACCOUNT_ID))
        .where(NR.ORGANISATION_ID.eq(organisation)
            .and(NR.PERMISSIONS.coerce(SQLDataType.VARCHAR).like(inline("%" + permission.name() + "%")))
            .and(NM.STATUS.eq(active))
            .and(NM.ACCOUNT_ID.ne(except)));
    Table<?> both = holders.unionAll(custom).asTable("w");
    return select(both.fields())
        .from(both)
        .orderBy(Objects.requireNonNull(both.field(NOTIFIED_ID.getName())))
        .limit(inline(Math.max(0, limit)));
  }
}
