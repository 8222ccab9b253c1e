package dev.membership;

import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.error.ConflictException;
import dev.membership.error.InvalidInputException;
import dev.membership.error.NotFoundException;
import dev.membership.error.ErrorCode;
import dev.membership.internal.ApplicationCatalogue;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.query.AccountSummary;
import dev.membership.query.ClientReport;
import dev.membership.query.ClientWarning;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The deployment's application catalogue (one for the whole deployment, not per organisation): each
 * application's entitlement key, name and scheduled minimum client versions; the clients members last
 * used; and the members an organisation should warn before a new policy applies.
 *
 * <p>The catalogue is the host's to manage (no organisation's permission applies): the host calls
 * these methods from its own operator tools and names the operator in {@code changedBy}; every change
 * is recorded in the application's history ({@link #history}).
 */
public final class Applications {
  /** Client reports read per batch while looking for members to warn. */
  private static final int SCAN_BATCH = 500;
  private static final int MAX_CHANGED_BY = 200;
  private static final Instant LATEST = Instant.parse("2261-12-31T23:59:59Z");

  private final Context context;
  private final ApplicationCatalogue catalogue;

  Applications(Context context, ApplicationCatalogue catalogue) {
    this.context = context;
    this.catalogue = catalogue;
  }

  /** Adds an application, with no client policy yet. {@code APPLICATION_ALREADY_DEFINED} if the key is taken. */
  public Application define(String changedBy, EntitlementKey key, String name) {
    String by = checkChangedBy(changedBy);
    Application application = Application.define(key, name);
    return change(tx -> {
      tx.applications().insert(application);
      tx.applications().appendChange(ApplicationChange.of(key, ApplicationChange.Action.DEFINED, by, context.now(),
          Map.of("name", application.name())));
      return application;
    });
  }

  /** Renames an application. */
  public Application rename(String changedBy, EntitlementKey key, String name) {
    String by = checkChangedBy(changedBy);
    String checked = Application.checkName(name);
    return change(tx -> {
      Application saved = tx.applications().update(existing(tx, key).renamed(checked));
      tx.applications().appendChange(ApplicationChange.of(key, ApplicationChange.Action.RENAMED, by, context.now(),
          Map.of("name", checked)));
      return saved;
    });
  }

  /**
   * Schedules a minimum client version policy from {@code policy.effectiveFrom()} on (replacing one
   * scheduled for the same instant). An instant in the past applies at once.
   */
  public Application schedulePolicy(String changedBy, EntitlementKey key, ClientPolicy policy) {
    String by = checkChangedBy(changedBy);
    if (policy.effectiveFrom().isBefore(Instant.EPOCH) || policy.effectiveFrom().isAfter(LATEST)) {
      throw InvalidInputException.of("effectiveFrom", "out_of_range", "must be between 1970 and 2261");
    }
    return change(tx -> {
      Application saved = tx.applications().update(existing(tx, key).withPolicy(policy));
      tx.applications().appendChange(ApplicationChange.of(key, ApplicationChange.Action.POLICY_SCHEDULED, by,
          context.now(), Map.of("effectiveFrom", policy.effectiveFrom().toString(), "minimums", text(policy))));
      return saved;
    });
  }

  /** Removes the policy scheduled from {@code effectiveFrom}; {@code INVALID_INPUT} on {@code effectiveFrom} if there is none. */
  public Application cancelPolicy(String changedBy, EntitlementKey key, Instant effectiveFrom) {
    String by = checkChangedBy(changedBy);
    return change(tx -> {
      Application current = existing(tx, key);
      if (current.policies().stream().noneMatch(p -> p.effectiveFrom().equals(effectiveFrom))) {
        throw InvalidInputException.of("effectiveFrom", "no_policy", "no policy is scheduled from that instant");
      }
      Application saved = tx.applications().update(current.withoutPolicy(effectiveFrom));
      tx.applications().appendChange(ApplicationChange.of(key, ApplicationChange.Action.POLICY_CANCELLED, by,
          context.now(), Map.of("effectiveFrom", effectiveFrom.toString())));
      return saved;
    });
  }

  /** The application, read from the store. */
  public Optional<Application> find(EntitlementKey key) {
    return context.read(tx -> tx.applications().find(key));
  }

  /** The whole catalogue, ordered by key. */
  public List<Application> list() {
    return context.read(tx -> tx.applications().list());
  }

  /** The application's history, newest first, at most {@code limit} (1 to 200). */
  public List<ApplicationChange> history(EntitlementKey key, int limit) {
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw InvalidInputException.of("limit", "out_of_range", "must be between 1 and " + PageRequest.MAX_LIMIT);
    }
    return context.read(tx -> tx.applications().changes(key, limit));
  }

  /**
   * Records the client version the account used the application with in the organisation, replacing
   * the one reported before: one cheap upsert, for the host to call when a client connects (after
   * {@code access().check}), in a transaction of one statement that tells nobody. Checks nothing else
   * (a report of a version is not a permission) but that the organisation is active: for a deleted
   * organisation it answers {@code ORGANISATION_DELETED}, and {@code ORGANISATION_NOT_FOUND} once it
   * is purged (or never existed), and writes nothing.
   *
   * @throws ConflictException {@code ORGANISATION_DELETED}
   * @throws dev.membership.error.NotFoundException {@code ORGANISATION_NOT_FOUND}
   */
  public void reportClient(AccountId account, OrganisationId organisation, EntitlementKey application,
      ClientVersion version) {
    ClientReport report = new ClientReport(organisation, account, application, version, context.now());
    context.store.inTransaction(tx -> {
      if (!tx.applications().reportClient(report)) {
        throw tx.organisations().find(organisation).isPresent() ? Context.organisationDeleted() : NotFound.organisation();
      }
      return Boolean.TRUE;
    });
  }

  /**
   * The organisation's members whose last-seen client of the application the <em>next</em> scheduled
   * policy will refuse, ordered by account id: whom to warn before the date. Empty when no policy is
   * scheduled. Needs {@code VIEW_MEMBERS}. Reads the organisation's client reports of the application
   * in batches, so a page costs reads in proportion to the reports it passes over.
   */
  public Page<ClientWarning> clientsToWarn(AccountId actor, OrganisationId organisation, EntitlementKey application,
      PageRequest page) {
    Optional<AccountId> start = page.after().map(c -> AccountId.of(Cursor.decode(c, 1).get(0)));
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      Application app = existing(tx, application);
      Optional<ClientPolicy> next = app.nextPolicyAfter(context.now());
      if (next.isEmpty()) {
        return Page.<ClientWarning>empty();
      }
      ClientPolicy policy = next.get();
      List<ClientReport> refused = new ArrayList<>();
      Optional<AccountId> after = start;
      while (refused.size() <= page.limit()) {
        List<ClientReport> batch = tx.applications().clients(organisation, application, after, SCAN_BATCH);
        for (ClientReport report : batch) {
          if (!policy.accepts(report.version()) && refused.size() <= page.limit()) {
            refused.add(report);
          }
        }
        if (batch.size() < SCAN_BATCH) {
          break;
        }
        after = Optional.of(batch.get(batch.size() - 1).account());
      }
      Page<ClientReport> reports = Page.of(refused, page.limit(), r -> Cursor.encode(r.account().toString()));
      Map<AccountId, AccountSummary> people = tx.accounts().findAll(reports.items().stream().map(ClientReport::account)
          .toList()).stream().map(AccountSummary::of).collect(Collectors.toMap(AccountSummary::id, Function.identity()));
      return reports.map(r -> {
        AccountSummary who = java.util.Objects.requireNonNull(people.get(r.account()), "a reported member's account");
        return new ClientWarning(r.account(), who.email(), who.displayName(), r.version(), r.seenAt(),
            policy.minimumFor(r.version()).orElseThrow(), policy.effectiveFrom());
      });
    });
  }

  private <T> T change(Function<StoreTransaction, T> work) {
    try {
      return context.write(uow -> work.apply(uow.tx));
    } finally {
      catalogue.invalidate();
    }
  }

  private static Application existing(StoreTransaction tx, EntitlementKey key) {
    return tx.applications().find(key).orElseThrow(() -> new NotFoundException(ErrorCode.APPLICATION_NOT_FOUND,
        "The catalogue has no such application."));
  }

  private static String checkChangedBy(String changedBy) {
    String by = changedBy == null ? "" : changedBy.strip();
    if (by.isEmpty() || by.length() > MAX_CHANGED_BY || by.chars().anyMatch(Character::isISOControl)) {
      throw InvalidInputException.of("changedBy", "out_of_range",
          "must name who changes the catalogue in 1 to " + MAX_CHANGED_BY + " characters");
    }
    return by;
  }

  private static String text(ClientPolicy policy) {
    return policy.minimums().stream().map(ClientVersion::toString).collect(Collectors.joining(", "));
  }
}
