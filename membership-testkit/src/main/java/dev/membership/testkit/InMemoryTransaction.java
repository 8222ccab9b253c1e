package dev.membership.testkit;

import dev.membership.error.ConcurrentModificationException;
import dev.membership.spi.AccountEventStore;
import dev.membership.spi.AdmissionReads;
import dev.membership.spi.ApplicationStore;
import dev.membership.spi.AccountStore;
import dev.membership.spi.AuditStore;
import dev.membership.domain.DomainId;
import dev.membership.domain.OrganisationDomain;
import dev.membership.spi.DomainStore;
import dev.membership.spi.EntitlementStore;
import dev.membership.spi.InvitationStore;
import dev.membership.spi.JoinRequestStore;
import dev.membership.spi.MemberStore;
import dev.membership.spi.OrganisationStore;
import dev.membership.spi.OutboxStore;
import dev.membership.spi.PageReads;
import dev.membership.spi.RoleStore;
import dev.membership.spi.SignUps;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.Throttles;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * One transaction of the {@link InMemoryMembershipStore}: its undo log (every write registers the
 * step that undoes it, run in reverse order on rollback) and its ports, one per aggregate.
 */
final class InMemoryTransaction implements StoreTransaction, InMemoryThrottles.Writes {
  private final Deque<Runnable> undo = new ArrayDeque<>();
  private boolean open = true;
  private final InMemoryThrottles throttleCounters;
  private final OrganisationStore organisations;
  private final AccountStore accounts;
  private final MemberStore memberships;
  private final RoleStore roles;
  private final EntitlementStore entitlements;
  private final InvitationStore invitations;
  private final JoinRequestStore joinRequests;
  private final AuditStore audit;
  private final PageReads reads;
  private final AccountEventStore accountEvents;
  private final SignUps signUps;
  private final OutboxStore outbox;
  private final ApplicationStore applications;
  private final DomainStore domains;
  private final AdmissionReads admissions = new InMemoryAdmissionReads(this);

  InMemoryTransaction(InMemoryTables tables, InMemoryAccountEvents accountEvents, InMemorySignUps signUps,
      InMemoryOutbox outbox, InMemoryThrottles throttles, Map<DomainId, OrganisationDomain> domains,
      InMemoryApplicationStore.Rows applications) {
    this.applications = new InMemoryApplicationStore(tables, applications, this);
    this.domains = new InMemoryDomainStore(domains, tables, this);
    this.organisations = new InMemoryOrganisationStore(tables, this, domains, applications,
        (organisation, limit) -> outbox.purgeAbout(organisation, limit, this::undoable));
    this.accounts = new InMemoryAccountStore(tables, this);
    this.memberships = new InMemoryMemberStore(tables, this);
    this.roles = new InMemoryRoleStore(tables, this);
    this.entitlements = new InMemoryEntitlementStore(tables, this);
    this.invitations = new InMemoryInvitationStore(tables, this);
    this.joinRequests = new InMemoryJoinRequestStore(tables, this);
    this.audit = new InMemoryAuditStore(tables, this);
    this.reads = new InMemoryPageReads(tables);
    this.accountEvents = accountEvents.in(this::undoable);
    this.signUps = signUps.in(this::undoable);
    this.outbox = outbox.in(this::undoable);
    this.throttleCounters = throttles;
  }

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

  /** Registers the step that undoes a write about to be made. */
  void undoable(Runnable step) {
    requireOpen();
    undo.push(step);
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

  void requireOpen() {
    if (!open) {
      throw new IllegalStateException("the transaction has ended");
    }
  }

  /** Refuses an insert whose id is taken: ids are random, so that is a bug, not a conflict. */
  void requireNew(Map<?, ?> map, Object key) {
    if (map.containsKey(key)) {
      throw new IllegalStateException("duplicate id " + key);
    }
  }

  /** The stored row an update may replace: present, and of the version the update read. */
  <V> V current(Map<?, V> map, Object key, long version, String what) {
    V stored = map.get(key);
    if (stored == null || InMemoryTables.versionOf(stored) != version) {
      throw new ConcurrentModificationException(what);
    }
    return stored;
  }

  @Override
  public OrganisationStore organisations() {
    return organisations;
  }

  @Override
  public AccountStore accounts() {
    return accounts;
  }

  @Override
  public MemberStore memberships() {
    return memberships;
  }

  @Override
  public RoleStore roles() {
    return roles;
  }

  @Override
  public EntitlementStore entitlements() {
    return entitlements;
  }

  @Override
  public InvitationStore invitations() {
    return invitations;
  }

  @Override
  public JoinRequestStore joinRequests() {
    return joinRequests;
  }

  @Override
  public AuditStore audit() {
    return audit;
  }

  @Override
  public PageReads reads() {
    return reads;
  }

  @Override
  public SignUps signUps() {
    return signUps;
  }

  @Override
  public AccountEventStore accountEvents() {
    return accountEvents;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public Throttles throttles() {
    requireOpen();
    return throttleCounters.in(this);
  }

  @Override
  public ApplicationStore applications() {
    return applications;
  }

  @Override
  public DomainStore domains() {
    return domains;
  }

  @Override
  public AdmissionReads admissions() {
    return admissions;
  }
}
