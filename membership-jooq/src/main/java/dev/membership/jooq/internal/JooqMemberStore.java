package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.JooqRows.slice;
import static dev.membership.jooq.internal.SqlSupport.updateVersioned;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectOne;

import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.jooq.internal.generated.tables.records.MembershipMemberRecord;
import dev.membership.query.MemberAccess;
import dev.membership.spi.MemberStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Memberships in table {@code membership_member}, and their grants, one row per active grant, in
 * {@code membership_member_grant} (what seats are counted on). A membership read in this
 * transaction is remembered, so that an update rewrites only the grant rows that changed (usually
 * none).
 */
record JooqMemberStore(DSLContext sql, JooqRows read, RenderedSql rendered, Deferred later) implements MemberStore {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  // The permission check's tables under short aliases: a shorter text to send (also read by JooqAdmissionReads).
  static final MembershipMember AM = MEMBERSHIP_MEMBER.as("m");
  static final MembershipOrganisation AO = MEMBERSHIP_ORGANISATION.as("o");
  static final MembershipAccount AA = MEMBERSHIP_ACCOUNT.as("a");
  static final MembershipRole AR = MEMBERSHIP_ROLE.as("r");
  private static final Supplier<ConflictException> ALREADY_MEMBER =
      () -> new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation.");

  @Override
  public void insert(Membership m) {
    later.insert(insertWrite(record(m), m.accountId()), ALREADY_MEMBER);
    insertGrants(m, m.grants());
    read.membershipsRead.put(m.id(), m);
    read.counts.membership(m.organisationId(), m.status(), +1);
  }

  /**
   * The insert of {@code row}, every column but the address, which is the account's, copied so that
   * the members page pages over one index.
   */
  private static Write insertWrite(MembershipMemberRecord row, AccountId account) {
    List<Field<?>> copied = Stream.of(M.fields()).filter(f -> !f.equals(M.EMAIL)).toList();
    int accountAt = copied.size();
    Field<?>[] columns = new Field<?>[accountAt + 1];
    @Nullable Object[] values = new Object[columns.length];
    for (int i = 0; i < accountAt; i++) {
      columns[i] = copied.get(i);
      values[i] = row.get(copied.get(i));
    }
    columns[accountAt] = A.ID;
    values[accountAt] = account;
    return new Write("insert membership", (sql, value) -> {
      Map<Field<?>, Field<?>> assignments = new LinkedHashMap<>();
      for (int i = 0; i < accountAt; i++) {
        assignments.put(copied.get(i), value.apply(i));
      }
      return sql.insertInto(M).set(assignments)
          .set(M.EMAIL, select(A.EMAIL).from(A).where(Write.eq(A.ID, value.apply(accountAt))));
    }, columns, values);
  }

  @Override
  public Membership update(Membership m) {
    Membership before = read.membershipsRead.get(m.id());
    // The status it leaves, for the kept counts: as read in this transaction, or as stored at this version.
    Optional<MembershipStatus> left = before != null && before.version() == m.version()
        ? Optional.of(before.status())
        : sql.select(M.STATUS).from(M).where(M.ID.eq(m.id()).and(M.VERSION.eq(m.version()))).fetchOptional(Record1::value1);
    MembershipMemberRecord next = updateVersioned(sql, record(m), M.VERSION,
        M.ID.eq(m.id()).and(M.ORGANISATION_ID.eq(m.organisationId())).and(M.ACCOUNT_ID.eq(m.accountId())),
        constraint -> ALREADY_MEMBER.get(), "The membership", M.EMAIL);
    if (left.isPresent() && left.get() != m.status()) {
      read.counts.membership(m.organisationId(), left.get(), -1);
      read.counts.membership(m.organisationId(), m.status(), +1);
    }
    if (before != null && before.version() == m.version()) {
      // The row matched the version read in this transaction, so its grant rows are those read then.
      Set<EntitlementKey> removed = new HashSet<>(before.grants());
      removed.removeAll(m.grants());
      Set<EntitlementKey> added = new HashSet<>(m.grants());
      added.removeAll(before.grants());
      if (!removed.isEmpty()) {
        sql.deleteFrom(MG).where(MG.MEMBERSHIP_ID.eq(m.id()).and(MG.ENTITLEMENT_KEY.in(removed))).execute();
      }
      insertGrants(m, added);
    } else {
      sql.deleteFrom(MG).where(MG.MEMBERSHIP_ID.eq(m.id())).execute();
      insertGrants(m, m.grants());
    }
    return read.membership(next);
  }

  private void insertGrants(Membership m, Set<EntitlementKey> keys) {
    SqlSupport.insertGrants(later, MG, MG.MEMBERSHIP_ID, MG.ORGANISATION_ID, MG.ENTITLEMENT_KEY, m.id(),
        m.organisationId(), keys);
  }

  @Override
  public Optional<Membership> find(OrganisationId organisation, MembershipId id) {
    return sql.selectFrom(M).where(M.ID.eq(id).and(M.ORGANISATION_ID.eq(organisation))).fetchOptional()
        .map(read::membership);
  }

  @Override
  public Optional<Membership> findLive(OrganisationId organisation, AccountId account) {
    return rendered.fetch(sql, "member.findLive", MEMBER_FIELDS,
        () -> sql.select(MEMBER_FIELDS).from(M).where(M.ORGANISATION_ID.eq(RenderedSql.bind("org", M.ORGANISATION_ID))
            .and(M.LIVE_ACCOUNT_ID.eq(RenderedSql.bind("account", M.LIVE_ACCOUNT_ID)))),
        new RenderedSql.Binds().put("org", organisation, M.ORGANISATION_ID).put("account", account, M.LIVE_ACCOUNT_ID),
        r -> read.membership(r, 0)).stream().findFirst();
  }

  @Override
  public Optional<MemberAccess> findAccess(OrganisationId organisation, AccountId account) {
    return rendered.fetch(sql, "findAccess", ACCESS_READ, () -> sql.select(ACCESS_READ)
            .from(AM)
            .join(AO).on(AO.ID.eq(AM.ORGANISATION_ID))
            .join(AA).on(AA.ID.eq(AM.ACCOUNT_ID))
            .leftJoin(AR).on(ACCESS_ROLE_JOIN)
            .where(AM.ORGANISATION_ID.eq(RenderedSql.bind("org", AM.ORGANISATION_ID))
                .and(AM.LIVE_ACCOUNT_ID.eq(RenderedSql.bind("account", AM.LIVE_ACCOUNT_ID)))),
            new RenderedSql.Binds().put("org", organisation, AM.ORGANISATION_ID).put("account", account, AM.LIVE_ACCOUNT_ID),
            r -> access(read, r.view(ACCESS_READ_LAYOUT), 0, organisation)).stream().findFirst();
  }

  /**
   * How {@link #findAccess} joins the membership's custom role: by the role's primary key alone, and
   * only for a custom role's id ({@code role-<uuid>}, see {@link RoleId}; a built-in role has no row,
   * so its members' checks read no role index at all: the key is NULL, which no index entry equals),
   * and the role's organisation compared as an expression, not as a column. Written as {@code
   * r.organisation_id = m.organisation_id}, PostgreSQL derives {@code r.organisation_id = ?} from the
   * WHERE clause, and the generic plan of the prepared statement (what pgjdbc's server-prepared check
   * runs on) reads the role by its organisation: every custom role of the organisation, then filtered
   * (81 of 93 buffers for an organisation of 100 roles). Same rows: role ids are unique, and the
   * column is NOT NULL.
   */
  static final Condition ACCESS_ROLE_JOIN = AR.ID.eq(DSL.when(AM.ROLE_ID.coerce(SQLDataType.VARCHAR).like(DSL.inline("role-%")), AM.ROLE_ID))
      .and(DSL.coalesce(AR.ORGANISATION_ID, AR.ORGANISATION_ID).eq(AM.ORGANISATION_ID));

  /**
   * The access whose columns stand in {@code r} from {@code at} on, in the order of {@link
   * #ACCESS_FIELDS}: the membership, its organisation, its custom role, the account's credential state.
   */
  static MemberAccess access(JooqRows read, Cells r, int at, OrganisationId organisation) {
    int o = at + M.fields().length;
    int role = o + O.fields().length;
    return access(read, r, at, organisation, o, role, role + R.fields().length);
  }

  /**
   * The access whose membership, organisation, custom role (the role table's first columns, in its
   * order) and credential state stand in {@code r} at these indexes.
   */
  static MemberAccess access(JooqRows read, Cells r, int membershipAt, OrganisationId organisation,
      int organisationAt, int roleAt, int credentialStateAt) {
    Membership membership = read.membership(r, membershipAt);
    return new MemberAccess(JooqRows.organisation(r, organisationAt), membership,
        JooqRows.joinedRole(r, roleAt, organisation, membership.roleId()), (CredentialState) r.get(credentialStateAt));
  }

  /** The columns of {@link #findAccess}: the membership, its organisation, its custom role, the credential state. */
  static final Field<?>[] ACCESS_FIELDS = Stream.of(Stream.of(AM.fields()), Stream.of(AO.fields()),
      Stream.of(AR.fields()), Stream.<Field<?>>of(AA.CREDENTIAL_STATE)).flatMap(f -> f).toArray(Field<?>[]::new);

  /**
   * The columns {@link #findAccess} selects: those of {@link #ACCESS_FIELDS} that the mapping reads,
   * less the organisation's id and the role's organisation (the membership's, which both are joined
   * on); not the membership's live account and address, the organisation's lower-cased name, nor the
   * role's name keys.
   */
  private static final Field<?>[] ACCESS_READ = {AM.ID, AM.ORGANISATION_ID, AM.ACCOUNT_ID, AM.ROLE_ID, AM.STATUS,
      AM.ORIGIN, AM.GRANT_KEYS, AM.SUSPENDED_AT, AM.JOINED_AT, AM.UPDATED_AT, AM.VERSION, AO.NAME, AO.STATUS,
      AO.CREATED_AT, AO.VERSION, AO.DISCOVERABLE, AR.ID, AR.NAME, AR.PERMISSIONS, AR.VERSION, AA.CREDENTIAL_STATE};
  /** {@link #ACCESS_READ} as {@link #access} reads it: at the places of {@link #ACCESS_FIELDS}. */
  private static final Cells.Layout ACCESS_READ_LAYOUT = Cells.Layout.of(ACCESS_READ, ACCESS_FIELDS,
      java.util.Map.of(AO.ID, AM.ORGANISATION_ID, AR.ORGANISATION_ID, AM.ORGANISATION_ID));

  @Override
  public long countActiveWithRole(OrganisationId organisation, RoleId role) {
    return sql.selectCount().from(M)
        .where(M.ORGANISATION_ID.eq(organisation).and(M.ROLE_ID.eq(role)).and(M.STATUS.eq(MembershipStatus.ACTIVE)))
        .fetchOne(0, Long.class);
  }

  @Override
  public List<Membership> activeWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit) {
    if (roles.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<RoleId> distinct = List.copyOf(roles);
    if (distinct.size() > KEPT_ROLES || limit > KEPT_LIMIT) {
      return sql.selectFrom(M)
          .where(M.ORGANISATION_ID.eq(organisation).and(M.ROLE_ID.in(distinct)).and(M.STATUS.eq(MembershipStatus.ACTIVE)))
          .orderBy(M.ID)
          .limit(limit)
          .fetch(read::membership);
    }
    // One kept text per number of roles (few) and limit rounded up to a power of two (at most 11 of
    // them): the limit is inline, as the planner wants it, and the rows past the caller's limit, in
    // the same order, are dropped here. So the kept texts stay bounded whatever limits callers pass
    // (the last-owner rule passes the number of owners).
    RenderedSql.Binds binds = new RenderedSql.Binds().put("org", organisation, M.ORGANISATION_ID);
    for (int i = 0; i < distinct.size(); i++) {
      binds.put("role" + i, distinct.get(i), M.ROLE_ID);
    }
    int size = distinct.size();
    int kept = limit == 1 ? 1 : Integer.highestOneBit(limit - 1) << 1;
    List<Membership> rows = rendered.fetch(sql, new ActiveWithRolesShape(size, kept), MEMBER_FIELDS, () -> {
      List<Field<RoleId>> in = new java.util.ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        in.add(RenderedSql.bind("role" + i, M.ROLE_ID));
      }
      return sql.select(MEMBER_FIELDS).from(M)
          .where(M.ORGANISATION_ID.eq(RenderedSql.bind("org", M.ORGANISATION_ID)).and(M.ROLE_ID.in(in))
              .and(M.STATUS.eq(inline(MembershipStatus.ACTIVE, M.STATUS))))
          .orderBy(M.ID)
          .limit(inline(kept));
    }, binds, r -> read.membership(r, 0));
    return rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
  }

  private static final Field<?>[] MEMBER_FIELDS = M.fields();
  /** The most roles {@link #activeWithRoles} reads through a kept text; more are read through jOOQ. */
  private static final int KEPT_ROLES = 16;
  /** The largest limit {@link #activeWithRoles} keeps a text for (the notices' cap is far below). */
  private static final int KEPT_LIMIT = 1_000;

  /** What decides the text of {@link #activeWithRoles}: the number of roles and the limit rounded up to a power of two. */
  private record ActiveWithRolesShape(int roles, int limit) {}

  @Override
  public boolean hasLiveOutside(AccountId account, OrganisationId organisation) {
    return sql.fetchExists(selectOne().from(M).where(M.LIVE_ACCOUNT_ID.eq(account).and(M.ORGANISATION_ID.ne(organisation))));
  }
}
