package dev.membership.testkit;

import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.query.ApplicationAccess;
import dev.membership.query.ClientReport;
import dev.membership.spi.ApplicationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The application catalogue, client reports and entitlement end notices of the in-memory store. */
final class InMemoryApplicationStore implements ApplicationStore {

  /** The rows of this port, beside {@link InMemoryTables}, guarded by the store's lock. */
  static final class Rows {
    final Map<EntitlementKey, Application> applications = new HashMap<>();
    final List<ApplicationChange> changes = new ArrayList<>();
    final Map<ClientKey, ClientReport> clients = new HashMap<>();
    final Map<NoticeKey, Boolean> notices = new HashMap<>();
  }

  record ClientKey(OrganisationId organisation, AccountId account, EntitlementKey application) {}

  record NoticeKey(OrganisationId organisation, EntitlementKey key, EntitlementNotice notice, Instant endsAt) {}

  private final InMemoryTables tables;
  private final Rows rows;
  private final InMemoryTransaction tx;

  InMemoryApplicationStore(InMemoryTables tables, Rows rows, InMemoryTransaction tx) {
    this.tables = tables;
    this.rows = rows;
    this.tx = tx;
  }

  @Override
  public void insert(Application application) {
    if (rows.applications.containsKey(application.key())) {
      throw new ConflictException(ErrorCode.APPLICATION_ALREADY_DEFINED, "The catalogue has this application already.");
    }
    tx.put(rows.applications, application.key(), application);
  }

  @Override
  public Application update(Application a) {
    Application stored = rows.applications.get(a.key());
    if (stored == null || stored.version() != a.version()) {
      throw new ConcurrentModificationException("The application");
    }
    Application next = new Application(a.key(), a.name(), a.policies(), a.version() + 1);
    tx.put(rows.applications, a.key(), next);
    return next;
  }

  @Override
  public Optional<Application> find(EntitlementKey key) {
    return Optional.ofNullable(rows.applications.get(key));
  }

  @Override
  public List<Application> list() {
    return rows.applications.values().stream().sorted(Comparator.comparing(Application::key)).toList();
  }

  @Override
  public void appendChange(ApplicationChange change) {
    tx.undoable(() -> rows.changes.remove(rows.changes.size() - 1));
    rows.changes.add(change);
  }

  @Override
  public List<ApplicationChange> changes(EntitlementKey key, int limit) {
    List<ApplicationChange> found = new ArrayList<>();
    for (int i = rows.changes.size() - 1; i >= 0 && found.size() < limit; i--) {
      if (rows.changes.get(i).application().equals(key)) {
        found.add(rows.changes.get(i));
      }
    }
    return found;
  }

  @Override
  public Optional<ApplicationAccess> findAccess(OrganisationId organisation, AccountId account, EntitlementKey key) {
    Optional<Membership> live = tables.findLiveMembership(organisation, account);
    if (live.isEmpty()) {
      return Optional.empty();
    }
    Membership m = live.get();
    Entitlement e = tables.entitlements.get(new InMemoryTables.EntitlementRef(organisation, key));
    return Optional.of(new ApplicationAccess(m.status(),
        Objects.requireNonNull(tables.organisations.get(organisation), "a member's organisation").status(),
        Objects.requireNonNull(tables.accounts.get(account), "a member's account").credentialState(), m.isActive() && m.grants().contains(key), e != null,
        e == null ? Optional.empty() : e.validUntil()));
  }

  @Override
  public boolean reportClient(ClientReport report) {
    Organisation organisation = tables.organisations.get(report.organisation());
    if (organisation == null || !organisation.isActive()) {
      return false;
    }
    tx.put(rows.clients, new ClientKey(report.organisation(), report.account(), report.application()), report);
    return true;
  }

  @Override
  public List<ClientReport> clients(OrganisationId organisation, EntitlementKey application, Optional<AccountId> after,
      int limit) {
    return rows.clients.values().stream()
        .filter(r -> r.organisation().equals(organisation) && r.application().equals(application))
        .filter(r -> tables.findLiveMembership(organisation, r.account()).filter(Membership::isActive).isPresent())
        .filter(r -> after.map(a -> r.account().compareTo(a) > 0).orElse(true))
        .sorted(Comparator.comparing(ClientReport::account))
        .limit(limit)
        .toList();
  }

  @Override
  public List<Entitlement> endingWithout(EntitlementNotice notice, Instant from, Instant until, int limit) {
    return tables.entitlements.values().stream()
        .filter(e -> e.validUntil().filter(end -> end.isAfter(from) && !end.isAfter(until)).isPresent())
        .filter(e -> !rows.notices.containsKey(new NoticeKey(e.organisationId(), e.key(), notice, e.validUntil().get())))
        .sorted(Comparator.comparing((Entitlement e) -> e.validUntil().get())
            .thenComparing(e -> e.organisationId().toString())
            .thenComparing(Entitlement::key))
        .limit(limit)
        .toList();
  }

  @Override
  public boolean recordNotice(OrganisationId organisation, EntitlementKey key, EntitlementNotice notice, Instant endsAt) {
    NoticeKey k = new NoticeKey(organisation, key, notice, endsAt);
    if (rows.notices.containsKey(k)) {
      return false;
    }
    tx.put(rows.notices, k, Boolean.TRUE);
    return true;
  }
}
