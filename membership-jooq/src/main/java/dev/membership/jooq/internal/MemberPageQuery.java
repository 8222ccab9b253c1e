package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.select;

import dev.membership.domain.AccountId;
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
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.query.AccountSummary;
import dev.membership.query.Cursor;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.MemberPageView;
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
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.SelectSeekStep2;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The members page in one statement, with the viewer's access: the organisation's memberships (with
 * their accounts) and its open invitations, each branch a keyset range over its own index (members by
 * {@code (organisation_id, email, id)}, pending invitations by {@code (organisation_id, pending_email)})
 * cut to the page size, and the viewer's live membership (by {@code (organisation_id,
 * live_account_id)}, with its organisation and account's credential state, as {@link
 * JooqMemberStore#findAccess} reads it), united, joined to the custom roles, and cut again. A row holds
 * its group (the access first), kind, sort key and role, then a membership row and its account's
 * name, then an invitation row, then the access's organisation (the other kinds' columns {@code
 * NULL}); each is read back by position through the table's one mapping ({@link JooqRows}).
 *
 * <p>The statement of each shape (filters, direction, cursor or none, limit) is built and rendered
 * once per store ({@link RenderedSql}); a call only binds its values and runs the kept text on the
 * read's connection ({@link JdbcReads}).
 */
final class MemberPageQuery {
  // Short aliases: a shorter text to send.
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT.as("a");
  private static final MembershipMember M = MEMBERSHIP_MEMBER.as("m");
  private static final MembershipRole R = MEMBERSHIP_ROLE.as("r");
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION.as("i");
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION.as("o");

  // Where each part of a row of the union stands.
  private static final int AT_GROUP = 0;
  private static final int AT_KIND = 1;
  private static final int AT_EMAIL = 2;
  private static final int AT_ID = 3;
  private static final int AT_ROLE_ID = 4;
  private static final int AT_MEMBER = 5;
  private static final int AT_DISPLAY_NAME = AT_MEMBER + M.fields().length;
  private static final int AT_LAST_SIGN_IN_AT = AT_DISPLAY_NAME + 1;
  private static final int AT_CREDENTIAL_STATE = AT_LAST_SIGN_IN_AT + 1;
  private static final int AT_INVITATION = AT_CREDENTIAL_STATE + 1;
  private static final int AT_ORGANISATION = AT_INVITATION + I.fields().length;
  private static final int AT_ROLE = AT_ORGANISATION + O.fields().length;
  /** The joined role's columns: the first five of the table, in its order. */
  private static final Field<?>[] ROLE_FIELDS = {R.ID, R.ORGANISATION_ID, R.NAME, R.PERMISSIONS, R.VERSION};

  private static final char ACCESS = 'A';
  private static final char MEMBER = 'M';
  private static final char INVITED = 'I';

  private final DSLContext sql;
  private final JooqRows read;
  private final RenderedSql rendered;

  MemberPageQuery(DSLContext sql, JooqRows read, RenderedSql rendered) {
    this.sql = sql;
    this.read = read;
    this.rendered = rendered;
  }

  /** One page of members and open invitations, ordered by e-mail, then id, and the viewer's access. */
  MemberPageView fetch(Optional<AccountId> viewer, OrganisationId organisation, MemberQuery query, Instant now) {
    PageRequest page = query.page();
    Optional<String> cursor = page.after().or(page::before);
    boolean members = showsMembers(query.badges());
    boolean invitations = query.includesInvitations() && invitationOriginsMatch(query.origins());
    List<RoleId> roles = List.copyOf(query.roles());
    Optional<String> text = query.text().map(SqlSupport::lower).map(SqlSupport::containsPattern);
    if (viewer.isEmpty() && !members && !invitations) {
      return new MemberPageView(Optional.empty(), Page.empty());
    }

    RenderedSql.Binds binds = new RenderedSql.Binds()
        .put("org", organisation, M.ORGANISATION_ID)
        .put("now", now, I.EXPIRES_AT);
    viewer.ifPresent(account -> binds.put("viewer", account, M.LIVE_ACCOUNT_ID));
    text.ifPresent(pattern -> binds.put("text", pattern, A.DISPLAY_NAME_LOWER));
    for (int i = 0; i < roles.size(); i++) {
      binds.put("role" + i, roles.get(i), M.ROLE_ID);
    }
    if (members) {
      SqlSupport.key(cursor, EmailAddress::of, MembershipId::of).ifPresent(key ->
          binds.put("email", key.first(), M.EMAIL).put("member", key.second(), M.ID));
    }
    if (invitations) {
      SqlSupport.key(cursor, EmailAddress::of, InvitationId::of).ifPresent(key ->
          binds.put("email", key.first(), M.EMAIL).put("invitation", key.second(), I.ID));
    }
    Shape shape = new Shape(query.badges(), query.origins(), roles.size(), text.isPresent(), cursor.isPresent(),
        page.backwards(), page.limit(), viewer.isPresent());

    List<MemberAccess> access = new ArrayList<>(1);
    List<MemberRow> rows = new ArrayList<>(page.limit() + 1);
    rendered.fetch(sql, shape, FIELDS,
        () -> statement(query, viewer.isPresent(), members, invitations, roles.size(), text.isPresent(), cursor.isPresent()),
        binds, r -> {
          char kind = kind(r);
          if (kind == ACCESS) {
            access.add(JooqMemberStore.access(read, r, AT_MEMBER, organisation, AT_ORGANISATION, AT_ROLE,
                AT_CREDENTIAL_STATE));
          } else {
            rows.add(memberRow(r, kind, organisation, now));
          }
          return r;
        });
    return new MemberPageView(access.stream().findFirst(), Page.of(rows, page, row -> Cursor.encode(row.email().value(), switch (row) {
      case MemberRow.Member member -> member.membership().id().toString();
      case MemberRow.Invited invited -> invited.invitation().id().toString();
    })));
  }

  /** The kind of a row: its first character (some databases pad the literal). */
  private static char kind(Cells r) {
    return ((String) r.get(AT_KIND)).charAt(0);
  }

  /**
   * What decides the statement's text (the rest are bound values): the filters' sets (compared as
   * sets, whatever their order), how many roles, whether a text and a cursor, the direction, the page
   * size, and whether the viewer's access is read with it.
   */
  private record Shape(Set<MemberBadge> badges, Set<MembershipOrigin> origins, int roles, boolean text, boolean cursor,
      boolean backwards, int limit, boolean viewer) {}

  /** The columns of a row of the statement: the union's, then the joined role's. */
  private static final Field<?>[] FIELDS = fields();

  private static Field<?>[] fields() {
    List<Field<?>> fields = new ArrayList<>(List.of(DSL.inline(0), DSL.inline(String.valueOf(ACCESS)), M.EMAIL,
        DSL.field(M.ID.getQualifiedName(), SQLDataType.VARCHAR), M.ROLE_ID));
    fields.addAll(List.of(M.fields()));
    fields.addAll(List.of(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE));
    fields.addAll(List.of(I.fields()));
    fields.addAll(List.of(O.fields()));
    fields.addAll(List.of(ROLE_FIELDS));
    return fields.toArray(Field<?>[]::new);
  }

  /** The statement of a shape, its values named parameters ({@link RenderedSql#bind}). */
  private ResultQuery<Record> statement(MemberQuery query, boolean viewer, boolean members, boolean invitations, int roleCount,
      boolean text, boolean cursor) {
    PageRequest page = query.page();
    Field<OrganisationId> org = RenderedSql.bind("org", M.ORGANISATION_ID);
    Field<String> pattern = RenderedSql.bind("text", A.DISPLAY_NAME_LOWER);
    List<Field<RoleId>> roles = new ArrayList<>();
    for (int i = 0; i < roleCount; i++) {
      roles.add(RenderedSql.bind("role" + i, M.ROLE_ID));
    }
    int limit = page.limit() + 1;

    List<Select<Record>> branches = new ArrayList<>();
    if (viewer) {
      branches.add(select(row(inline(0), inline(String.valueOf(ACCESS)), M.EMAIL, text(M.ID), M.ROLE_ID, List.of(M.fields()),
            List.of(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE), nulls(I.fields()), List.of(O.fields())))
        .from(M)
        .join(O).on(O.ID.eq(M.ORGANISATION_ID))
        .join(A).on(A.ID.eq(M.ACCOUNT_ID))
        .where(M.ORGANISATION_ID.eq(org).and(M.LIVE_ACCOUNT_ID.eq(RenderedSql.bind("viewer", M.LIVE_ACCOUNT_ID)))));
    }
    if (members) {
      Condition where = M.ORGANISATION_ID.eq(org).and(memberBadges(query.badges()));
      if (roleCount > 0) {
        where = where.and(M.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty()) {
        where = where.and(M.ORIGIN.in(query.origins().stream().map(o -> inline(o, M.ORIGIN)).toList()));
      }
      if (text) {
        where = where.and(text(M.EMAIL).like(pattern, '!').or(A.DISPLAY_NAME_LOWER.like(pattern, '!')));
      }
      SelectSeekStep2<Record, EmailAddress, MembershipId> ordered = select(row(inline(1), inline(String.valueOf(MEMBER)), M.EMAIL,
              text(M.ID), M.ROLE_ID, List.of(M.fields()), List.of(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE),
              nulls(I.fields()), nulls(O.fields())))
          .from(M).join(A).on(A.ID.eq(M.ACCOUNT_ID))
          .where(where)
          .orderBy(page.backwards() ? M.EMAIL.desc() : M.EMAIL.asc(), page.backwards() ? M.ID.desc() : M.ID.asc());
      Select<Record> from = cursor
          ? ordered.seek(RenderedSql.bind("email", M.EMAIL), RenderedSql.bind("member", M.ID)).limit(inline(limit)) : ordered.limit(inline(limit));
      branches.add(from);
    }
    if (invitations) {
      Condition where = I.ORGANISATION_ID.eq(org).and(I.PENDING_EMAIL.isNotNull());
      Field<Instant> now = RenderedSql.bind("now", I.EXPIRES_AT);
      if (!query.badges().contains(MemberBadge.EXPIRED)) {
        where = where.and(I.EXPIRES_AT.gt(now));
      } else if (!query.badges().contains(MemberBadge.PENDING)) {
        where = where.and(I.EXPIRES_AT.le(now));
      }
      if (roleCount > 0) {
        where = where.and(I.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty() && !query.origins().containsAll(Set.of(MembershipOrigin.INVITATION, MembershipOrigin.JOIN_REQUEST))) {
        where = where.and(query.origins().contains(MembershipOrigin.JOIN_REQUEST)
            ? I.JOIN_REQUEST_ID.isNotNull() : I.JOIN_REQUEST_ID.isNull());
      }
      if (text) {
        where = where.and(text(I.PENDING_EMAIL).like(pattern, '!'));
      }
      SelectSeekStep2<Record, EmailAddress, InvitationId> ordered = select(row(inline(1), inline(String.valueOf(INVITED)),
              I.PENDING_EMAIL, text(I.ID), I.ROLE_ID, nulls(M.fields()),
              nulls(A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE), List.of(I.fields()), nulls(O.fields())))
          .from(I)
          .where(where)
          .orderBy(page.backwards() ? I.PENDING_EMAIL.desc() : I.PENDING_EMAIL.asc(),
              page.backwards() ? I.ID.desc() : I.ID.asc());
      Select<Record> from = cursor
          ? ordered.seek(RenderedSql.bind("email", I.PENDING_EMAIL), RenderedSql.bind("invitation", I.ID)).limit(inline(limit)) : ordered.limit(inline(limit));
      branches.add(from);
    }
    Select<Record> union = branches.get(0);
    for (int i = 1; i < branches.size(); i++) {
      union = union.unionAll(branches.get(i));
    }
    Table<Record> rows = union.asTable("u");
    Field<?>[] columns = rows.fields();
    @SuppressWarnings("unchecked")
    Field<RoleId> rowRoleId = (Field<RoleId>) columns[AT_ROLE_ID];
    return sql.select(columns).select(ROLE_FIELDS)
        .from(rows)
        .leftJoin(R).on(R.ID.eq(rowRoleId).and(R.ORGANISATION_ID.eq(org)))
        // The access first; a page before the cursor reads backwards, nearest the cursor first (Page.of turns it round).
        .orderBy(page.backwards()
            ? List.of(columns[AT_GROUP].asc(), columns[AT_EMAIL].desc(), columns[AT_ID].desc())
            : List.of(columns[AT_GROUP].asc(), columns[AT_EMAIL].asc(), columns[AT_ID].asc()))
        // The access, then one more than the page's limit.
        .limit(inline(limit + 1));
  }

  /** A row of the union: group, kind, sort key (address, id as text), role, then the parts, each column named by position. */
  @SafeVarargs
  private static List<SelectField<?>> row(Field<Integer> group, Field<String> kind, Field<EmailAddress> email, Field<String> id,
      Field<RoleId> role, List<? extends Field<?>>... parts) {
    List<Field<?>> fields = new ArrayList<>(List.of(group, kind, email, id, role));
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

  /** Whether a membership row can show one of {@code badges} ({@link #memberBadges} is not {@code null}). */
  private static boolean showsMembers(Set<MemberBadge> badges) {
    for (MemberBadge badge : badges) {
      switch (badge) {
        case ACTIVE, CREATED_BY_ADMIN, DEACTIVATED, REMOVED -> {
          return true;
        }
        case PENDING, EXPIRED -> { }
      }
    }
    return false;
  }

  /** The membership rows that show one of {@code badges}; {@code null} when no membership can. */
  private static @Nullable Condition memberBadges(Set<MemberBadge> badges) {
    List<Condition> any = new ArrayList<>();
    Condition active = M.STATUS.eq(inline(MembershipStatus.ACTIVE, M.STATUS));
    Condition createdByAdmin = M.ORIGIN.eq(inline(MembershipOrigin.CREATED_BY_ADMIN, M.ORIGIN)).and(A.LAST_SIGN_IN_AT.isNull());
    for (MemberBadge badge : badges) {
      switch (badge) {
        case ACTIVE -> any.add(active.and(createdByAdmin.not()));
        case CREATED_BY_ADMIN -> any.add(active.and(createdByAdmin));
        case DEACTIVATED -> any.add(M.STATUS.eq(inline(MembershipStatus.DEACTIVATED, M.STATUS)));
        case REMOVED -> any.add(M.STATUS.eq(inline(MembershipStatus.REMOVED, M.STATUS)));
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
      return M.STATUS.in(statuses.stream().map(status -> inline(status, M.STATUS)).toList());
    }
    return or(any);
  }

  /** Whether invitations can match the origin filter: they count as INVITATION or JOIN_REQUEST. */
  private static boolean invitationOriginsMatch(Set<MembershipOrigin> origins) {
    return origins.isEmpty() || origins.contains(MembershipOrigin.INVITATION) || origins.contains(MembershipOrigin.JOIN_REQUEST);
  }

  private MemberRow memberRow(Cells r, char kind, OrganisationId organisation, Instant now) {
    RoleId roleId = (RoleId) r.get(AT_ROLE_ID);
    // History outlives roles: a removed member's custom role may have been deleted since.
    Role role = JooqRows.joinedRole(r, AT_ROLE, organisation, roleId);
    if (kind == MEMBER) {
      Membership membership = read.membership(r, AT_MEMBER);
      AccountSummary account = new AccountSummary(membership.accountId(), (EmailAddress) r.get(AT_EMAIL),
          (String) r.get(AT_DISPLAY_NAME), r.get(AT_LAST_SIGN_IN_AT) == null,
          r.get(AT_CREDENTIAL_STATE) == CredentialState.PERSONAL);
      return new MemberRow.Member(membership, account, role);
    }
    Invitation invitation = read.invitation(r, AT_INVITATION);
    return new MemberRow.Invited(invitation, role, !invitation.isOpenAt(now));
  }
}
