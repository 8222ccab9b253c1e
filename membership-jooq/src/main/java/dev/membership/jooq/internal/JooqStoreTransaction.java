package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.instantOrEmpty;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.Codec.nanosOrNull;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_AUDIT_EVENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ENTITLEMENT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_INVITATION_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_JOIN_REQUEST;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER_GRANT;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ORGANISATION;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ROLE;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.or;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.when;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.RoleNameKeys;
import dev.membership.domain.TextForms;
import dev.membership.domain.Suspension;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.MembershipAuditEvent;
import dev.membership.jooq.internal.generated.tables.MembershipEntitlement;
import dev.membership.jooq.internal.generated.tables.MembershipInvitation;
import dev.membership.jooq.internal.generated.tables.MembershipInvitationGrant;
import dev.membership.jooq.internal.generated.tables.MembershipJoinRequest;
import dev.membership.jooq.internal.generated.tables.MembershipMember;
import dev.membership.jooq.internal.generated.tables.MembershipMemberGrant;
import dev.membership.jooq.internal.generated.tables.MembershipOrganisation;
import dev.membership.jooq.internal.generated.tables.MembershipRole;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipInvitationRecord;
import dev.membership.jooq.internal.generated.tables.records.MembershipMemberRecord;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Cursor;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import dev.membership.spi.OutboxStore;
import dev.membership.spi.SignUps;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.Throttles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * The reads and writes of one JDBC transaction, in SQL that runs unchanged on H2, PostgreSQL and
 * MariaDB/MySQL.
 *
 * <p>Grants are stored twice on purpose: as text in the membership (or invitation) row, which is the
 * record that reads return, and as one row per active grant in a grant table, which is what seats
 * are counted on. Memberships and invitations read in this transaction are remembered, so that an
 * update rewrites only the grant rows that changed (usually none).
 */
public final class JooqStoreTransaction implements StoreTransaction {
  private static final MembershipOrganisation O = MEMBERSHIP_ORGANISATION;
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final MembershipMember M = MEMBERSHIP_MEMBER;
  private static final MembershipMemberGrant MG = MEMBERSHIP_MEMBER_GRANT;
  private static final MembershipRole R = MEMBERSHIP_ROLE;
  private static final MembershipEntitlement E = MEMBERSHIP_ENTITLEMENT;
  private static final MembershipInvitation I = MEMBERSHIP_INVITATION;
  private static final MembershipInvitationGrant IG = MEMBERSHIP_INVITATION_GRANT;
  private static final MembershipJoinRequest J = MEMBERSHIP_JOIN_REQUEST;
  private static final MembershipAuditEvent AU = MEMBERSHIP_AUDIT_EVENT;

  private final DSLContext sql;
  private final Map<MembershipId, Membership> membershipsRead = new HashMap<>();
  private final Map<InvitationId, Invitation> invitationsRead = new HashMap<>();
  private JooqAccountEvents accountEvents;
  private JooqSignUps signUps;
  private OutboxStore outbox;
  private JooqThrottles throttles;

  public JooqStoreTransaction(DSLContext sql) {
    this.sql = sql;
  }

  // ---- organisations

  @Override
  public void insertOrganisation(Organisation organisation) {
    insert(() -> sql.insertInto(O)
        .set(O.ID, organisation.id().toString())
        .set(O.NAME, organisation.name())
        .set(O.NAME_LOWER, lower(organisation.name()))
        .set(O.STATUS, organisation.status().name())
        .set(O.CREATED_AT, nanos(organisation.createdAt()))
        .set(O.VERSION, organisation.version())
        .execute(), null);
  }

  @Override
  public Optional<Organisation> findOrganisation(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id.toString())).fetchOptional().map(JooqStoreTransaction::organisation);
  }

  @Override
  public Optional<Organisation> lockOrganisation(OrganisationId id) {
    return sql.selectFrom(O).where(O.ID.eq(id.toString())).forUpdate().fetchOptional()
        .map(JooqStoreTransaction::organisation);
  }

  @Override
  public Organisation updateOrganisation(Organisation o) {
    int updated = sql.update(O)
        .set(O.NAME, o.name())
        .set(O.NAME_LOWER, lower(o.name()))
        .set(O.STATUS, o.status().name())
        .set(O.VERSION, o.version() + 1)
        .where(O.ID.eq(o.id().toString()).and(O.VERSION.eq(o.version())))
        .execute();
    requireUpdated(updated, "The organisation");
    return new Organisation(o.id(), o.name(), o.status(), o.createdAt(), o.version() + 1);
  }

  @Override
  public Page<Organisation> searchOrganisations(String text, PageRequest page) {
    Condition where = O.STATUS.eq(OrganisationStatus.ACTIVE.name());
    if (!text.isEmpty()) {
      where = where.and(O.NAME_LOWER.like(containsPattern(lower(text)), '!'));
    }
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(after(O.NAME_LOWER, O.ID, key.get(0), key.get(1)));
    }
    List<Organisation> rows = sql.selectFrom(O).where(where).orderBy(O.NAME_LOWER, O.ID).limit(page.limit() + 1)
        .fetch(JooqStoreTransaction::organisation);
    return Page.of(rows, page.limit(), o -> Cursor.encode(lower(o.name()), o.id().toString()));
  }

  // ---- accounts

  @Override
  public void insertAccount(Account account) {
    insert(() -> sql.insertInto(A)
        .set(A.ID, account.id().toString())
        .set(A.EMAIL, account.email().value())
        .set(A.DISPLAY_NAME, account.displayName())
        .set(A.DISPLAY_NAME_LOWER, lower(account.displayName()))
        .set(A.PASSWORD_HASH, account.passwordHash().encoded())
        .set(A.CREDENTIAL_STATE, account.credentialState().name())
        .set(A.TEMPORARY_PASSWORD_EXPIRES_AT, nanosOrNull(account.temporaryPasswordExpiresAt()))
        .set(A.CREATED_BY_ORGANISATION_ID, account.createdByOrganisation().map(OrganisationId::toString).orElse(null))
        .set(A.LAST_SIGN_IN_AT, nanosOrNull(account.lastSignInAt()))
        .set(A.CREATED_AT, nanos(account.createdAt()))
        .set(A.VERSION, account.version())
        .execute(),
        () -> new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists."));
  }

  @Override
  public Optional<Account> findAccount(AccountId id) {
    return sql.selectFrom(A).where(A.ID.eq(id.toString())).fetchOptional().map(JooqStoreTransaction::account);
  }

  @Override
  public Optional<Account> findAccountByEmail(EmailAddress email) {
    return sql.selectFrom(A).where(A.EMAIL.eq(email.value())).fetchOptional().map(JooqStoreTransaction::account);
  }

  @Override
  public List<Account> findAccounts(Collection<AccountId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new HashSet<>();
    ids.forEach(id -> keys.add(id.toString()));
    return sql.selectFrom(A).where(A.ID.in(keys)).fetch(JooqStoreTransaction::account);
  }

  @Override
  public Account updateAccount(Account a) {
    int updated = sql.update(A)
        .set(A.DISPLAY_NAME, a.displayName())
        .set(A.DISPLAY_NAME_LOWER, lower(a.displayName()))
        .set(A.PASSWORD_HASH, a.passwordHash().encoded())
        .set(A.CREDENTIAL_STATE, a.credentialState().name())
        .set(A.TEMPORARY_PASSWORD_EXPIRES_AT, nanosOrNull(a.temporaryPasswordExpiresAt()))
        .set(A.CREATED_BY_ORGANISATION_ID, a.createdByOrganisation().map(OrganisationId::toString).orElse(null))
        .set(A.LAST_SIGN_IN_AT, nanosOrNull(a.lastSignInAt()))
        .set(A.VERSION, a.version() + 1)
        .where(A.ID.eq(a.id().toString()).and(A.VERSION.eq(a.version())).and(A.EMAIL.eq(a.email().value())))
        .execute();
    requireUpdated(updated, "The account");
    return new Account(a.id(), a.email(), a.displayName(), a.passwordHash(), a.credentialState(),
        a.temporaryPasswordExpiresAt(), a.createdByOrganisation(), a.lastSignInAt(), a.createdAt(), a.version() + 1);
  }

  // ---- memberships

  @Override
  public void insertMembership(Membership m) {
    insert(() -> {
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
          .set(M.SUSPENDED_ROLE_ID, m.suspension().map(s -> s.roleId().value()).orElse(null))
          .set(M.SUSPENDED_AT, m.suspension().map(s -> nanos(s.since())).orElse(null))
          .set(M.JOINED_AT, nanos(m.joinedAt()))
          .set(M.UPDATED_AT, nanos(m.updatedAt()))
          .set(M.VERSION, m.version())
          .execute();
      insertMemberGrants(m, m.grants());
    }, () -> new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation."));
    membershipsRead.put(m.id(), m);
  }

  @Override
  public Membership updateMembership(Membership m) {
    Membership before = membershipsRead.get(m.id());
    int updated = update(() -> sql.update(M)
        .set(M.LIVE_ACCOUNT_ID, liveAccount(m))
        .set(M.ROLE_ID, m.roleId().value())
        .set(M.STATUS, m.status().name())
        .set(M.ORIGIN, m.origin().name())
        .set(M.GRANT_KEYS, Codec.keys(storedKeys(m)))
        .set(M.SUSPENDED_ROLE_ID, m.suspension().map(s -> s.roleId().value()).orElse(null))
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
    membershipsRead.put(next.id(), next);
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
  public Optional<Membership> findMembership(OrganisationId organisation, MembershipId id) {
    return sql.selectFrom(M)
        .where(M.ID.eq(id.toString()).and(M.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(this::membership);
  }

  @Override
  public Optional<Membership> findLiveMembership(OrganisationId organisation, AccountId account) {
    return sql.selectFrom(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString()).and(M.LIVE_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(this::membership);
  }

  @Override
  public Optional<MemberAccess> findMemberAccess(OrganisationId organisation, AccountId account) {
    return sql.select(M.fields()).select(O.fields()).select(R.fields()).select(A.CREDENTIAL_STATE)
        .from(M)
        .join(O).on(O.ID.eq(M.ORGANISATION_ID))
        .join(A).on(A.ID.eq(M.ACCOUNT_ID))
        .leftJoin(R).on(R.ID.eq(M.ROLE_ID).and(R.ORGANISATION_ID.eq(M.ORGANISATION_ID)))
        .where(M.ORGANISATION_ID.eq(organisation.toString()).and(M.LIVE_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(r -> {
          Membership membership = membership(r.into(M));
          return new MemberAccess(organisation(r), membership, joinedRole(r, membership.organisationId(), membership.roleId()),
              CredentialState.valueOf(r.get(A.CREDENTIAL_STATE)));
        });
  }

  @Override
  public long countActiveMembersWithRole(OrganisationId organisation, RoleId role) {
    return sql.selectCount().from(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString())
            .and(M.ROLE_ID.eq(role.value()))
            .and(M.STATUS.eq(MembershipStatus.ACTIVE.name())))
        .fetchOne(0, Long.class);
  }

  @Override
  public List<Membership> activeMembersWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit) {
    if (roles.isEmpty() || limit <= 0) {
      return List.of();
    }
    return sql.selectFrom(M)
        .where(M.ORGANISATION_ID.eq(organisation.toString())
            .and(M.ROLE_ID.in(roles.stream().map(RoleId::value).toList()))
            .and(M.STATUS.eq(MembershipStatus.ACTIVE.name())))
        .orderBy(M.ID)
        .limit(limit)
        .fetch(this::membership);
  }

  @Override
  public boolean hasLiveMembershipOutside(AccountId account, OrganisationId organisation) {
    return sql.fetchExists(selectOne().from(M)
        .where(M.LIVE_ACCOUNT_ID.eq(account.toString()).and(M.ORGANISATION_ID.ne(organisation.toString()))));
  }

  @Override
  public Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now) {
    return new MemberPageQuery(sql, membershipsRead, invitationsRead).fetch(organisation, query, now);
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
        .limit(page.limit() + 1)
        .fetch(r -> {
          Membership membership = membership(r.into(M));
          return new AccountOrganisation(organisation(r), membership, joinedRole(r, membership.organisationId(), membership.roleId()));
        });
    return Page.of(rows, page.limit(),
        row -> Cursor.encode(lower(row.organisation().name()), row.organisation().id().toString()));
  }

  @Override
  public long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now) {
    String org = organisation.toString();
    Field<Integer> members = field(selectCount().from(MG)
        .where(MG.ORGANISATION_ID.eq(org).and(MG.ENTITLEMENT_KEY.eq(entitlement.value()))));
    Field<Integer> invited = field(selectCount().from(IG).join(I).on(I.ID.eq(IG.INVITATION_ID))
        .where(IG.ORGANISATION_ID.eq(org)
            .and(IG.ENTITLEMENT_KEY.eq(entitlement.value()))
            .and(I.PENDING_EMAIL.isNotNull())
            .and(I.EXPIRES_AT.gt(nanos(now)))));
    Record counts = sql.select(members, invited).fetchOne();
    return counts.get(0, Long.class) + counts.get(1, Long.class);
  }

  // ---- roles

  @Override
  public void insertRole(Role role) {
    RoleNameKeys keys = requireCustomNameFree(role);
    insert(() -> sql.insertInto(R)
        .set(R.ID, role.id().value())
        .set(R.ORGANISATION_ID, role.organisationId().orElseThrow().toString())
        .set(R.NAME, role.name())
        .set(R.NAME_KEY, keys.caseless())
        .set(R.LOOK_KEY, keys.lookalike())
        .set(R.PERMISSIONS, Codec.permissions(role.permissions()))
        .set(R.VERSION, role.version())
        .execute(), Role::nameTaken);
  }

  @Override
  public Optional<Role> findRole(OrganisationId organisation, RoleId id) {
    if (id.isBuiltIn()) {
      return Role.builtIn(id);
    }
    return sql.selectFrom(R)
        .where(R.ID.eq(id.value()).and(R.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(JooqStoreTransaction::role);
  }

  @Override
  public List<Role> listRoles(OrganisationId organisation) {
    List<Role> roles = new ArrayList<>(Role.BUILT_IN);
    // An organisation's roles are few: ordered here, exactly as every other store orders them.
    roles.addAll(sql.selectFrom(R)
        .where(R.ORGANISATION_ID.eq(organisation.toString()))
        .fetch(JooqStoreTransaction::role)
        .stream()
        .sorted(Comparator.comparing((Role r) -> TextForms.searchForm(r.name())).thenComparing(r -> r.id().value()))
        .toList());
    return List.copyOf(roles);
  }

  @Override
  public Role updateRole(Role role) {
    RoleNameKeys keys = requireCustomNameFree(role);
    int updated = update(() -> sql.update(R)
        .set(R.NAME, role.name())
        .set(R.NAME_KEY, keys.caseless())
        .set(R.LOOK_KEY, keys.lookalike())
        .set(R.PERMISSIONS, Codec.permissions(role.permissions()))
        .set(R.VERSION, role.version() + 1)
        .where(R.ID.eq(role.id().value())
            .and(R.ORGANISATION_ID.eq(role.organisationId().orElseThrow().toString()))
            .and(R.VERSION.eq(role.version())))
        .execute(), Role::nameTaken);
    requireUpdated(updated, "The role");
    return new Role(role.id(), role.organisationId(), role.name(), role.permissions(), role.version() + 1);
  }

  /** The role's name keys, which the unique keys of the table compare; a built-in role's name is refused here. */
  private static RoleNameKeys requireCustomNameFree(Role role) {
    if (role.isBuiltIn()) {
      throw new IllegalArgumentException("built-in roles are not stored");
    }
    if (role.nameCollidesWithBuiltIn()) {
      throw Role.nameTaken();
    }
    return role.nameKeys();
  }

  @Override
  public void deleteRole(OrganisationId organisation, RoleId id) {
    sql.deleteFrom(R).where(R.ID.eq(id.value()).and(R.ORGANISATION_ID.eq(organisation.toString()))).execute();
  }

  @Override
  public boolean isRoleInUse(OrganisationId organisation, RoleId role) {
    String org = organisation.toString();
    Condition members = exists(selectOne().from(M)
        .where(M.ORGANISATION_ID.eq(org)
            .and(M.LIVE_ACCOUNT_ID.isNotNull())
            .and(M.ROLE_ID.eq(role.value()).or(M.SUSPENDED_ROLE_ID.eq(role.value())))));
    Condition invitations = exists(selectOne().from(I)
        .where(I.ORGANISATION_ID.eq(org).and(I.PENDING_EMAIL.isNotNull()).and(I.ROLE_ID.eq(role.value()))));
    return sql.select(when(members.or(invitations), inline(1)).otherwise(inline(0))).fetchOne(0, Integer.class) == 1;
  }

  @Override
  public int reassignRole(OrganisationId organisation, RoleId from, RoleId to, Instant now) {
    String org = organisation.toString();
    int members = sql.update(M)
        .set(M.ROLE_ID, when(M.ROLE_ID.eq(from.value()), to.value()).otherwise(M.ROLE_ID))
        .set(M.SUSPENDED_ROLE_ID, when(M.SUSPENDED_ROLE_ID.eq(from.value()), to.value()).otherwise(M.SUSPENDED_ROLE_ID))
        .set(M.UPDATED_AT, nanos(now))
        .set(M.VERSION, M.VERSION.plus(1))
        .where(M.ORGANISATION_ID.eq(org)
            .and(M.LIVE_ACCOUNT_ID.isNotNull())
            .and(M.ROLE_ID.eq(from.value()).or(M.SUSPENDED_ROLE_ID.eq(from.value()))))
        .execute();
    int invitations = sql.update(I)
        .set(I.ROLE_ID, to.value())
        .set(I.UPDATED_AT, nanos(now))
        .set(I.VERSION, I.VERSION.plus(1))
        .where(I.ORGANISATION_ID.eq(org).and(I.PENDING_EMAIL.isNotNull()).and(I.ROLE_ID.eq(from.value())))
        .execute();
    return members + invitations;
  }

  // ---- entitlements

  @Override
  public void insertEntitlement(Entitlement e) {
    insert(() -> sql.insertInto(E)
        .set(E.ORGANISATION_ID, e.organisationId().toString())
        .set(E.ENTITLEMENT_KEY, e.key().value())
        .set(E.NAME, e.name())
        .set(E.SEAT_LIMIT, e.seatLimit().orElse(null))
        .set(E.VALID_UNTIL, nanosOrNull(e.validUntil()))
        .set(E.VERSION, e.version())
        .execute(),
        () -> new ConflictException(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, "The organisation holds this entitlement already."),
        true);
  }

  @Override
  public Optional<Entitlement> findEntitlement(OrganisationId organisation, EntitlementKey key) {
    return sql.selectFrom(E)
        .where(E.ORGANISATION_ID.eq(organisation.toString()).and(E.ENTITLEMENT_KEY.eq(key.value())))
        .fetchOptional()
        .map(JooqStoreTransaction::entitlement);
  }

  @Override
  public List<Entitlement> listEntitlements(OrganisationId organisation) {
    return sql.selectFrom(E)
        .where(E.ORGANISATION_ID.eq(organisation.toString()))
        .orderBy(E.ENTITLEMENT_KEY)
        .fetch(JooqStoreTransaction::entitlement);
  }

  @Override
  public Entitlement updateEntitlement(Entitlement e) {
    int updated = sql.update(E)
        .set(E.NAME, e.name())
        .set(E.SEAT_LIMIT, e.seatLimit().orElse(null))
        .set(E.VALID_UNTIL, nanosOrNull(e.validUntil()))
        .set(E.VERSION, e.version() + 1)
        .where(E.ORGANISATION_ID.eq(e.organisationId().toString())
            .and(E.ENTITLEMENT_KEY.eq(e.key().value()))
            .and(E.VERSION.eq(e.version())))
        .execute();
    requireUpdated(updated, "The entitlement");
    return new Entitlement(e.organisationId(), e.key(), e.name(), e.seatLimit(), e.validUntil(), e.version() + 1);
  }

  // ---- invitations

  @Override
  public void insertInvitation(Invitation i) {
    insert(() -> {
      sql.insertInto(I)
          .set(I.ID, i.id().toString())
          .set(I.ORGANISATION_ID, i.organisationId().toString())
          .set(I.EMAIL, i.email().value())
          .set(I.PENDING_EMAIL, pendingEmail(i))
          .set(I.ROLE_ID, i.roleId().value())
          .set(I.GRANT_KEYS, Codec.keys(i.grants()))
          .set(I.STATUS, i.status().name())
          .set(I.TOKEN_HASH, i.tokenHash().hex())
          .set(I.EXPIRES_AT, nanos(i.expiresAt()))
          .set(I.INVITED_BY, i.invitedBy().toString())
          .set(I.JOIN_REQUEST_ID, i.joinRequestId().map(JoinRequestId::toString).orElse(null))
          .set(I.SEND_COUNT, i.sendCount())
          .set(I.CREATED_AT, nanos(i.createdAt()))
          .set(I.UPDATED_AT, nanos(i.updatedAt()))
          .set(I.ACCEPTED_BY, i.acceptedBy().map(AccountId::toString).orElse(null))
          .set(I.VERSION, i.version())
          .execute();
      insertInvitationGrants(i);
    }, () -> new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING, "An invitation to this address is already pending."));
    invitationsRead.put(i.id(), i);
  }

  @Override
  public Invitation updateInvitation(Invitation i) {
    Invitation before = invitationsRead.get(i.id());
    int updated = update(() -> sql.update(I)
        .set(I.PENDING_EMAIL, pendingEmail(i))
        .set(I.ROLE_ID, i.roleId().value())
        .set(I.GRANT_KEYS, Codec.keys(i.grants()))
        .set(I.STATUS, i.status().name())
        .set(I.TOKEN_HASH, i.tokenHash().hex())
        .set(I.EXPIRES_AT, nanos(i.expiresAt()))
        .set(I.INVITED_BY, i.invitedBy().toString())
        .set(I.JOIN_REQUEST_ID, i.joinRequestId().map(JoinRequestId::toString).orElse(null))
        .set(I.SEND_COUNT, i.sendCount())
        .set(I.CREATED_AT, nanos(i.createdAt()))
        .set(I.UPDATED_AT, nanos(i.updatedAt()))
        .set(I.ACCEPTED_BY, i.acceptedBy().map(AccountId::toString).orElse(null))
        .set(I.VERSION, i.version() + 1)
        .where(I.ID.eq(i.id().toString())
            .and(I.VERSION.eq(i.version()))
            .and(I.ORGANISATION_ID.eq(i.organisationId().toString()))
            .and(I.EMAIL.eq(i.email().value())))
        .execute(),
        () -> new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING, "An invitation to this address is already pending."));
    requireUpdated(updated, "The invitation");
    boolean grantsKnown = before != null && before.version() == i.version() && before.grants().equals(i.grants());
    if (!grantsKnown) {
      sql.deleteFrom(IG).where(IG.INVITATION_ID.eq(i.id().toString())).execute();
      insertInvitationGrants(i);
    }
    Invitation next = new Invitation(i.id(), i.organisationId(), i.email(), i.roleId(), i.grants(), i.status(),
        i.tokenHash(), i.expiresAt(), i.invitedBy(), i.joinRequestId(), i.sendCount(), i.createdAt(), i.updatedAt(),
        i.acceptedBy(), i.version() + 1);
    invitationsRead.put(next.id(), next);
    return next;
  }

  private void insertInvitationGrants(Invitation i) {
    if (i.grants().isEmpty()) {
      return;
    }
    var insert = sql.insertInto(IG, IG.INVITATION_ID, IG.ORGANISATION_ID, IG.ENTITLEMENT_KEY);
    for (EntitlementKey key : i.grants()) {
      insert = insert.values(i.id().toString(), i.organisationId().toString(), key.value());
    }
    insert.execute();
  }

  @Override
  public Optional<Invitation> findInvitation(OrganisationId organisation, InvitationId id) {
    return sql.selectFrom(I)
        .where(I.ID.eq(id.toString()).and(I.ORGANISATION_ID.eq(organisation.toString())))
        .fetchOptional()
        .map(this::invitation);
  }

  @Override
  public Optional<Invitation> findInvitationByTokenHash(TokenHash hash) {
    return sql.selectFrom(I).where(I.TOKEN_HASH.eq(hash.hex())).fetchOptional().map(this::invitation);
  }

  @Override
  public Optional<Invitation> findPendingInvitation(OrganisationId organisation, EmailAddress email) {
    return sql.selectFrom(I)
        .where(I.ORGANISATION_ID.eq(organisation.toString()).and(I.PENDING_EMAIL.eq(email.value())))
        .fetchOptional()
        .map(this::invitation);
  }

  // ---- join requests

  @Override
  public void insertJoinRequest(JoinRequest r) {
    insert(() -> sql.insertInto(J)
        .set(J.ID, r.id().toString())
        .set(J.ORGANISATION_ID, r.organisationId().toString())
        .set(J.ACCOUNT_ID, r.accountId().toString())
        .set(J.PENDING_ACCOUNT_ID, pendingAccount(r))
        .set(J.MESSAGE, r.message().orElse(null))
        .set(J.STATUS, r.status().name())
        .set(J.CREATED_AT, nanos(r.createdAt()))
        .set(J.DECIDED_BY, r.decidedBy().map(AccountId::toString).orElse(null))
        .set(J.DECIDED_AT, nanosOrNull(r.decidedAt()))
        .set(J.VERSION, r.version())
        .execute(),
        () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending."));
  }

  @Override
  public JoinRequest updateJoinRequest(JoinRequest r) {
    int updated = update(() -> sql.update(J)
        .set(J.PENDING_ACCOUNT_ID, pendingAccount(r))
        .set(J.MESSAGE, r.message().orElse(null))
        .set(J.STATUS, r.status().name())
        .set(J.DECIDED_BY, r.decidedBy().map(AccountId::toString).orElse(null))
        .set(J.DECIDED_AT, nanosOrNull(r.decidedAt()))
        .set(J.VERSION, r.version() + 1)
        .where(J.ID.eq(r.id().toString())
            .and(J.VERSION.eq(r.version()))
            .and(J.ORGANISATION_ID.eq(r.organisationId().toString()))
            .and(J.ACCOUNT_ID.eq(r.accountId().toString())))
        .execute(),
        () -> new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending."));
    requireUpdated(updated, "The join request");
    return new JoinRequest(r.id(), r.organisationId(), r.accountId(), r.message(), r.status(), r.createdAt(),
        r.decidedBy(), r.decidedAt(), r.version() + 1);
  }

  @Override
  public Optional<JoinRequest> findJoinRequest(JoinRequestId id) {
    return sql.selectFrom(J).where(J.ID.eq(id.toString())).fetchOptional().map(JooqStoreTransaction::joinRequest);
  }

  @Override
  public Optional<JoinRequest> findPendingJoinRequest(OrganisationId organisation, AccountId account) {
    return sql.selectFrom(J)
        .where(J.ORGANISATION_ID.eq(organisation.toString()).and(J.PENDING_ACCOUNT_ID.eq(account.toString())))
        .fetchOptional()
        .map(JooqStoreTransaction::joinRequest);
  }

  @Override
  public Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page) {
    Condition where = J.ORGANISATION_ID.eq(organisation.toString());
    if (!statuses.isEmpty() && !statuses.containsAll(Set.of(JoinRequestStatus.values()))) {
      where = where.and(J.STATUS.in(statuses.stream().map(Enum::name).toList()));
    }
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(after(J.CREATED_AT, J.ID, nanos(Codec.cursorInstant(key.get(0))), key.get(1)));
    }
    List<JoinRequest> rows = sql.selectFrom(J).where(where).orderBy(J.CREATED_AT, J.ID).limit(page.limit() + 1)
        .fetch(JooqStoreTransaction::joinRequest);
    return Page.of(rows, page.limit(), r -> Cursor.encode(r.createdAt().toString(), r.id().toString()));
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
        .limit(page.limit() + 1)
        .fetch(r -> new AccountJoinRequest(joinRequest(r), organisation(r)));
    return Page.of(rows, page.limit(),
        r -> Cursor.encode(r.request().createdAt().toString(), r.request().id().toString()));
  }

  // ---- account events

  @Override
  public SignUps signUps() {
    if (signUps == null) {
      signUps = new JooqSignUps(sql);
    }
    return signUps;
  }

  @Override
  public AccountEventStore accountEvents() {
    if (accountEvents == null) {
      accountEvents = new JooqAccountEvents(sql);
    }
    return accountEvents;
  }

  // ---- audit

  @Override
  public void appendAudit(AuditEvent event) {
    sql.insertInto(AU)
        .set(AU.ID, event.id().toString())
        .set(AU.ORGANISATION_ID, event.organisationId().toString())
        .set(AU.ACTOR_ID, event.actor().toString())
        .set(AU.ACTION, event.action().name())
        .set(AU.SUBJECT_ACCOUNT_ID, event.subjectAccount().map(AccountId::toString).orElse(null))
        .set(AU.SUBJECT, event.subject())
        .set(AU.OCCURRED_AT, nanos(event.occurredAt()))
        .set(AU.DETAILS, Codec.json(event.details()))
        .execute();
  }

  @Override
  public Page<AuditEvent> auditPage(OrganisationId organisation, PageRequest page) {
    Condition where = AU.ORGANISATION_ID.eq(organisation.toString());
    if (page.after().isPresent()) {
      List<String> key = Cursor.decode(page.after().get(), 2);
      where = where.and(before(AU.OCCURRED_AT, AU.ID, nanos(Codec.cursorInstant(key.get(0))), key.get(1)));
    }
    List<AuditEvent> rows = sql.selectFrom(AU).where(where).orderBy(AU.OCCURRED_AT.desc(), AU.ID.desc())
        .limit(page.limit() + 1)
        .fetch(r -> new AuditEvent(AuditEventId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
            AccountId.of(r.getActorId().strip()), AuditAction.valueOf(r.getAction()),
            Optional.ofNullable(r.getSubjectAccountId()).map(String::strip).map(AccountId::of), r.getSubject(),
            instant(r.getOccurredAt()), Codec.map(r.getDetails())));
    return Page.of(rows, page.limit(), e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
  }

  // ---- outbox

  @Override
  public OutboxStore outbox() {
    if (outbox == null) {
      outbox = new JooqOutboxStore(sql);
    }
    return outbox;
  }

  // ---- throttles

  @Override
  public Throttles throttles() {
    if (throttles == null) {
      throttles = new JooqThrottles(sql);
    }
    return throttles;
  }

  // ---- writing helpers

  /** Runs an insert, turning a taken unique key into {@code conflict} and a taken id into an error. */
  private static void insert(Runnable insert, Supplier<? extends RuntimeException> conflict) {
    insert(insert, conflict, false);
  }

  private static void insert(Runnable insert, Supplier<? extends RuntimeException> conflict, boolean idIsTheKey) {
    try {
      insert.run();
    } catch (DataAccessException e) {
      Optional<SqlErrors.UniqueViolation> violation = SqlErrors.uniqueViolation(e);
      if (violation.isEmpty()) {
        throw e;
      }
      if (conflict == null || (violation.get() == SqlErrors.UniqueViolation.PRIMARY_KEY && !idIsTheKey)) {
        IllegalStateException duplicate = new IllegalStateException("duplicate id");
        duplicate.initCause(e);
        throw duplicate;
      }
      RuntimeException mapped = conflict.get();
      mapped.addSuppressed(e);
      throw mapped;
    }
  }

  private static int update(Supplier<Integer> update, Supplier<? extends RuntimeException> conflict) {
    try {
      return update.get();
    } catch (DataAccessException e) {
      if (SqlErrors.uniqueViolation(e).isEmpty()) {
        throw e;
      }
      RuntimeException mapped = conflict.get();
      mapped.addSuppressed(e);
      throw mapped;
    }
  }

  private static void requireUpdated(int rows, String what) {
    if (rows != 1) {
      throw new ConcurrentModificationException(what);
    }
  }

  private static String liveAccount(Membership m) {
    return m.status().isLive() ? m.accountId().toString() : null;
  }

  /** ACTIVE: the grants held; DEACTIVATED: the grants reactivation restores. */
  private static Set<EntitlementKey> storedKeys(Membership m) {
    return m.suspension().map(Suspension::grants).orElse(m.grants());
  }

  private static String pendingEmail(Invitation i) {
    return i.status() == InvitationStatus.PENDING ? i.email().value() : null;
  }

  private static String pendingAccount(JoinRequest r) {
    return r.status() == JoinRequestStatus.PENDING ? r.accountId().toString() : null;
  }

  /** What name_lower and display_name_lower hold, and what search text is compared as. */
  static String lower(String text) {
    return TextForms.searchForm(text);
  }

  /** A LIKE pattern for "contains {@code text}", with {@code !} as the escape character. */
  static String containsPattern(String text) {
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  /** Keyset: rows after {@code (a, b)} in ascending order; the first term lets an index seek. */
  static <A, B> Condition after(Field<A> first, Field<B> second, A a, B b) {
    return first.ge(a).and(first.gt(a).or(second.gt(b)));
  }

  /** Keyset: rows before {@code (a, b)} in descending order. */
  private static <A, B> Condition before(Field<A> first, Field<B> second, A a, B b) {
    return first.le(a).and(first.lt(a).or(second.lt(b)));
  }

  // ---- reading helpers

  private static Organisation organisation(Record r) {
    return new Organisation(OrganisationId.of(r.get(O.ID).strip()), r.get(O.NAME), OrganisationStatus.valueOf(r.get(O.STATUS)),
        instant(r.get(O.CREATED_AT)), r.get(O.VERSION));
  }

  private static Account account(MembershipAccountRecord r) {
    return new Account(AccountId.of(r.getId().strip()), EmailAddress.of(r.getEmail()), r.getDisplayName(),
        new PasswordHash(r.getPasswordHash()), CredentialState.valueOf(r.getCredentialState()),
        instantOrEmpty(r.getTemporaryPasswordExpiresAt()),
        Optional.ofNullable(r.getCreatedByOrganisationId()).map(String::strip).map(OrganisationId::of),
        instantOrEmpty(r.getLastSignInAt()), instant(r.getCreatedAt()), r.getVersion());
  }

  private Membership membership(MembershipMemberRecord r) {
    MembershipStatus status = MembershipStatus.valueOf(r.getStatus());
    Set<EntitlementKey> keys = Codec.keys(r.getGrantKeys());
    Optional<Suspension> suspension = status == MembershipStatus.DEACTIVATED
        ? Optional.of(new Suspension(RoleId.of(r.getSuspendedRoleId()), keys, instant(r.getSuspendedAt())))
        : Optional.empty();
    Membership membership = new Membership(MembershipId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
        AccountId.of(r.getAccountId().strip()), RoleId.of(r.getRoleId()), status == MembershipStatus.ACTIVE ? keys : Set.of(),
        status, MembershipOrigin.valueOf(r.getOrigin()), suspension, instant(r.getJoinedAt()), instant(r.getUpdatedAt()),
        r.getVersion());
    membershipsRead.put(membership.id(), membership);
    return membership;
  }

  private Invitation invitation(MembershipInvitationRecord r) {
    Invitation invitation = new Invitation(InvitationId.of(r.getId().strip()), OrganisationId.of(r.getOrganisationId().strip()),
        EmailAddress.of(r.getEmail()), RoleId.of(r.getRoleId()), Codec.keys(r.getGrantKeys()),
        InvitationStatus.valueOf(r.getStatus()), new TokenHash(r.getTokenHash().strip()), instant(r.getExpiresAt()),
        AccountId.of(r.getInvitedBy().strip()),
        Optional.ofNullable(r.getJoinRequestId()).map(String::strip).map(JoinRequestId::of), r.getSendCount(),
        instant(r.getCreatedAt()), instant(r.getUpdatedAt()),
        Optional.ofNullable(r.getAcceptedBy()).map(String::strip).map(AccountId::of), r.getVersion());
    invitationsRead.put(invitation.id(), invitation);
    return invitation;
  }

  private static Role role(Record r) {
    return new Role(RoleId.of(r.get(R.ID)), Optional.of(OrganisationId.of(r.get(R.ORGANISATION_ID).strip())), r.get(R.NAME),
        Codec.permissions(r.get(R.PERMISSIONS)), r.get(R.VERSION));
  }

  /**
   * The role of a row that left-joined the role table: built-in roles are resolved in memory; a custom
   * role deleted since (history, or a deletion that raced an assignment) holds no permission.
   */
  static Role joinedRole(Record r, OrganisationId organisation, RoleId id) {
    if (id.isBuiltIn()) {
      return Role.builtIn(id).orElseThrow();
    }
    if (r.get(R.ID) == null) {
      return Role.deleted(organisation, id);
    }
    return role(r);
  }

  private static Entitlement entitlement(Record r) {
    return new Entitlement(OrganisationId.of(r.get(E.ORGANISATION_ID).strip()), EntitlementKey.of(r.get(E.ENTITLEMENT_KEY)),
        r.get(E.NAME), Optional.ofNullable(r.get(E.SEAT_LIMIT)), instantOrEmpty(r.get(E.VALID_UNTIL)), r.get(E.VERSION));
  }

  private static JoinRequest joinRequest(Record r) {
    return new JoinRequest(JoinRequestId.of(r.get(J.ID).strip()), OrganisationId.of(r.get(J.ORGANISATION_ID).strip()),
        AccountId.of(r.get(J.ACCOUNT_ID).strip()), Optional.ofNullable(r.get(J.MESSAGE)),
        JoinRequestStatus.valueOf(r.get(J.STATUS)), instant(r.get(J.CREATED_AT)),
        Optional.ofNullable(r.get(J.DECIDED_BY)).map(String::strip).map(AccountId::of), instantOrEmpty(r.get(J.DECIDED_AT)),
        r.get(J.VERSION));
  }
}
