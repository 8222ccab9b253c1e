package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.castNull;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.select;

import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.Suspension;
import dev.membership.domain.TokenHash;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The members page in one statement: the organisation's memberships (with their accounts) and its
 * open invitations, each branch a keyset range over its own index (members by
 * {@code (organisation_id, email, id)}, pending invitations by {@code (organisation_id, pending_email)})
 * cut to the page size, united, joined to the custom roles, and cut again.
 */
final class MemberPageQuery {
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;

  private final DSLContext sql;
  private final Map<MembershipId, Membership> membershipsRead;
  private final Map<InvitationId, Invitation> invitationsRead;

  MemberPageQuery(DSLContext sql, Map<MembershipId, Membership> membershipsRead,
      Map<InvitationId, Invitation> invitationsRead) {
    this.sql = sql;
    this.membershipsRead = membershipsRead;
    this.invitationsRead = invitationsRead;
  }

  /** One page of members and open invitations, ordered by e-mail, then id. */
  Page<MemberRow> fetch(OrganisationId organisation, MemberQuery query, Instant now) {
    int limit = query.page().limit();
    boolean backwards = query.page().backwards();
    Optional<List<String>> cursor = query.page().after().or(query.page()::before).map(c -> Cursor.decode(c, 2));
    Optional<String> text = query.text().map(SqlSupport::lower).map(SqlSupport::containsPattern);
    String org = organisation.toString();
    List<String> roles = query.roles().stream().map(RoleId::value).toList();

    List<org.jooq.Select<Record>> branches = new ArrayList<>();
    Condition badges = memberBadges(query.badges());
    if (badges != null) {
      Condition where = M.ORGANISATION_ID.eq(org).and(badges);
      if (!roles.isEmpty()) {
        where = where.and(M.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty()) {
        where = where.and(M.ORIGIN.in(query.origins().stream().map(Enum::name).toList()));
      }
      if (text.isPresent()) {
        where = where.and(M.EMAIL.like(text.get(), '!').or(A.DISPLAY_NAME_LOWER.like(text.get(), '!')));
      }
      if (cursor.isPresent()) {
        where = where.and(backwards
            ? SqlSupport.before(M.EMAIL, M.ID, cursor.get().get(0), cursor.get().get(1))
            : SqlSupport.after(M.EMAIL, M.ID, cursor.get().get(0), cursor.get().get(1)));
      }
      branches.add(select(List.<SelectField<?>>of(
              inline("M").as(ROW_KIND), M.ID.as(ROW_ID), M.EMAIL.as(ROW_EMAIL), M.ROLE_ID.as(ROW_ROLE_ID),
              M.STATUS.as(ROW_STATUS), M.ORIGIN.as(ROW_ORIGIN), M.GRANT_KEYS.as(ROW_GRANT_KEYS),
              M.SUSPENDED_ROLE_ID.as(ROW_SUSPENDED_ROLE_ID), M.SUSPENDED_AT.as(ROW_SUSPENDED_AT),
              M.JOINED_AT.as(ROW_CREATED_AT), M.UPDATED_AT.as(ROW_UPDATED_AT), M.VERSION.as(ROW_VERSION),
              M.ACCOUNT_ID.as(ROW_ACCOUNT_ID), A.DISPLAY_NAME.as(ROW_DISPLAY_NAME),
              A.LAST_SIGN_IN_AT.as(ROW_LAST_SIGN_IN_AT),
              castNull(SQLDataType.CHAR(64)).as(ROW_TOKEN_HASH), castNull(SQLDataType.BIGINT).as(ROW_EXPIRES_AT),
              castNull(SQLDataType.CHAR(36)).as(ROW_INVITED_BY), castNull(SQLDataType.CHAR(36)).as(ROW_JOIN_REQUEST_ID),
              castNull(SQLDataType.INTEGER).as(ROW_SEND_COUNT), castNull(SQLDataType.CHAR(36)).as(ROW_ACCEPTED_BY),
              A.CREDENTIAL_STATE.as(ROW_CREDENTIAL_STATE)))
          .from(M).join(A).on(A.ID.eq(M.ACCOUNT_ID))
          .where(where)
          .orderBy(backwards ? List.of(M.EMAIL.desc(), M.ID.desc()) : List.of(M.EMAIL.asc(), M.ID.asc()))
          .limit(inline(limit + 1)));
    }
    if (query.includesInvitations() && invitationOriginsMatch(query.origins())) {
      Condition where = I.ORGANISATION_ID.eq(org).and(I.PENDING_EMAIL.isNotNull());
      if (!query.badges().contains(MemberBadge.EXPIRED)) {
        where = where.and(I.EXPIRES_AT.gt(nanos(now)));
      } else if (!query.badges().contains(MemberBadge.PENDING)) {
        where = where.and(I.EXPIRES_AT.le(nanos(now)));
      }
      if (!roles.isEmpty()) {
        where = where.and(I.ROLE_ID.in(roles));
      }
      if (!query.origins().isEmpty() && !query.origins().containsAll(Set.of(MembershipOrigin.INVITATION, MembershipOrigin.JOIN_REQUEST))) {
        where = where.and(query.origins().contains(MembershipOrigin.JOIN_REQUEST)
            ? I.JOIN_REQUEST_ID.isNotNull() : I.JOIN_REQUEST_ID.isNull());
      }
      if (text.isPresent()) {
        where = where.and(I.PENDING_EMAIL.like(text.get(), '!'));
      }
      if (cursor.isPresent()) {
        where = where.and(backwards
            ? SqlSupport.before(I.PENDING_EMAIL, I.ID, cursor.get().get(0), cursor.get().get(1))
            : SqlSupport.after(I.PENDING_EMAIL, I.ID, cursor.get().get(0), cursor.get().get(1)));
      }
      branches.add(select(List.<SelectField<?>>of(
              inline("I").as(ROW_KIND), I.ID.as(ROW_ID), I.PENDING_EMAIL.as(ROW_EMAIL), I.ROLE_ID.as(ROW_ROLE_ID),
              I.STATUS.as(ROW_STATUS), castNull(SQLDataType.VARCHAR(16)).as(ROW_ORIGIN), I.GRANT_KEYS.as(ROW_GRANT_KEYS),
              castNull(SQLDataType.VARCHAR(41)).as(ROW_SUSPENDED_ROLE_ID), castNull(SQLDataType.BIGINT).as(ROW_SUSPENDED_AT),
              I.CREATED_AT.as(ROW_CREATED_AT), I.UPDATED_AT.as(ROW_UPDATED_AT), I.VERSION.as(ROW_VERSION),
              castNull(SQLDataType.CHAR(36)).as(ROW_ACCOUNT_ID), castNull(SQLDataType.VARCHAR(200)).as(ROW_DISPLAY_NAME),
              castNull(SQLDataType.BIGINT).as(ROW_LAST_SIGN_IN_AT),
              I.TOKEN_HASH.as(ROW_TOKEN_HASH), I.EXPIRES_AT.as(ROW_EXPIRES_AT), I.INVITED_BY.as(ROW_INVITED_BY),
              I.JOIN_REQUEST_ID.as(ROW_JOIN_REQUEST_ID), I.SEND_COUNT.as(ROW_SEND_COUNT), I.ACCEPTED_BY.as(ROW_ACCEPTED_BY),
              castNull(SQLDataType.VARCHAR(16)).as(ROW_CREDENTIAL_STATE)))
          .from(I)
          .where(where)
          // One pending invitation per address: the address alone orders them, as the index does.
          .orderBy(backwards ? I.PENDING_EMAIL.desc() : I.PENDING_EMAIL.asc())
          .limit(inline(limit + 1)));
    }
    if (branches.isEmpty()) {
      return Page.empty();
    }
    org.jooq.Select<Record> union = branches.get(0);
    for (int i = 1; i < branches.size(); i++) {
      union = union.unionAll(branches.get(i));
    }
    Table<Record> rows = union.asTable("member_row");
    Field<String> rowRoleId = rows.field(ROW_ROLE_ID, String.class);
    Field<String> rowEmail = rows.field(ROW_EMAIL, String.class);
    Field<String> rowId = rows.field(ROW_ID, String.class);
    List<SelectField<?>> columns = new ArrayList<>(List.of(rows.fields()));
    columns.addAll(List.of(R.fields()));
    List<MemberRow> page = sql.select(columns)
        .from(rows)
        .leftJoin(R).on(R.ID.eq(rowRoleId).and(R.ORGANISATION_ID.eq(org)))
        .orderBy(backwards ? List.of(rowEmail.desc(), rowId.desc()) : List.of(rowEmail.asc(), rowId.asc()))
        .limit(inline(limit + 1))
        .fetch(r -> memberRow(r, organisation, now));
    return Page.of(page, query.page(), row -> Cursor.encode(row.email().value(), switch (row) {
      case MemberRow.Member member -> member.membership().id().toString();
      case MemberRow.Invited invited -> invited.invitation().id().toString();
    }));
  }

  private static final String ROW_KIND = "row_kind";
  private static final String ROW_ID = "row_id";
  private static final String ROW_EMAIL = "row_email";
  private static final String ROW_ROLE_ID = "row_role_id";
  private static final String ROW_STATUS = "row_status";
  private static final String ROW_ORIGIN = "row_origin";
  private static final String ROW_GRANT_KEYS = "row_grant_keys";
  private static final String ROW_SUSPENDED_ROLE_ID = "row_suspended_role_id";
  private static final String ROW_SUSPENDED_AT = "row_suspended_at";
  private static final String ROW_CREATED_AT = "row_created_at";
  private static final String ROW_UPDATED_AT = "row_updated_at";
  private static final String ROW_VERSION = "row_version";
  private static final String ROW_ACCOUNT_ID = "row_account_id";
  private static final String ROW_DISPLAY_NAME = "row_display_name";
  private static final String ROW_LAST_SIGN_IN_AT = "row_last_sign_in_at";
  private static final String ROW_TOKEN_HASH = "row_token_hash";
  private static final String ROW_EXPIRES_AT = "row_expires_at";
  private static final String ROW_INVITED_BY = "row_invited_by";
  private static final String ROW_JOIN_REQUEST_ID = "row_join_request_id";
  private static final String ROW_SEND_COUNT = "row_send_count";
  private static final String ROW_ACCEPTED_BY = "row_accepted_by";
  private static final String ROW_CREDENTIAL_STATE = "row_credential_state";
  // Where each column of the union stands in a fetched row: read by index, not looked up by name.
  private static final int AT_KIND = 0;
  private static final int AT_ID = 1;
  private static final int AT_EMAIL = 2;
  private static final int AT_ROLE_ID = 3;
  private static final int AT_STATUS = 4;
  private static final int AT_ORIGIN = 5;
  private static final int AT_GRANT_KEYS = 6;
  private static final int AT_SUSPENDED_ROLE_ID = 7;
  private static final int AT_SUSPENDED_AT = 8;
  private static final int AT_CREATED_AT = 9;
  private static final int AT_UPDATED_AT = 10;
  private static final int AT_VERSION = 11;
  private static final int AT_ACCOUNT_ID = 12;
  private static final int AT_DISPLAY_NAME = 13;
  private static final int AT_LAST_SIGN_IN_AT = 14;
  private static final int AT_TOKEN_HASH = 15;
  private static final int AT_EXPIRES_AT = 16;
  private static final int AT_INVITED_BY = 17;
  private static final int AT_JOIN_REQUEST_ID = 18;
  private static final int AT_SEND_COUNT = 19;
  private static final int AT_ACCEPTED_BY = 20;
  private static final int AT_CREDENTIAL_STATE = 21;

  /** The membership rows that show one of {@code badges}; {@code null} when no membership can. */
  private static Condition memberBadges(Set<MemberBadge> badges) {
    List<Condition> any = new ArrayList<>();
    Condition active = M.STATUS.eq(MembershipStatus.ACTIVE.name());
    Condition createdByAdmin = M.ORIGIN.eq(MembershipOrigin.CREATED_BY_ADMIN.name()).and(A.LAST_SIGN_IN_AT.isNull());
    for (MemberBadge badge : badges) {
      switch (badge) {
        case ACTIVE -> any.add(active.and(createdByAdmin.not()));
        case CREATED_BY_ADMIN -> any.add(active.and(createdByAdmin));
        case DEACTIVATED -> any.add(M.STATUS.eq(MembershipStatus.DEACTIVATED.name()));
        case REMOVED -> any.add(M.STATUS.eq(MembershipStatus.REMOVED.name()));
        case PENDING -> { }
      }
    }
    if (any.isEmpty()) {
      return null;
    }
    if (badges.containsAll(Set.of(MemberBadge.ACTIVE, MemberBadge.CREATED_BY_ADMIN))) {
      // Both halves of the active members: no need to look at the account for the badge.
      List<String> statuses = new ArrayList<>(List.of(MembershipStatus.ACTIVE.name()));
      if (badges.contains(MemberBadge.DEACTIVATED)) {
        statuses.add(MembershipStatus.DEACTIVATED.name());
      }
      if (badges.contains(MemberBadge.REMOVED)) {
        statuses.add(MembershipStatus.REMOVED.name());
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
    String kind = r.get(AT_KIND, String.class);
    RoleId roleId = RoleId.of(r.get(AT_ROLE_ID, String.class));
    // History outlives roles: a removed member's custom role may have been deleted since.
    Role role = JooqRows.joinedRole(r, organisation, roleId);
    String id = r.get(AT_ID, String.class).strip();
    EmailAddress email = EmailAddress.of(r.get(AT_EMAIL, String.class));
    Set<EntitlementKey> keys = Codec.keys(r.get(AT_GRANT_KEYS, String.class));
    Instant createdAt = instant(r.get(AT_CREATED_AT, Long.class));
    Instant updatedAt = instant(r.get(AT_UPDATED_AT, Long.class));
    long version = r.get(AT_VERSION, Long.class);
    if (kind.strip().equals("M")) {
      MembershipStatus status = MembershipStatus.valueOf(r.get(AT_STATUS, String.class));
      AccountId accountId = AccountId.of(r.get(AT_ACCOUNT_ID, String.class).strip());
      Optional<Suspension> suspension = status == MembershipStatus.DEACTIVATED
          ? Optional.of(new Suspension(keys, instant(r.get(AT_SUSPENDED_AT, Long.class))))
          : Optional.empty();
      Membership membership = new Membership(MembershipId.of(id), organisation, accountId, roleId,
          status == MembershipStatus.ACTIVE ? keys : Set.of(), status,
          MembershipOrigin.valueOf(r.get(AT_ORIGIN, String.class)), suspension, createdAt, updatedAt, version);
      membershipsRead.put(membership.id(), membership);
      AccountSummary account = new AccountSummary(accountId, email, r.get(AT_DISPLAY_NAME, String.class),
          r.get(AT_LAST_SIGN_IN_AT, Long.class) == null,
          CredentialState.PERSONAL.name().equals(r.get(AT_CREDENTIAL_STATE, String.class)));
      return new MemberRow.Member(membership, account, role);
    }
    Invitation invitation = new Invitation(InvitationId.of(id), organisation, email, roleId, keys,
        InvitationStatus.valueOf(r.get(AT_STATUS, String.class)),
        new TokenHash(r.get(AT_TOKEN_HASH, String.class)),
        instant(r.get(AT_EXPIRES_AT, Long.class)),
        AccountId.of(r.get(AT_INVITED_BY, String.class).strip()),
        Optional.ofNullable(r.get(AT_JOIN_REQUEST_ID, String.class)).map(String::strip).map(JoinRequestId::of),
        r.get(AT_SEND_COUNT, Integer.class), createdAt, updatedAt,
        Optional.ofNullable(r.get(AT_ACCEPTED_BY, String.class)).map(String::strip).map(AccountId::of),
        version);
    invitationsRead.put(invitation.id(), invitation);
    return new MemberRow.Invited(invitation, role, !invitation.isOpenAt(now));
  }

}
