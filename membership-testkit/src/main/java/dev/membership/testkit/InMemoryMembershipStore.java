package dev.membership.testkit;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
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
import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.RoleNameKeys;
import dev.membership.domain.TextForms;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.AccountSummary;
import dev.membership.query.Cursor;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.OutboxStore;
import dev.membership.spi.SignUps;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.Throttles;
import dev.membership.spi.TransactionWork;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A {@link MembershipStore} in memory that keeps every rule of the real one: unique keys, optimistic
 * versions, tenancy, keyset pages, and atomicity (a unit of work that throws leaves no trace, its
 * writes undone in reverse order). Transactions run one at a time, which makes every one of them
 * serializable; {@link #lockOrganisation} therefore needs no lock of its own.
 *
 * <p>Proven equivalent to the jOOQ store by the same {@code MembershipStoreContract}. Fast enough
 * that a whole invite-to-remove scenario takes microseconds.
 */
public final class InMemoryMembershipStore implements MembershipStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<OrganisationId, Organisation> organisations = new HashMap<>();
  private final Map<AccountId, Account> accounts = new HashMap<>();
  private final Map<EmailAddress, AccountId> accountsByEmail = new HashMap<>();
  private final Map<MembershipId, Membership> memberships = new LinkedHashMap<>();
  private final Map<RoleKey, Role> roles = new HashMap<>();
  private final Map<EntitlementRef, Entitlement> entitlements = new HashMap<>();
  private final Map<InvitationId, Invitation> invitations = new LinkedHashMap<>();
  private final Map<JoinRequestId, JoinRequest> joinRequests = new LinkedHashMap<>();
  private final Map<OrganisationId, List<AuditEvent>> audit = new HashMap<>();
  private final InMemoryAccountEvents accountEvents = new InMemoryAccountEvents();
  private final InMemorySignUps signUps = new InMemorySignUps();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryThrottles throttles = new InMemoryThrottles();

  private record RoleKey(OrganisationId organisation, RoleId role) {}

  private record EntitlementRef(OrganisationId organisation, EntitlementKey key) {}

  /** An empty store. */
  public InMemoryMembershipStore() {}

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    Tx tx = new Tx();
    try {
      T result = work.run(tx);
      tx.close();
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Every notification in the outbox (delivered or not, until purged or discarded), oldest first; for assertions. */
  public List<Notification> outbox() {
    lock.lock();
    try {
      return outbox.notifications();
    } finally {
      lock.unlock();
    }
  }

  private final class Tx implements StoreTransaction, InMemoryThrottles.Writes {
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private boolean open = true;
    private final AccountEventStore accountEventStore = accountEvents.in(this::undoable);
    private final SignUps signUpStore = signUps.in(this::undoable);

    private void undoable(Runnable step) {
      requireOpen();
      undo.push(step);
    }

    private OutboxStore outboxView;

    void close() {
      open = false;
      undo.clear();
    }

    void rollback() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      open = false;
    }

    @Override
    public <K, V> void put(Map<K, V> map, K key, V value) {
      requireOpen();
      boolean had = map.containsKey(key);
      V previous = map.put(key, value);
      undo.push(() -> {
        if (had) {
          map.put(key, previous);
        } else {
          map.remove(key);
        }
      });
    }

    @Override
    public <K, V> void remove(Map<K, V> map, K key) {
      requireOpen();
      if (map.containsKey(key)) {
        V previous = map.remove(key);
        undo.push(() -> map.put(key, previous));
      }
    }

    private void requireOpen() {
      if (!open) {
        throw new IllegalStateException("the transaction has ended");
      }
    }

    private <V> void requireNew(Map<?, V> map, Object key) {
      if (map.containsKey(key)) {
        throw new IllegalStateException("duplicate id " + key);
      }
    }

    private <V> V current(Map<?, V> map, Object key, long version, String what) {
      V stored = map.get(key);
      if (stored == null || versionOf(stored) != version) {
        throw new ConcurrentModificationException(what);
      }
      return stored;
    }

    // ---- organisations

    @Override
    public void insertOrganisation(Organisation organisation) {
      requireNew(organisations, organisation.id());
      put(organisations, organisation.id(), organisation);
    }

    @Override
    public Optional<Organisation> findOrganisation(OrganisationId id) {
      return Optional.ofNullable(organisations.get(id));
    }

    @Override
    public Optional<Organisation> lockOrganisation(OrganisationId id) {
      return findOrganisation(id);
    }

    @Override
    public Organisation updateOrganisation(Organisation o) {
      current(organisations, o.id(), o.version(), "The organisation");
      Organisation next = new Organisation(o.id(), o.name(), o.status(), o.createdAt(), o.version() + 1);
      put(organisations, o.id(), next);
      return next;
    }

    @Override
    public Page<Organisation> searchOrganisations(String text, PageRequest page) {
      String needle = TextForms.searchForm(text);
      Comparator<Organisation> order = Comparator.comparing((Organisation o) -> TextForms.searchForm(o.name()))
          .thenComparing(o -> o.id().toString());
      Stream<Organisation> rows = organisations.values().stream()
          .filter(Organisation::isActive)
          .filter(o -> TextForms.searchForm(o.name()).contains(needle))
          .sorted(order);
      if (page.after().isPresent()) {
        List<String> key = Cursor.decode(page.after().get(), 2);
        rows = rows.filter(o -> compare(TextForms.searchForm(o.name()), o.id().toString(), key) > 0);
      }
      return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
          o -> Cursor.encode(TextForms.searchForm(o.name()), o.id().toString()));
    }

    // ---- accounts

    @Override
    public void insertAccount(Account account) {
      requireNew(accounts, account.id());
      if (accountsByEmail.containsKey(account.email())) {
        throw new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists.");
      }
      put(accounts, account.id(), account);
      put(accountsByEmail, account.email(), account.id());
    }

    @Override
    public Optional<Account> findAccount(AccountId id) {
      return Optional.ofNullable(accounts.get(id));
    }

    @Override
    public Optional<Account> findAccountByEmail(EmailAddress email) {
      return Optional.ofNullable(accountsByEmail.get(email)).map(accounts::get);
    }

    @Override
    public List<Account> findAccounts(Collection<AccountId> ids) {
      return ids.stream().distinct().map(accounts::get).filter(Objects::nonNull).toList();
    }

    @Override
    public Account updateAccount(Account a) {
      Account stored = current(accounts, a.id(), a.version(), "The account");
      if (!stored.email().equals(a.email())) {
        throw new IllegalArgumentException("an account's e-mail address does not change");
      }
      Account next = new Account(a.id(), a.email(), a.displayName(), a.passwordHash(), a.credentialState(),
          a.temporaryPasswordExpiresAt(), a.createdByOrganisation(), a.lastSignInAt(), a.createdAt(), a.version() + 1);
      put(accounts, a.id(), next);
      return next;
    }

    // ---- memberships

    @Override
    public void insertMembership(Membership membership) {
      requireNew(memberships, membership.id());
      if (membership.status().isLive()
          && findLiveMembership(membership.organisationId(), membership.accountId()).isPresent()) {
        throw new ConflictException(ErrorCode.ALREADY_MEMBER, "The account is already a member of the organisation.");
      }
      put(memberships, membership.id(), membership);
    }

    @Override
    public Membership updateMembership(Membership m) {
      Membership stored = current(memberships, m.id(), m.version(), "The membership");
      if (!stored.organisationId().equals(m.organisationId()) || !stored.accountId().equals(m.accountId())) {
        throw new IllegalArgumentException("a membership's organisation and account do not change");
      }
      if (!stored.status().isLive() && m.status().isLive()) {
        throw new IllegalArgumentException("a removed membership stays removed");
      }
      Membership next = withVersion(m, m.version() + 1);
      put(memberships, m.id(), next);
      return next;
    }

    @Override
    public Optional<Membership> findMembership(OrganisationId organisation, MembershipId id) {
      return Optional.ofNullable(memberships.get(id)).filter(m -> m.organisationId().equals(organisation));
    }

    @Override
    public Optional<Membership> findLiveMembership(OrganisationId organisation, AccountId account) {
      return memberships.values().stream()
          .filter(m -> m.organisationId().equals(organisation) && m.accountId().equals(account) && m.status().isLive())
          .findFirst();
    }

    @Override
    public Optional<MemberAccess> findMemberAccess(OrganisationId organisation, AccountId account) {
      return findLiveMembership(organisation, account)
          .map(m -> new MemberAccess(organisations.get(organisation), m, role(organisation, m.roleId()),
              accounts.get(account).credentialState()));
    }

    @Override
    public long countActiveMembersWithRole(OrganisationId organisation, RoleId role) {
      return memberships.values().stream()
          .filter(m -> m.organisationId().equals(organisation) && m.isActive() && m.roleId().equals(role))
          .count();
    }

    @Override
    public List<Membership> activeMembersWithRoles(OrganisationId organisation, Set<RoleId> roleIds, int limit) {
      return memberships.values().stream()
          .filter(m -> m.organisationId().equals(organisation) && m.isActive() && roleIds.contains(m.roleId()))
          .sorted(Comparator.comparing(m -> m.id().toString()))
          .limit(limit)
          .toList();
    }

    @Override
    public boolean hasLiveMembershipOutside(AccountId account, OrganisationId organisation) {
      return memberships.values().stream()
          .anyMatch(m -> m.accountId().equals(account) && !m.organisationId().equals(organisation) && m.status().isLive());
    }

    @Override
    public Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now) {
      Optional<String> text = query.text().map(TextForms::searchForm);
      Stream<MemberRow> members = memberships.values().stream()
          .filter(m -> m.organisationId().equals(organisation))
          .map(m -> {
            Account account = accounts.get(m.accountId());
            Role role = m.status().isLive() ? role(organisation, m.roleId())
                : findRole(organisation, m.roleId()).orElseGet(() -> Role.deleted(organisation, m.roleId()));
            return (MemberRow) new MemberRow.Member(m, AccountSummary.of(account), role);
          })
          .filter(row -> query.badges().contains(row.badge()))
          .filter(row -> query.origins().isEmpty()
              || query.origins().contains(((MemberRow.Member) row).membership().origin()))
          .filter(row -> text.isEmpty() || row.email().value().contains(text.get())
              || TextForms.searchForm(((MemberRow.Member) row).account().displayName()).contains(text.get()));
      Stream<MemberRow> invited = !query.includesInvitations() ? Stream.empty() : invitations.values().stream()
          .filter(i -> i.organisationId().equals(organisation) && i.status() == InvitationStatus.PENDING)
          .filter(i -> query.badges().contains(i.isOpenAt(now) ? MemberBadge.PENDING : MemberBadge.EXPIRED))
          .filter(i -> query.origins().isEmpty() || query.origins().contains(
              i.joinRequestId().isPresent() ? MembershipOrigin.JOIN_REQUEST : MembershipOrigin.INVITATION))
          .filter(i -> text.isEmpty() || i.email().value().contains(text.get()))
          .map(i -> new MemberRow.Invited(i, role(organisation, i.roleId()), !i.isOpenAt(now)));
      Stream<MemberRow> rows = Stream.concat(members, invited)
          .filter(row -> query.roles().isEmpty() || query.roles().contains(row.role().id()))
          .sorted(Comparator.comparing((MemberRow r) -> r.email().value()).thenComparing(InMemoryMembershipStore::rowId));
      if (query.page().after().isPresent()) {
        List<String> key = Cursor.decode(query.page().after().get(), 2);
        rows = rows.filter(r -> compare(r.email().value(), rowId(r), key) > 0);
      }
      return Page.of(rows.limit(query.page().limit() + 1L).toList(), query.page().limit(),
          r -> Cursor.encode(r.email().value(), rowId(r)));
    }

    @Override
    public Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page) {
      Stream<AccountOrganisation> rows = memberships.values().stream()
          .filter(m -> m.accountId().equals(account) && m.status().isLive())
          .map(m -> new AccountOrganisation(organisations.get(m.organisationId()), m, role(m.organisationId(), m.roleId())))
          .filter(row -> row.organisation().isActive())
          .sorted(Comparator.comparing((AccountOrganisation row) -> TextForms.searchForm(row.organisation().name()))
              .thenComparing(row -> row.organisation().id().toString()));
      if (page.after().isPresent()) {
        List<String> key = Cursor.decode(page.after().get(), 2);
        rows = rows.filter(row -> compare(TextForms.searchForm(row.organisation().name()),
            row.organisation().id().toString(), key) > 0);
      }
      return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
          row -> Cursor.encode(TextForms.searchForm(row.organisation().name()), row.organisation().id().toString()));
    }

    @Override
    public long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now) {
      long members = memberships.values().stream()
          .filter(m -> m.organisationId().equals(organisation) && m.isActive() && m.grants().contains(entitlement))
          .count();
      long invited = invitations.values().stream()
          .filter(i -> i.organisationId().equals(organisation) && i.isOpenAt(now) && i.grants().contains(entitlement))
          .count();
      return members + invited;
    }

    // ---- roles

    @Override
    public void insertRole(Role role) {
      RoleKey key = new RoleKey(role.organisationId().orElseThrow(), role.id());
      requireNew(roles, key);
      requireUniqueName(role);
      put(roles, key, role);
    }

    /** As the SQL store's unique keys: no other role of the organisation shares a name key. */
    private void requireUniqueName(Role role) {
      RoleNameKeys keys = role.nameKeys();
      OrganisationId organisation = role.organisationId().orElseThrow();
      boolean taken = role.nameCollidesWithBuiltIn() || roles.values().stream()
          .filter(r -> r.organisationId().equals(Optional.of(organisation)))
          .anyMatch(r -> !r.id().equals(role.id()) && r.nameKeys().collidesWith(keys));
      if (taken) {
        throw Role.nameTaken();
      }
    }

    @Override
    public Optional<Role> findRole(OrganisationId organisation, RoleId id) {
      return id.isBuiltIn() ? Role.builtIn(id) : Optional.ofNullable(roles.get(new RoleKey(organisation, id)));
    }

    @Override
    public List<Role> listRoles(OrganisationId organisation) {
      return Stream.concat(Role.BUILT_IN.stream(), roles.values().stream()
              .filter(r -> r.organisationId().equals(Optional.of(organisation)))
              .sorted(Comparator.comparing((Role r) -> TextForms.searchForm(r.name())).thenComparing(r -> r.id().value())))
          .toList();
    }

    @Override
    public Role updateRole(Role role) {
      RoleKey key = new RoleKey(role.organisationId().orElseThrow(), role.id());
      current(roles, key, role.version(), "The role");
      requireUniqueName(role);
      Role next = new Role(role.id(), role.organisationId(), role.name(), role.permissions(), role.version() + 1);
      put(roles, key, next);
      return next;
    }

    @Override
    public void deleteRole(OrganisationId organisation, RoleId id) {
      remove(roles, new RoleKey(organisation, id));
    }

    @Override
    public boolean isRoleInUse(OrganisationId organisation, RoleId role) {
      return memberships.values().stream().anyMatch(m -> m.organisationId().equals(organisation) && m.status().isLive()
              && (m.roleId().equals(role) || m.suspension().map(s -> s.roleId().equals(role)).orElse(false)))
          || invitations.values().stream().anyMatch(i -> i.organisationId().equals(organisation)
              && i.status() == InvitationStatus.PENDING && i.roleId().equals(role));
    }

    @Override
    public int reassignRole(OrganisationId organisation, RoleId from, RoleId to, Instant now) {
      int moved = 0;
      for (Membership m : List.copyOf(memberships.values())) {
        if (m.organisationId().equals(organisation) && m.status().isLive()
            && (m.roleId().equals(from) || m.suspension().map(s -> s.roleId().equals(from)).orElse(false))) {
          put(memberships, m.id(), withVersion(m.reassignRole(from, to, now), m.version() + 1));
          moved++;
        }
      }
      for (Invitation i : List.copyOf(invitations.values())) {
        if (i.organisationId().equals(organisation) && i.status() == InvitationStatus.PENDING && i.roleId().equals(from)) {
          put(invitations, i.id(), withVersion(i.withRole(to, now), i.version() + 1));
          moved++;
        }
      }
      return moved;
    }

    // ---- entitlements

    @Override
    public void insertEntitlement(Entitlement entitlement) {
      EntitlementRef ref = new EntitlementRef(entitlement.organisationId(), entitlement.key());
      if (entitlements.containsKey(ref)) {
        throw new ConflictException(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, "The organisation holds this entitlement already.");
      }
      put(entitlements, ref, entitlement);
    }

    @Override
    public Optional<Entitlement> findEntitlement(OrganisationId organisation, EntitlementKey key) {
      return Optional.ofNullable(entitlements.get(new EntitlementRef(organisation, key)));
    }

    @Override
    public List<Entitlement> listEntitlements(OrganisationId organisation) {
      return entitlements.values().stream()
          .filter(e -> e.organisationId().equals(organisation))
          .sorted(Comparator.comparing(Entitlement::key))
          .toList();
    }

    @Override
    public Entitlement updateEntitlement(Entitlement e) {
      EntitlementRef ref = new EntitlementRef(e.organisationId(), e.key());
      current(entitlements, ref, e.version(), "The entitlement");
      Entitlement next = new Entitlement(e.organisationId(), e.key(), e.name(), e.seatLimit(), e.validUntil(), e.version() + 1);
      put(entitlements, ref, next);
      return next;
    }

    // ---- invitations

    @Override
    public void insertInvitation(Invitation invitation) {
      requireNew(invitations, invitation.id());
      if (invitation.status() == InvitationStatus.PENDING
          && findPendingInvitation(invitation.organisationId(), invitation.email()).isPresent()) {
        throw new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING,
            "An invitation to this address is already pending.");
      }
      put(invitations, invitation.id(), invitation);
    }

    @Override
    public Invitation updateInvitation(Invitation i) {
      Invitation stored = current(invitations, i.id(), i.version(), "The invitation");
      if (!stored.organisationId().equals(i.organisationId()) || !stored.email().equals(i.email())) {
        throw new IllegalArgumentException("an invitation's organisation and address do not change");
      }
      Invitation next = withVersion(i, i.version() + 1);
      put(invitations, i.id(), next);
      return next;
    }

    @Override
    public Optional<Invitation> findInvitation(OrganisationId organisation, InvitationId id) {
      return Optional.ofNullable(invitations.get(id)).filter(i -> i.organisationId().equals(organisation));
    }

    @Override
    public Optional<Invitation> findInvitationByTokenHash(TokenHash hash) {
      return invitations.values().stream().filter(i -> i.tokenHash().equals(hash)).findFirst();
    }

    @Override
    public Optional<Invitation> findPendingInvitation(OrganisationId organisation, EmailAddress email) {
      return invitations.values().stream()
          .filter(i -> i.organisationId().equals(organisation) && i.email().equals(email)
              && i.status() == InvitationStatus.PENDING)
          .findFirst();
    }

    // ---- join requests

    @Override
    public void insertJoinRequest(JoinRequest request) {
      requireNew(joinRequests, request.id());
      if (request.status() == JoinRequestStatus.PENDING
          && findPendingJoinRequest(request.organisationId(), request.accountId()).isPresent()) {
        throw new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING, "A request to join is already pending.");
      }
      put(joinRequests, request.id(), request);
    }

    @Override
    public JoinRequest updateJoinRequest(JoinRequest r) {
      current(joinRequests, r.id(), r.version(), "The join request");
      JoinRequest next = new JoinRequest(r.id(), r.organisationId(), r.accountId(), r.message(), r.status(), r.createdAt(),
          r.decidedBy(), r.decidedAt(), r.version() + 1);
      put(joinRequests, r.id(), next);
      return next;
    }

    @Override
    public Optional<JoinRequest> findJoinRequest(JoinRequestId id) {
      return Optional.ofNullable(joinRequests.get(id));
    }

    @Override
    public Optional<JoinRequest> findPendingJoinRequest(OrganisationId organisation, AccountId account) {
      return joinRequests.values().stream()
          .filter(r -> r.organisationId().equals(organisation) && r.accountId().equals(account)
              && r.status() == JoinRequestStatus.PENDING)
          .findFirst();
    }

    @Override
    public Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page) {
      Comparator<JoinRequest> order = Comparator.comparing(JoinRequest::createdAt).thenComparing(r -> r.id().toString());
      Stream<JoinRequest> rows = joinRequests.values().stream()
          .filter(r -> r.organisationId().equals(organisation))
          .filter(r -> statuses.isEmpty() || statuses.contains(r.status()))
          .sorted(order);
      if (page.after().isPresent()) {
        List<String> key = Cursor.decode(page.after().get(), 2);
        Instant at = parseInstant(key.get(0));
        rows = rows.filter(r -> r.createdAt().isAfter(at)
            || (r.createdAt().equals(at) && r.id().toString().compareTo(key.get(1)) > 0));
      }
      return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
          r -> Cursor.encode(r.createdAt().toString(), r.id().toString()));
    }

    @Override
    public Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page) {
      Comparator<JoinRequest> newestFirst = Comparator.comparing(JoinRequest::createdAt)
          .thenComparing(r -> r.id().toString()).reversed();
      Stream<JoinRequest> rows = joinRequests.values().stream()
          .filter(r -> r.accountId().equals(account))
          .filter(r -> statuses.isEmpty() || statuses.contains(r.status()))
          .sorted(newestFirst);
      if (page.after().isPresent()) {
        List<String> key = Cursor.decode(page.after().get(), 2);
        Instant at = parseInstant(key.get(0));
        rows = rows.filter(r -> r.createdAt().isBefore(at)
            || (r.createdAt().equals(at) && r.id().toString().compareTo(key.get(1)) < 0));
      }
      return Page.of(rows.limit(page.limit() + 1L).map(r -> new AccountJoinRequest(r, organisations.get(r.organisationId())))
              .toList(), page.limit(),
          r -> Cursor.encode(r.request().createdAt().toString(), r.request().id().toString()));
    }

    // ---- account events

    @Override
    public SignUps signUps() {
      return signUpStore;
    }

    @Override
    public AccountEventStore accountEvents() {
      return accountEventStore;
    }

    // ---- audit

    @Override
    public void appendAudit(AuditEvent event) {
      requireOpen();
      List<AuditEvent> log = audit.computeIfAbsent(event.organisationId(), o -> new ArrayList<>());
      log.add(event);
      undo.push(() -> log.remove(log.size() - 1));
    }

    @Override
    public Page<AuditEvent> auditPage(OrganisationId organisation, PageRequest page) {
      Comparator<AuditEvent> newestFirst = Comparator.comparing(AuditEvent::occurredAt)
          .thenComparing(e -> e.id().toString()).reversed();
      Stream<AuditEvent> rows = audit.getOrDefault(organisation, List.of()).stream().sorted(newestFirst);
      if (page.after().isPresent()) {
        List<String> key = Cursor.decode(page.after().get(), 2);
        Instant at = parseInstant(key.get(0));
        rows = rows.filter(e -> e.occurredAt().isBefore(at)
            || (e.occurredAt().equals(at) && e.id().toString().compareTo(key.get(1)) < 0));
      }
      return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
          e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
    }

    // ---- outbox

    @Override
    public OutboxStore outbox() {
      if (outboxView == null) {
        outboxView = outbox.in(step -> {
          requireOpen();
          undo.push(step);
        });
      }
      return outboxView;
    }

    // ---- throttles

    @Override
    public Throttles throttles() {
      requireOpen();
      return throttles.in(this);
    }

    private Role role(OrganisationId organisation, RoleId id) {
      return findRole(organisation, id).orElseThrow(() -> new IllegalStateException("role " + id + " is missing"));
    }
  }

  private static String rowId(MemberRow row) {
    return switch (row) {
      case MemberRow.Member m -> m.membership().id().toString();
      case MemberRow.Invited i -> i.invitation().id().toString();
    };
  }

  private static int compare(String first, String second, List<String> cursor) {
    int c = first.compareTo(cursor.get(0));
    return c != 0 ? c : second.compareTo(cursor.get(1));
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw dev.membership.error.InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
    }
  }

  private static long versionOf(Object value) {
    return switch (value) {
      case Organisation o -> o.version();
      case Account a -> a.version();
      case Membership m -> m.version();
      case Role r -> r.version();
      case Entitlement e -> e.version();
      case Invitation i -> i.version();
      case JoinRequest r -> r.version();
      default -> throw new IllegalArgumentException("not versioned: " + value.getClass());
    };
  }

  private static Membership withVersion(Membership m, long version) {
    return new Membership(m.id(), m.organisationId(), m.accountId(), m.roleId(), m.grants(), m.status(), m.origin(),
        m.suspension(), m.joinedAt(), m.updatedAt(), version);
  }

  private static Invitation withVersion(Invitation i, long version) {
    return new Invitation(i.id(), i.organisationId(), i.email(), i.roleId(), i.grants(), i.status(), i.tokenHash(),
        i.expiresAt(), i.invitedBy(), i.joinRequestId(), i.sendCount(), i.createdAt(), i.updatedAt(), i.acceptedBy(), version);
  }

}
