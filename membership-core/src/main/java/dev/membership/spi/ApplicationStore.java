package dev.membership.spi;

import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.OrganisationId;
import dev.membership.query.ApplicationAccess;
import dev.membership.query.ClientReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deployment's application catalogue with its client policies and history, the clients members
 * last used, the access check's one read, and the notices sent about entitlements' ends, in the
 * transaction they were reached from ({@link StoreTransaction#applications()}). Keeps the rules
 * written on {@link StoreTransaction}.
 */
public interface ApplicationStore {

  /**
   * Stores a new application with its policies.
   *
   * @throws dev.membership.error.ConflictException {@code APPLICATION_ALREADY_DEFINED}
   */
  void insert(Application application);

  /** Stores a changed application, its name and its whole list of policies (optimistic version). */
  Application update(Application application);

  Optional<Application> find(EntitlementKey key);

  /** The whole catalogue, ordered by key. */
  List<Application> list();

  /** Appends to the catalogue's history. */
  void appendChange(ApplicationChange change);

  /** The application's history, newest first, at most {@code limit}. */
  List<ApplicationChange> changes(EntitlementKey key, int limit);

  /**
   * The account's live membership in the organisation with what an access check needs about the
   * entitlement {@code key}, in <em>one</em> statement on unique indexes; empty if it has none.
   */
  Optional<ApplicationAccess> findAccess(OrganisationId organisation, AccountId account, EntitlementKey key);

  /**
   * Stores the client the account last used, replacing the one reported before (one row per
   * organisation, account, application), if the organisation is active: then answers {@code true}, in
   * one statement. Answers {@code false} and writes nothing if the organisation is deleted or unknown.
   */
  boolean reportClient(ClientReport report);

  /**
   * The last-seen clients of an application of the organisation's <em>active</em> members (a removed
   * or deactivated member's report stays but is not listed), ordered by account id, after {@code
   * after}, at most {@code limit}.
   */
  List<ClientReport> clients(OrganisationId organisation, EntitlementKey application, Optional<AccountId> after,
      int limit);

  /**
   * Entitlements of every organisation that end after {@code from} and at or before {@code until}
   * and have not had {@code notice} recorded for that end, ordered by end, organisation and key, at
   * most {@code limit}.
   */
  List<Entitlement> endingWithout(EntitlementNotice notice, Instant from, Instant until, int limit);

  /**
   * Records that {@code notice} was sent for the entitlement's end {@code endsAt}. Returns false, and
   * writes nothing, if it was recorded already (by this or another instance): only the caller that
   * gets true sends it.
   */
  boolean recordNotice(OrganisationId organisation, EntitlementKey key, EntitlementNotice notice, Instant endsAt);
}
