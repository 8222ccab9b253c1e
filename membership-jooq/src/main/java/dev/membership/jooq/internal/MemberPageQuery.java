package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.slice;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.select;

import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.query.AccountSummary;
import dev.membership.query.Cursor;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The members page in one statement: the organisation's memberships (with their accounts) and its
 * open invitations, each branch a keyset range over its own index (members by
 * {@code (organisation_id, email, id)}, pending invitations by {@code (organisation_id, pending_email)})
 * cut to the page size, united, joined to the custom roles, and cut again. A row holds the sort key
 * and role, then a membership row and its account's name, then an invitation row (the other kind's
 * columns {@code NULL}); each is read back by position through the table's one mapping ({@link
 * JooqRows}).
 */
final class MemberPageQuery {
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;

  // Where each part of a row of the union stands.
  private static final int AT_KIND = 0;
  private static final int AT_EMAIL = 1;
  private static final int AT_ID = 2;
  private static final int AT_ROLE_ID = 3;
  private static final int AT_MEMBER = 4;
  private static final int AT_DISPLAY_NAME = AT_MEMBER + M.fields().length;
  private static final int AT_LAST_SIGN_IN_AT = AT_DISPLAY_NAME + 1;
  private static final int AT_CREDENTIAL_STATE = AT_LAST_SIGN_IN_AT + 1;
  private static final int AT_INVITATION = AT_CREDENTIAL_STATE + 1;
  private static final int AT_ROLE = AT_INVITATION + I.fields().length;

  private final DSLContext sql;
  private final JooqRows read;

  MemberPageQuery(DSLContext sql, JooqRows read) {
    this.sql = sql;
    this.read = read;
  }

  /** One page of members and open invitations, ordered by e-mail, then id. */
  Page<MemberRow> fetch(OrganisationId organisation, MemberQuery query, Instant now) {
    int limit = query.page().limit();
    Optional<String> text = query.text().map(SqlSupport::lower).map(SqlSupport::containsPattern);
    Set<RoleId> roles = query.roles();

    List<Select<Record>> branches = new ArrayList<>();
    Condition badges = memberBadges(query.badges());
    if (badges != null) {
      Condition where = M.ORGANISATION_ID.eq(organisation).and(badges);
      if (!roles.isEmpty()) {
        where = where.and(M.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty()) {
        where = where.and(M.ORIGIN.in(query.origins()));
      }
      if (text.isPresent()) {
        where = where.and(text(M.EMAIL).like(text.get(), '!').or(A.DISPLAY_NAME_LOWER.like(text.get(), '!')));
      }
      branches.add(seek(select(row(inline("M"), M.EMAIL, text(M.ID), M.ROLE_ID, List.of(M.fields()),
              List.of(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE), nulls(I.fields())))
          .from(M).join(A).on(A.ID.eq(M.ACCOUNT_ID))
          .where(where), query.page(), M.EMAIL, M.ID, false, EmailAddress::of, MembershipId::of));
    }
    if (query.includesInvitations() && invitationOriginsMatch(query.origins())) {
      Condition where = I.ORGANISATION_ID.eq(organisation).and(I.PENDING_EMAIL.isNotNull());
      if (!query.badges().contains(MemberBadge.EXPIRED)) {
        where = where.and(I.EXPIRES_AT.gt(now));
      } else if (!query.badges().contains(MemberBadge.PENDING)) {
        where = where.and(I.EXPIRES_AT.le(now));
      }
      if (!roles.isEmpty()) {
        where = where.and(I.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty() && !query.origins().containsAll(Set.of(MembershipOrigin.INVITATION, MembershipOrigin.JOIN_REQUEST))) {
        where = where.and(query.origins().contains(MembershipOrigin.JOIN_REQUEST)
            ? I.JOIN_REQUEST_ID.isNotNull() : I.JOIN_REQUEST_ID.isNull());
      }
      if (text.isPresent()) {
        where = where.and(text(I.PENDING_EMAIL).like(text.get(), '!'));
      }
      branches.add(seek(select(row(inline("I"), I.PENDING_EMAIL, text(I.ID), I.ROLE_ID, nulls(M.fields()),
              nulls(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE), List.of(I.fields())))
          .from(I)
          .where(where), query.page(), I.PENDING_EMAIL, I.ID, false, EmailAddress::of, InvitationId::of));
    }
    if (branches.isEmpty()) {
      return Page.empty();
    }
    Select<Record> union = branches.get(0);
    for (int i = 1; i < branches.size(); i++) {
      union = union.unionAll(branches.get(i));
    }
    Table<Record> rows = union.asTable("member_row");
    Field<?>[] columns = rows.fields();
    @SuppressWarnings("unchecked")
    Field<RoleId> rowRoleId = (Field<RoleId>) columns[AT_ROLE_ID];
    List<MemberRow> page = sql.select(columns).select(R.fields())
        .from(rows)
        .leftJoin(R).on(R.ID.eq(rowRoleId).and(R.ORGANISATION_ID.eq(organisation)))
        // A page before the cursor reads backwards, nearest the cursor first (Page.of turns it round).
        .orderBy(query.page().backwards()
            ? List.of(columns[AT_EMAIL].desc(), columns[AT_ID].desc())
            : List.of(columns[AT_EMAIL].asc(), columns[AT_ID].asc()))
        .limit(inline(limit + 1))
        .fetch(r -> memberRow(r, organisation, now));
    return Page.of(page, query.page(), row -> Cursor.encode(row.email().value(), switch (row) {
      case MemberRow.Member member -> member.membership().id().toString();
      case MemberRow.Invited invited -> invited.invitation().id().toString();
    }));
  }

  /** A row of the union: kind, sort key (address, id as text), role, then the parts, each column named by position. */
  @SafeVarargs
  private static List<SelectField<?>> row(Field<String> kind, Field<EmailAddress> email, Field<String> id,
      Field<RoleId> role, List<? extends Field<?>>... parts) {
    List<Field<?>> fields = new ArrayList<>(List.of(kind, email, id, role));
    for (List<? extends Field<?>> part : parts) {
      fields.addAll(part);
    }
    List<SelectField<?>> named = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      named.add(fields.get(i).as("c" + i));
    }
    return named;
  }

  /** Typed {@code NULL}s standing for the other kind's columns. */
  private static List<Field<?>> nulls(Field<?>... fields) {
    return Stream.of(fields).<Field<?>>map(DSL::castNull).toList();
  }

  /**
   * A column as the text it holds: ids, so that member and invitation ids sort as one column, and
   * addresses, which a search pattern is matched against.
   */
  private static Field<String> text(Field<?> column) {
    return DSL.field(column.getQualifiedName(), SQLDataType.VARCHAR);
  }

  /** The membership rows that show one of {@code badges}; {@code null} when no membership can. */
  private static @Nullable Condition memberBadges(Set<MemberBadge> badges) {
    List<Condition> any = new ArrayList<>();
    Condition active = M.STATUS.eq(MembershipStatus.ACTIVE);
    Condition createdByAdmin = M.ORIGIN.eq(MembershipOrigin.CREATED_BY_ADMIN).and(A.LAST_SIGN_IN_AT.isNull());
    for (MemberBadge badge : badges) {
      switch (badge) {
        case ACTIVE -> any.add(active.and(createdByAdmin.not()));
        case CREATED_BY_ADMIN -> any.add(active.and(createdByAdmin));
        case DEACTIVATED -> any.add(M.STATUS.eq(MembershipStatus.DEACTIVATED));
        case REMOVED -> any.add(M.STATUS.eq(MembershipStatus.REMOVED));
        case PENDING -> { }
      }
    }
    if (any.isEmpty()) {
      return null;
    }
    if (badges.containsAll(Set.of(MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN))) {
      // Both halves of the active members: no need to look at the account for the badge.
      List<MembershipStatus> statuses = new ArrayList<>(List.of(MembershipStatus.ACTIVE));
      if (badges.contains(MemberBadge.DEACTIVATED)) {
        statuses.add(MembershipStatus.DEACTIVATED);
      }
      if (badges.contains(MemberBadge.REMOVED)) {
        statuses.add(MembershipStatus.REMOVED);
      }
      return M.STATUS.in(statuses);
    }
    return or(any);
  }

  /** Whether invitations can match the origin filter: they count as INVITATION or JOIN_REQUEST. */
  private static boolean invitationOriginsMatch(Set<MembershipOrigin> origins) {
    return origins.isEmpty() || origins.contains(MembershipOrigin.INVITATION) || origins.contains(MembershipOrigin.JOIN_REQUEST);
  }

  private MemberRow memberRow(Record r, OrganisationId organisation, Instant now) {
    RoleId roleId = r.get(AT_ROLE_ID, RoleId.class);
    // History outlives roles: a removed member's custom role may have been deleted since.
    Role role = JooqRows.joinedRole(slice(r, AT_ROLE, R), organisation, roleId);
    if (r.get(AT_KIND, String.class).strip().equals("M")) {
      Membership membership = read.membership(slice(r, AT_MEMBER, M));
      AccountSummary account = new AccountSummary(membership.accountId(), r.get(AT_EMAIL, EmailAddress.class),
          r.get(AT_DISPLAY_NAME, String.class), r.get(AT_LAST_SIGN_IN_AT) == null,
          r.get(AT_CREDENTIAL_STATE, CredentialState.class) == CredentialState.PERSONAL);
      return new MemberRow.Member(membership, account, role);
    }
    Invitation invitation = read.invitation(slice(r, AT_INVITATION, I));
    return new MemberRow.Invited(invitation, role, !invitation.isOpenAt(now));
  }
}
