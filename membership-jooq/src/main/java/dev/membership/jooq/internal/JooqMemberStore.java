package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.JooqRows.joinedRole;
import static dev.membership.jooq.internal.JooqRows.organisation;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
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
import dev.membership.domain.Suspension;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.query.MemberAccess;
import dev.membership.spi.MemberStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Memberships in table {@code membership_member}, and their grants, one row per active grant, in
 * {@code membership_member_grant} (what seats are counted on). A membership read in this
 * transaction is remembered, so that an update rewrites only the grant rows that changed (usually
 * none).
 */
final class JooqMemberStore implements MemberStore {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipRole R = MEMBERSHIP_ROLE;

  private final DSLContext sql;
  private final JooqRows read;
  private final RenderedSql rendered;

  JooqMemberStore(DSLContext sql, JooqRows read, RenderedSql rendered) {
    this.rendered = rendered;
    this.sql = sql;
    this.read = read;
  }

  @Override
  public void insert(Membership m) {
    guardedInsert(() -> {
      sql.insertInto(M)
          .set(M.ID, m.id().toString())
          .set(M.ORGANISATION_ID, m.organisationId().toString())
          .set(M.ACCOUNT_ID, m.accountId().toString())
          .set(M.LIVE_ACCOUNT_ID, liveAccount(m))
          // The address is the account's, copied so that the members page pages over one index.
          .set(M.EMAIL, select(A.EMAIL).from(A).where(A.ID.eq(m.accountId().toString())))
          .set(M.ROLE_ID, m.roleId().value())
          .set(M.STATUS, m.status().name())
          .set(M.ORIGIN, m.origin().name())
          .set(M.GRANT_KEYS, Codec.keys(storedKeys(m)))
          .set(M.SUSPENDED_ROLE_ID, m.suspension().map(s -> m.roleId().value()).orElse(null))
          .set(M.SUSPENDED_AT, m.suspension().map(s -> nanos(s.since())).orElse(null))
          .set(M.JOINED_AT, nanos(m.joinedAt()))
          .set(M.UPDATED_AT, nanos(m.updatedAt()))
          .set(M.VERSION, m.version())
          .execute();
      insertMemberGrants(m, m.grants());
    }, () -> new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation."));
    read.membershipsRead.put(m.id(), m);
    read.counts.membership(m.organisationId(), m.status(), +1);
  }

  @Override
  public Membership update(Membership m) {
    Membership before = read.membershipsRead.get(m.id());
    // The status it leaves, for the kept counts: as read in this transaction, or as stored at this version.
    Optional<MembershipStatus> left = before != null && before.version() == m.version()
        ? Optional.of(before.status())
        : sql.select(M.STATUS).from(M).where(M.ID.eq(m.id().toString()).and(M.VERSION.eq(m.version())))
            .fetchOptional(r -> MembershipStatus.valueOf(r.value1()));
    int updated = guardedUpdate(() -> sql.update(M)
        .set(M.LIVE_ACCOUNT_ID, liveAccount(m))
        .set(M.ROLE_ID, m.roleId().value())
        .set(M.STATUS, m.status().name())
        .set(M.ORIGIN, m.origin().name())
        .set(M.GRANT_KEYS, Codec.keys(storedKeys(m)))
        .set(M.SUSPENDED_ROLE_ID, m.suspension().map(s -> m.roleId().value()).orElse(null))
        .set(M.SUSPENDED_AT, m.suspension().map(s -> nanos(s.since())).orElse(null))
        .set(M.JOINED_AT, nanos(m.joinedAt()))
        .set(M.UPDATED_AT, nanos(m.updatedAt()))
        .set(M.VERSION, m.version() + 1)
        .where(M.ID.eq(m.id().toString())
            .and(M.VERSION.eq(m.version()))
            .and(M.ORGANISATION_ID.eq(m.organisationId().toString()))
            .and(M.ACCOUNT_ID.eq(m.accountId().toString())))
        .execute(),
        () -> new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation."));
    requireUpdated(updated, "The membership");
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
        sql.deleteFrom(MG)
            .where(MG.MEMBERSHIP_ID.eq(m.id().toString()).and(MG.ENTITLEMENT_KEY.in(removed.stream().map(EntitlementKey::value).toList())))
            .execute();
      }
      insertMemberGrants(m, added);
    } else {
      sql.deleteFrom(MG).where(MG.MEMBERSHIP_ID.eq(m.id().toString())).execute();
      insertMemberGrants(m, m.grants());
    }
    Membership next = new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), m.grants(), m.status(),
        m.origin(), m.suspension(), m.joinedAt(), m.updatedAt(), m.version() + 1);
    read.membershipsRead.put(next.id(), next);
    return next;
  }

  private void insertMemberGrants(Membership m, Set<EntitlementKey> keys) {
    if (keys.isEmpty()) {
      return;
    }
    var insert = sql.insertInto(MG, MG.MEMBERSHIP_ID, MG.ORGANISATION_ID, MG.ENTITLEMENT_KEY);
    for (EntitlementKey key : keys) {
      insert = insert.values(m.id().toString(), m.organisationId().toString(), key.value());
    }
    insert.execute();
  }

  @Override
  public Optional<Membership> find(OrganisationId organisation, MembershipId id) {
    return sql.selectFrom(M)
        .where(M.ID.eq(id.toString()).and(M.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(read::membership);
  }

  @Override
  public Optional<Membership> findLive(OrganisationId organisation, AccountId account) {
    return sql.selectFrom(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString()).and(M.LIVE_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(read::membership);
  }

  @Override
  public Optional<MemberAccess> findAccess(OrganisationId organisation, AccountId account) {
    return rendered.select(sql, "findAccess", ACCESS_FIELDS, binds -> sql.select(ACCESS_FIELDS)
            .from(M)
            .join(O).on(O.ID.eq(M.ORGANISATION_ID))
            .join(A).on(A.ID.eq(M.ACCOUNT_ID))
            .leftJoin(R).on(R.ID.eq(M.ROLE_ID).and(R.ORGANISATION_ID.eq(M.ORGANISATION_ID)))
            .where(M.ORGANISATION_ID.eq((String) binds[0]).and(M.LIVE_ACCOUNT_ID.eq((String) binds[1]))),
            organisation.toString(), account.toString())
        .fetchOptional()
        .map(r -> {
          Membership membership = read.membership(r.into(M));
          return new MemberAccess(organisation(r), membership, joinedRole(r, membership.organisationId(), membership.roleId()),
              CredentialState.valueOf(r.get(A.CREDENTIAL_STATE)));
        });
  }

  /** The columns of {@link #findAccess}: the membership, its organisation, its custom role, the credential state. */
  private static final Field<?>[] ACCESS_FIELDS = Stream.of(Stream.of(M.fields()), Stream.of(O.fields()),
      Stream.of(R.fields()), Stream.<Field<?>>of(A.CREDENTIAL_STATE)).flatMap(f -> f).toArray(Field<?>[]::new);

  @Override
  public long countActiveWithRole(OrganisationId organisation, RoleId role) {
    return sql.selectCount().from(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString())
            .and(M.ROLE_ID.eq(role.value()))
            .and(M.STATUS.eq(MembershipStatus.ACTIVE.name())))
        .fetchOne(0, Long.class);
  }

  @Override
  public List<Membership> activeWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit) {
    if (roles.isEmpty() || limit <= 0) {
      return List.of();
    }
    return sql.selectFrom(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString())
            .and(M.ROLE_ID.in(roles.stream().map(RoleId::value).toList()))
            .and(M.STATUS.eq(MembershipStatus.ACTIVE.name())))
        .orderBy(M.ID)
        .limit(limit)
        .fetch(read::membership);
  }

  @Override
  public boolean hasLiveOutside(AccountId account, OrganisationId organisation) {
    return sql.fetchExists(selectOne().from(M)
        .where(M.LIVE_ACCOUNT_ID.eq(account.toString()).and(M.ORGANISATION_ID.ne(organisation.toString()))));
  }

  private static String liveAccount(Membership m) {
    return m.status().isLive() ? m.accountId().toString() : null;
  }

  /** ACTIVE: the grants held; DEACTIVATED: the grants reactivation restores. */
  private static Set<EntitlementKey> storedKeys(Membership m) {
    return m.suspension().map(Suspension::grants).orElse(m.grants());
  }
}
