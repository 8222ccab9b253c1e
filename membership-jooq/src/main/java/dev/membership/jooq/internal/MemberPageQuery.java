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
import java.util.Objects;
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

  // Where the parts every row has stand.
  private static final int AT_GROUP = 0;
  private static final int AT_KIND = 1;
  private static final int AT_EMAIL = 2;
  private static final int AT_ID = 3;
  private static final int AT_ROLE_ID = 4;

  private static final char ACCESS_KIND = 'A';
  private static final char MEMBER_KIND = 'M';
  private static final char INVITED_KIND = 'I';

  /**
   * A column of the union: what the viewer's access, a member row and an invitation row put there
   * ({@code null}: a {@code NULL} of the column's type). Values of the same database type share a
   * column, so that a row is no wider than its widest kind.
   */
  private record Slot(@Nullable Field<?> access, @Nullable Field<?> member, @Nullable Field<?> invited) {
    /** The column's type: its first value's. */
    Field<?> type() {
      return Objects.requireNonNull(access != null ? access : member != null ? member : invited);
    }

    @Nullable Field<?> of(char kind) {
      return switch (kind) {
        case ACCESS_KIND -> access;
        case MEMBER_KIND -> member;
        default -> invited;
      };
    }
  }

  private static final List<Slot> SLOTS = List.of(
      new Slot(inline(0), inline(1), inline(1)),
      // The kind as a number (its character's code): read without making a string for each row.
      new Slot(inline((int) ACCESS_KIND), inline((int) MEMBER_KIND), inline((int) INVITED_KIND)),
      new Slot(M.EMAIL, M.EMAIL, I.PENDING_EMAIL),
      new Slot(M.ID, M.ID, I.ID),
      new Slot(M.ROLE_ID, M.ROLE_ID, I.ROLE_ID),
      new Slot(M.ORGANISATION_ID, M.ORGANISATION_ID, I.ORGANISATION_ID),
      new Slot(M.STATUS, M.STATUS, I.STATUS),
      new Slot(M.GRANT_KEYS, M.GRANT_KEYS, I.GRANT_KEYS),
      new Slot(M.ACCOUNT_ID, M.ACCOUNT_ID, I.INVITED_BY),
      new Slot(M.JOINED_AT, M.JOINED_AT, I.CREATED_AT),
      new Slot(M.UPDATED_AT, M.UPDATED_AT, I.UPDATED_AT),
      new Slot(M.VERSION, M.VERSION, I.VERSION),
      new Slot(M.SUSPENDED_AT, M.SUSPENDED_AT, I.EXPIRES_AT),
      new Slot(M.ORIGIN, M.ORIGIN, null),
      new Slot(O.NAME, A.DISPLAY_NAME, null),
      new Slot(O.CREATED_AT, A.LAST_SIGN_IN_AT, null),
      new Slot(A.CREDENTIAL_STATE, A.CREDENTIAL_STATE, null),
      new Slot(null, null, I.JOIN_REQUEST_ID),
      new Slot(null, null, I.TOKEN_HASH),
      new Slot(null, null, I.SEND_COUNT),
      new Slot(null, null, I.ACCEPTED_BY),
      new Slot(O.STATUS, null, null),
      new Slot(O.VERSION, null, null),
      new Slot(O.DISCOVERABLE, null, null));
  /** The joined role's columns after the union's: those of {@link #ROLE_FIELDS} but its organisation (the page's). */
  private static final Field<?>[] JOINED_ROLE = {R.ID, R.NAME, R.PERMISSIONS, R.VERSION};
  /** The role table's first five columns, in its order, as {@link JooqRows#joinedRole} reads them. */
  private static final Field<?>[] ROLE_FIELDS = {R.ID, R.ORGANISATION_ID, R.NAME, R.PERMISSIONS, R.VERSION};

  /** The columns of a row of the statement: the union's, then the joined role's. */
  private static final Field<?>[] FIELDS = Stream.concat(SLOTS.stream().map(Slot::type), Stream.of(JOINED_ROLE))
      .toArray(Field<?>[]::new);

  /** A member row: the membership (table order), its account's name, last sign-in and credential state, its role. */
  private static final Cells.Layout MEMBER = layout(MEMBER_KIND, M.fields(),
      new Field<?>[] {A.DISPLAY_NAME, A.LAST_SIGN_IN_AT, A.CREDENTIAL_STATE});
  private static final int MEMBER_ACCOUNT_AT = M.fields().length;
  private static final int MEMBER_ROLE_AT = MEMBER_ACCOUNT_AT + 3;
  /** An invitation row: the invitation (table order), its role. */
  private static final Cells.Layout INVITED = layout(INVITED_KIND, I.fields());
  private static final int INVITED_ROLE_AT = I.fields().length;
  /** The viewer's access: the membership, its organisation, its role, the account's credential state. */
  private static final Cells.Layout ACCESS = layout(ACCESS_KIND, M.fields(), O.fields());
  private static final int ACCESS_ORGANISATION_AT = M.fields().length;
  private static final int ACCESS_ROLE_AT = ACCESS_ORGANISATION_AT + O.fields().length;
  private static final int ACCESS_CREDENTIAL_STATE_AT = ACCESS_ROLE_AT + ROLE_FIELDS.length;

  /**
   * Where a row of {@code kind} holds {@code parts} (each a table's columns, or some), then its role
   * ({@link #ROLE_FIELDS}), then, for the access, the credential state. A table column the union does
   * not carry (the live account, the lower-cased name) is not in the layout; an invitation's address is
   * its pending address (the branch reads pending invitations only), the access's organisation id the
   * membership's (joined on it), the role's organisation the row's.
   */
  private static Cells.Layout layout(char kind, Field<?>[]... parts) {
    List<Field<?>> fields = new ArrayList<>();
    for (Field<?>[] part : parts) {
      fields.addAll(List.of(part));
    }
    fields.addAll(List.of(ROLE_FIELDS));
    if (kind == ACCESS_KIND) {
      fields.add(A.CREDENTIAL_STATE);
    }
    int[] columns = new int[fields.size()];
    for (int i = 0; i < columns.length; i++) {
      Field<?> field = fields.get(i);
      Field<?> source = field == I.EMAIL ? I.PENDING_EMAIL
          : field == O.ID || field == R.ORGANISATION_ID ? SLOTS.get(5).of(kind)
          : field;
      columns[i] = -1;
      for (int c = 0; c < SLOTS.size(); c++) {
        if (SLOTS.get(c).of(kind) == source) {
          columns[i] = c;
        }
      }
      for (int c = 0; c < JOINED_ROLE.length; c++) {
        if (JOINED_ROLE[c] == source) {
          columns[i] = SLOTS.size() + c;
        }
      }
    }
    return new Cells.Layout(fields.toArray(Field<?>[]::new), columns);
  }

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
          switch (kind(r)) {
            case ACCESS_KIND -> access.add(JooqMemberStore.access(read, r.view(ACCESS), 0, organisation,
                ACCESS_ORGANISATION_AT, ACCESS_ROLE_AT, ACCESS_CREDENTIAL_STATE_AT));
            case MEMBER_KIND -> rows.add(member(r.view(MEMBER), organisation));
            default -> rows.add(invited(r.view(INVITED), organisation, now));
          }
          return r;
        });
    return new MemberPageView(access.stream().findFirst(), Page.of(rows, page, row -> Cursor.encode(row.email().value(), switch (row) {
      case MemberRow.Member member -> member.membership().id().toString();
      case MemberRow.Invited invited -> invited.invitation().id().toString();
    })));
  }

  /** The kind of a row: the character whose code it holds. */
  private static char kind(Cells r) {
    return (char) ((Integer) r.get(AT_KIND)).intValue();
  }

  /**
   * What decides the statement's text (the rest are bound values): the filters' sets (compared as
   * sets, whatever their order), how many roles, whether a text and a cursor, the direction, the page
   * size, and whether the viewer's access is read with it.
   */
  private record Shape(Set<MemberBadge> badges, Set<MembershipOrigin> origins, int roles, boolean text, boolean cursor,
      boolean backwards, int limit, boolean viewer) {}

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
      branches.add(select(row(ACCESS_KIND))
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
      SelectSeekStep2<Record, EmailAddress, MembershipId> ordered = select(row(MEMBER_KIND))
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
      SelectSeekStep2<Record, EmailAddress, InvitationId> ordered = select(row(INVITED_KIND))
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
    return sql.select(columns).select(JOINED_ROLE)
        .from(rows)
        .leftJoin(R).on(R.ID.eq(rowRoleId).and(R.ORGANISATION_ID.eq(org)))
        // The access first; a page before the cursor reads backwards, nearest the cursor first (Page.of turns it round).
        .orderBy(page.backwards()
            ? List.of(columns[AT_GROUP].asc(), columns[AT_EMAIL].desc(), columns[AT_ID].desc())
            : List.of(columns[AT_GROUP].asc(), columns[AT_EMAIL].asc(), columns[AT_ID].asc()))
        // The access, then one more than the page's limit.
        .limit(inline(limit + 1));
  }

  /** A row of the union as {@code kind} makes it: each column's value, or a typed {@code NULL}, named by position. */
  private static List<SelectField<?>> row(char kind) {
    List<SelectField<?>> named = new ArrayList<>(SLOTS.size());
    for (int i = 0; i < SLOTS.size(); i++) {
      Slot slot = SLOTS.get(i);
      Field<?> value = slot.of(kind);
      named.add((value != null ? value : DSL.castNull(slot.type())).as("c" + i));
    }
    return named;
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

  /** A member row, read through {@link #MEMBER}. */
  private MemberRow member(Cells r, OrganisationId organisation) {
    Membership membership = read.membership(r, 0);
    // History outlives roles: a removed member's custom role may have been deleted since.
    Role role = JooqRows.joinedRole(r, MEMBER_ROLE_AT, organisation, membership.roleId());
    AccountSummary account = new AccountSummary(membership.accountId(), (EmailAddress) r.get(4),
        (String) r.get(MEMBER_ACCOUNT_AT), r.get(MEMBER_ACCOUNT_AT + 1) == null,
        r.get(MEMBER_ACCOUNT_AT + 2) == CredentialState.PERSONAL);
    return new MemberRow.Member(membership, account, role);
  }

  /** An invitation row, read through {@link #INVITED}. */
  private MemberRow invited(Cells r, OrganisationId organisation, Instant now) {
    Invitation invitation = read.invitation(r, 0);
    Role role = JooqRows.joinedRole(r, INVITED_ROLE_AT, organisation, invitation.roleId());
    return new MemberRow.Invited(invitation, role, !invitation.isOpenAt(now));
  }

}
