package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.joinRequest;
import static dev.membership.jooq.internal.JooqRows.joinedRole;
import static dev.membership.jooq.internal.JooqRows.organisation;
import static dev.membership.jooq.internal.SqlSupport.containsPattern;
import static dev.membership.jooq.internal.SqlSupport.lower;
import static dev.membership.jooq.internal.SqlSupport.seek;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;

import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
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
import dev.membership.spi.MemberPageView;
import dev.membership.spi.PageReads;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectSeekStep2;
import org.jooq.Condition;
import org.jooq.DSLContext;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;

/**
 * The list pages, each one keyset range read (the members page in one statement, {@link
 * MemberPageQuery}).
 */
record JooqPageReads(DSLContext sql, JooqRows read, RenderedSql rendered) implements PageReads {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
  // "An account's organisations" under short aliases: a shorter text to send.
  private static final MembershipMember OM = MEMBERSHIP_MEMBER.as("m");
  private static final MembershipOrganisation OO = MEMBERSHIP_ORGANISATION.as("o");
  private static final MembershipRole OR = MEMBERSHIP_ROLE.as("r");

  @Override
  public Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now) {
    return new MemberPageQuery(sql, read, rendered).fetch(Optional.empty(), organisation, query, now).page();
  }

  @Override
  public MemberPageView memberPage(AccountId viewer, OrganisationId organisation, MemberQuery query, Instant now) {
    return new MemberPageQuery(sql, read, rendered).fetch(Optional.of(viewer), organisation, query, now);
  }

  @Override
  public Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page) {
    Optional<SqlSupport.Key<String, OrganisationId>> after = SqlSupport.key(page.after(), Function.identity(), OrganisationId::of);
    int limit = page.limit() + 1;
    RenderedSql.Binds binds = new RenderedSql.Binds().put("account", account, OM.LIVE_ACCOUNT_ID);
    after.ifPresent(key -> binds.put("name", key.first(), OO.NAME_LOWER).put("id", key.second(), OO.ID));
    List<AccountOrganisation> rows = rendered.fetch(sql, new OrganisationsShape(after.isPresent(), limit),
            ORGANISATIONS_READ, () -> {
              SelectSeekStep2<Record, String, OrganisationId> ordered = sql.select(ORGANISATIONS_READ)
                  .from(OM)
                  .join(OO).on(OO.ID.eq(OM.ORGANISATION_ID))
                  .leftJoin(OR).on(OR.ID.eq(OM.ROLE_ID).and(OR.ORGANISATION_ID.eq(OM.ORGANISATION_ID)))
                  .where(OM.LIVE_ACCOUNT_ID.eq(RenderedSql.bind("account", OM.LIVE_ACCOUNT_ID))
                      .and(OO.STATUS.eq(inline(OrganisationStatus.ACTIVE, OO.STATUS))))
                  .orderBy(OO.NAME_LOWER, OO.ID);
              Select<Record> from = after.isPresent()
                  ? ordered.seek(RenderedSql.bind("name", OO.NAME_LOWER), RenderedSql.bind("id", OO.ID)).limit(inline(limit)) : ordered.limit(inline(limit));
              return from;
            }, binds, row -> {
          Cells r = row.view(ORGANISATIONS_LAYOUT);
          Membership membership = read.membership(r, 0);
          return new AccountOrganisation(organisation(r, ORGANISATION_AT), membership,
              joinedRole(r, ROLE_AT, membership.organisationId(), membership.roleId()));
        });
    return Page.of(rows, page.limit(),
        row -> Cursor.encode(lower(row.organisation().name()), row.organisation().id().toString()));
  }

  /** What decides the text of {@link #organisationsOf}. */
  private record OrganisationsShape(boolean after, int limit) {}

  /** The columns of {@link #organisationsOf}: the membership, its organisation, its custom role. */
  private static final Field<?>[] ORGANISATIONS_FIELDS = Stream.of(OM.fields(), OO.fields(), OR.fields())
      .flatMap(Stream::of).toArray(Field<?>[]::new);
  /**
   * The columns {@link #organisationsOf} selects: those the mapping reads, less the organisation's id
   * and the role's organisation (the membership's, which both are joined on); not the membership's
   * live account and address, the organisation's lower-cased name, nor the role's name keys.
   */
  private static final Field<?>[] ORGANISATIONS_READ = {OM.ID, OM.ORGANISATION_ID, OM.ACCOUNT_ID, OM.ROLE_ID,
      OM.STATUS, OM.ORIGIN, OM.GRANT_KEYS, OM.SUSPENDED_AT, OM.JOINED_AT, OM.UPDATED_AT, OM.VERSION, OO.NAME, OO.STATUS,
      OO.CREATED_AT, OO.VERSION, OO.DISCOVERABLE, OR.ID, OR.NAME, OR.PERMISSIONS, OR.VERSION};
  /** {@link #ORGANISATIONS_READ} as the mapping reads it: at the places of {@link #ORGANISATIONS_FIELDS}. */
  private static final Cells.Layout ORGANISATIONS_LAYOUT = Cells.Layout.of(ORGANISATIONS_READ, ORGANISATIONS_FIELDS,
      java.util.Map.of(OO.ID, OM.ORGANISATION_ID, OR.ORGANISATION_ID, OM.ORGANISATION_ID));
  private static final int ORGANISATION_AT = M.fields().length;
  private static final int ROLE_AT = ORGANISATION_AT + O.fields().length;

  @Override
  public MemberCounts memberCounts(OrganisationId organisation) {
    return read.counts.read(sql, organisation);
  }

  @Override
  public Page<Organisation> searchOrganisations(String text, PageRequest page) {
    Condition where = O.DISCOVERABLE.isTrue().and(O.STATUS.eq(OrganisationStatus.ACTIVE));
    if (!text.isEmpty()) {
      where = where.and(O.NAME_LOWER.like(containsPattern(lower(text)), '!'));
    }
    List<Organisation> rows = seek(sql.selectFrom(O).where(where).orderBy(O.NAME_LOWER, O.ID), page.after(),
            Function.identity(), OrganisationId::of, page.limit() + 1)
        .fetch(JooqRows::organisation);
    return Page.of(rows, page.limit(), o -> Cursor.encode(lower(o.name()), o.id().toString()));
  }

  @Override
  public Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page) {
    List<JoinRequest> rows = seek(sql.selectFrom(J).where(J.ORGANISATION_ID.eq(organisation).and(statusIn(statuses))),
            page, J.CREATED_AT, J.ID, false, Instant::parse, JoinRequestId::of)
        .fetch(JooqRows::joinRequest);
    return Page.of(rows, page, r -> Cursor.encode(r.createdAt().toString(), r.id().toString()));
  }

  @Override
  public Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page) {
    Optional<SqlSupport.Key<Instant, JoinRequestId>> after = SqlSupport.key(page.after(), Instant::parse, JoinRequestId::of);
    int limit = page.limit() + 1;
    // The statuses go inline (they decide the text): none when every status is asked for, as before.
    Set<JoinRequestStatus> filter = statuses.isEmpty() || statuses.containsAll(Set.of(JoinRequestStatus.values()))
        ? Set.of() : Set.copyOf(java.util.EnumSet.copyOf(statuses));
    RenderedSql.Binds binds = new RenderedSql.Binds().put("account", account, J.ACCOUNT_ID);
    after.ifPresent(key -> binds.put("created", key.first(), J.CREATED_AT).put("id", key.second(), J.ID));
    List<AccountJoinRequest> rows = rendered.fetch(sql, new JoinRequestsOfShape(filter, after.isPresent(), limit),
        REQUESTS_FIELDS, () -> {
          List<Field<JoinRequestStatus>> in = filter.stream().sorted().<Field<JoinRequestStatus>>map(status -> inline(status, J.STATUS)).toList();
          SelectSeekStep2<Record, Instant, JoinRequestId> ordered = sql.select(REQUESTS_FIELDS)
              .from(J).join(O).on(O.ID.eq(J.ORGANISATION_ID))
              .where(J.ACCOUNT_ID.eq(RenderedSql.bind("account", J.ACCOUNT_ID))
                  .and(in.isEmpty() ? noCondition() : J.STATUS.in(in)))
              .orderBy(J.CREATED_AT.desc(), J.ID.desc());
          return after.isPresent()
              ? ordered.seek(RenderedSql.bind("created", J.CREATED_AT), RenderedSql.bind("id", J.ID)).limit(inline(limit))
              : ordered.limit(inline(limit));
        }, binds, r -> new AccountJoinRequest(JooqRows.joinRequest(r, 0), organisation(r, REQUEST_ORGANISATION_AT)));
    return Page.of(rows, page.limit(),
        r -> Cursor.encode(r.request().createdAt().toString(), r.request().id().toString()));
  }

  /** What decides the text of {@link #joinRequestsOf}. */
  private record JoinRequestsOfShape(Set<JoinRequestStatus> statuses, boolean after, int limit) {}

  /** The columns of {@link #joinRequestsOf}: the request, its organisation. */
  private static final Field<?>[] REQUESTS_FIELDS = Stream.of(J.fields(), O.fields())
      .flatMap(Stream::of).toArray(Field<?>[]::new);
  private static final int REQUEST_ORGANISATION_AT = J.fields().length;

  /** The requests in one of {@code statuses}; all of them when it is empty or holds every status. */
  private static Condition statusIn(Set<JoinRequestStatus> statuses) {
    return statuses.isEmpty() || statuses.containsAll(Set.of(JoinRequestStatus.values())) ? noCondition() : J.STATUS.in(statuses);
  }
}
