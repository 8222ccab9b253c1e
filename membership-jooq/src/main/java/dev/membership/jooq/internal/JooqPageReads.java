package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.JooqRows.joinRequest;
import static dev.membership.jooq.internal.JooqRows.joinedRole;
import static dev.membership.jooq.internal.JooqRows.organisation;
import static dev.membership.jooq.internal.SqlSupport.after;
import static dev.membership.jooq.internal.SqlSupport.before;
import static dev.membership.jooq.internal.SqlSupport.containsPattern;
import static dev.membership.jooq.internal.SqlSupport.lower;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;

import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Cursor;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.PageReads;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;

/**
 * The list pages, each one keyset range read (the members page in one statement, {@link
 * MemberPageQuery}).
 */
final class JooqPageReads implements PageReads {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;

  private final DSLContext sql;
  private final JooqRows read;

  JooqPageReads(DSLContext sql, JooqRows read) {
    this.sql = sql;
    this.read = read;
  }

  @Override
  public Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now) {
    return new MemberPageQuery(sql, read.membershipsRead, read.invitationsRead).fetch(organisation, query, now);
  }

  @Override
  public Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page) {
    Condition where = M.LIVE_ACCOUNT_ID.eq(account.toString()).and(O.STATUS.eq(OrganisationStatus.ACTIVE.name()));
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(after(O.NAME_LOWER, O.ID, key.get(0), key.get(1)));
    }
    List<AccountOrganisation> rows = sql.select(M.fields()).select(O.fields()).select(R.fields())
        .from(M)
        .join(O).on(O.ID.eq(M.ORGANISATION_ID))
        .leftJoin(R).on(R.ID.eq(M.ROLE_ID).and(R.ORGANISATION_ID.eq(M.ORGANISATION_ID)))
        .where(where)
        .orderBy(O.NAME_LOWER, O.ID)
        .limit(inline(page.limit() + 1))
        .fetch(r -> {
          Membership membership = read.membership(r.into(M));
          return new AccountOrganisation(organisation(r), membership, joinedRole(r, membership.organisationId(), membership.roleId()));
        });
    return Page.of(rows, page.limit(),
        row -> Cursor.encode(lower(row.organisation().name()), row.organisation().id().toString()));
  }

  @Override
  public MemberCounts memberCounts(OrganisationId organisation) {
    return read.counts.read(sql, organisation);
  }

  @Override
  public Page<Organisation> searchOrganisations(String text, PageRequest page) {
    Condition where = O.DISCOVERABLE.isTrue().and(O.STATUS.eq(OrganisationStatus.ACTIVE.name()));
    if (!text.isEmpty()) {
      where = where.and(O.NAME_LOWER.like(containsPattern(lower(text)), '!'));
    }
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(after(O.NAME_LOWER, O.ID, key.get(0), key.get(1)));
    }
    List<Organisation> rows = sql.selectFrom(O).where(where).orderBy(O.NAME_LOWER, O.ID).limit(inline(page.limit() + 1))
        .fetch(JooqRows::organisation);
    return Page.of(rows, page.limit(), o -> Cursor.encode(lower(o.name()), o.id().toString()));
  }

  @Override
  public Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page) {
    Condition where = J.ORGANISATION_ID.eq(organisation.toString());
    if (!statuses.isEmpty() && !statuses.containsAll(Set.of(JoinRequestStatus.values()))) {
      where = where.and(J.STATUS.in(statuses.stream().map(Enum::name).toList()));
    }
    SqlSupport.InstantKeyset keyset = SqlSupport.instantKeyset(page, J.CREATED_AT, J.ID, false);
    List<JoinRequest> rows = sql.selectFrom(J).where(keyset.and(where))
        .orderBy(keyset.order())
        .limit(inline(page.limit() + 1))
        .fetch(JooqRows::joinRequest);
    return Page.of(rows, page, r -> Cursor.encode(r.createdAt().toString(), r.id().toString()));
  }

  @Override
  public Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page) {
    Condition where = J.ACCOUNT_ID.eq(account.toString());
    if (!statuses.isEmpty() && !statuses.containsAll(Set.of(JoinRequestStatus.values()))) {
      where = where.and(J.STATUS.in(statuses.stream().map(Enum::name).toList()));
    }
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(before(J.CREATED_AT, J.ID, nanos(Codec.cursorInstant(key.get(0))), key.get(1)));
    }
    List<AccountJoinRequest> rows = sql.select(J.fields()).select(O.fields())
        .from(J).join(O).on(O.ID.eq(J.ORGANISATION_ID))
        .where(where)
        .orderBy(J.CREATED_AT.desc(), J.ID.desc())
        .limit(inline(page.limit() + 1))
        .fetch(r -> new AccountJoinRequest(joinRequest(r), organisation(r)));
    return Page.of(rows, page.limit(),
        r -> Cursor.encode(r.request().createdAt().toString(), r.request().id().toString()));
  }
}
