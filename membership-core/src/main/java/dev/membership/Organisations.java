package dev.membership;

import dev.membership.command.TypedText;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.InvalidInputException;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.internal.ProbeBounds;
import dev.membership.internal.OrganisationEnding;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Create, rename and delete organisations; list the organisations of an account ("who am I"). */
public final class Organisations {
  private final Context context;

  Organisations(Context context) {
    this.context = context;
  }

  /** Creates an organisation; {@code founder} becomes its owner. */
  public Organisation create(AccountId founder, String name) {
    Objects.requireNonNull(founder, "founder");
    String checked = checkName(name);
    return context.write(uow -> {
      Account account = Context.requireOwnPassword(uow.tx.accounts().find(founder)
          .orElseThrow(NotFound::account));
      Organisation organisation = Organisation.create(checked, uow.now);
      uow.tx.organisations().insert(organisation);
      uow.tx.memberships().insert(
          Membership.start(organisation.id(), founder, Role.OWNER.id(), Set.of(), MembershipOrigin.FOUNDER, uow.now));
      uow.audit(organisation.id(), founder, AuditAction.ORGANISATION_CREATED, Optional.of(founder), checked,
          Map.of("founder", account.email().value()));
      return organisation;
    });
  }

  /** Renames the organisation. Needs {@link Permission#MANAGE_ORGANISATION}. */
  public Organisation rename(AccountId actor, OrganisationId organisation, String newName) {
    String checked = checkName(newName);
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      Organisation current = uow.organisation(organisation);
      if (current.name().equals(checked)) {
        return current;
      }
      Organisation renamed = uow.tx.organisations().update(current.rename(checked));
      uow.audit(organisation, actor, AuditAction.ORGANISATION_RENAMED, Optional.empty(), checked,
          Map.of("from", current.name(), "to", checked));
      return renamed;
    });
  }

  /**
   * Makes the organisation discoverable (listed by {@link #search}, so that people can find it and
   * ask to join) or hides it again; a new organisation is not discoverable. Needs {@link
   * Permission#MANAGE_ORGANISATION} (owners and admins among the built-in roles); audited as {@code
   * ORGANISATION_DISCOVERABILITY_CHANGED} when it changes anything.
   */
  public Organisation setDiscoverable(AccountId actor, OrganisationId organisation, boolean discoverable) {
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.MANAGE_ORGANISATION);
      Organisation current = uow.organisation(organisation);
      if (current.discoverable() == discoverable) {
        return current;
      }
      Organisation changed = uow.tx.organisations().update(current.withDiscoverable(discoverable));
      uow.audit(organisation, actor, AuditAction.ORGANISATION_DISCOVERABILITY_CHANGED, Optional.empty(), current.name(),
          Map.of("discoverable", Boolean.toString(discoverable)));
      return changed;
    });
  }

  // --- Deleting an organisation ---

  /** How many rows one {@link #purgeDeleted()} deletes at most. */
  public static final int PURGE_BATCH = 1_000;

  /** How many deleted organisations one {@link #purgeDeleted()} looks at. */
  private static final int PURGE_ORGANISATIONS = 20;

  /** The most deleted organisations {@link #deletedOwnedBy} lists. */
  public static final int MAX_DELETED_LISTED = 100;

  /**
   * Deletes the organisation, in one transaction. Needs {@link Permission#DELETE_ORGANISATION} (owners
   * only among the built-in roles) and {@code confirmation}: the organisation's name as it is, typed
   * again (as GitHub and Clerk ask; cleaned as names are, by {@link TypedText}: NFC, white space at the ends
   * dropped, nothing else forgiven), else {@code INVALID_INPUT} on field {@code confirmation}, reason
   * {@code does_not_match}, and nothing changes.
   *
   * <p>It ends everything that gives or promises access: every pending invitation is cancelled (its
   * link answers {@code ORGANISATION_DELETED}), every pending join request is denied, every entitlement
   * ends now, every verified or pending domain is released (another organisation may add it; it
   * suggests and enrolls nobody any more), and every membership, active or deactivated, is removed
   * (the rows stay as history; the kept member counts follow). Each member is told by a notification
   * ({@link dev.membership.domain.NotificationType#ORGANISATION_DELETED}); the host hears one audit event
   * {@code ORGANISATION_DELETED}, whose {@code sessionsToEnd()} is everyone in the organisation.
   *
   * <p>From then on every command on the organisation answers {@code ORGANISATION_DELETED} (a second
   * delete too), access checks refuse, and it is in no search, no list of an account's organisations,
   * no domain suggestion. Only its former owners (the active owners it had) may still read its audit
   * log, for {@link MembershipPolicy#deletedOrganisationRetention()} (90 days by default); then {@link
   * #purgeDeleted()} removes its data. Deletion cannot be undone.
   */
  public Organisation delete(AccountId actor, OrganisationId organisation, String confirmation) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(confirmation, "confirmation");
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.DELETE_ORGANISATION);
      // Every change that adds a member or an invitation takes this lock too, so none slips in after the reads below.
      Organisation current = uow.tx.organisations().lock(organisation).orElseThrow(NotFound::organisation);
      uow.require(actor, organisation, Permission.DELETE_ORGANISATION);
      // Cleaned as the name was when it was set (NFC, Unicode white space at the ends), so the same name typed matches.
      if (!current.name().equals(TypedText.clean(confirmation))) {
        throw InvalidInputException.of("confirmation", "does_not_match",
            "type the organisation's name exactly as it is to delete it");
      }
      Organisation deleted = uow.tx.organisations().update(current.delete());
      OrganisationEnding ending = OrganisationEnding.read(uow, organisation);
      ending.end(uow, actor);
      Instant readableUntil = uow.now.plus(context.policy.deletedOrganisationRetention());
      uow.tx.organisations().recordDeletion(
          new OrganisationDeletion(organisation, actor, uow.now, readableUntil, ending.activeOwners()));
      uow.audit(organisation, actor, AuditAction.ORGANISATION_DELETED, Optional.empty(), current.name(), Map.of(
          "members", Integer.toString(ending.members().size()),
          "invitations", Integer.toString(ending.invitations().size()),
          "joinRequests", Integer.toString(ending.joinRequests().size()),
          "auditReadableUntil", readableUntil.toString()));
      for (var member : ending.members()) {
        uow.notify(NotificationType.ORGANISATION_DELETED, organisation, member.account().email(),
            Map.of("organisationName", current.name(), "deletedAt", uow.now.toString()), Optional.empty());
      }
      return deleted;
    });
  }

  /**
   * The deleted organisations whose audit log {@code account} may still read (it was one of their
   * owners when they were deleted, and their retention has not ended), newest deletion first, at most
   * {@value #MAX_DELETED_LISTED}. Each one's log is read through {@code auditLog().list}.
   */
  public List<OrganisationDeletion> deletedOwnedBy(AccountId account) {
    Objects.requireNonNull(account, "account");
    Instant now = context.now();
    return context.read(tx -> tx.organisations().deletionsReadableBy(account, now, MAX_DELETED_LISTED));
  }

  /**
   * Upkeep the host schedules (e.g. daily, on any number of instances at once): purges the data of
   * organisations deleted longer ago than {@link MembershipPolicy#deletedOrganisationRetention()}, in
   * short transactions of at most {@value #PURGE_BATCH} rows each; returns how many rows it deleted.
   * While it answers {@value #PURGE_BATCH} or more, more are waiting: call it again. Accounts are never
   * purged; the organisation's id answers {@code ORGANISATION_NOT_FOUND} afterwards.
   */
  public int purgeDeleted() {
    Instant now = context.now();
    List<OrganisationId> due = context.read(tx -> tx.organisations().deletionsDue(now, PURGE_ORGANISATIONS));
    int purged = 0;
    for (OrganisationId id : due) {
      int budget = PURGE_BATCH - purged;
      if (budget <= 0) {
        break;
      }
      purged += context.store.inTransaction(tx -> tx.organisations().lock(id)
          .filter(o -> !o.isActive())
          .filter(o -> tx.organisations().findDeletion(id).filter(d -> !now.isBefore(d.readableUntil())).isPresent())
          .map(o -> purge(tx, id, budget))
          .orElse(0));
    }
    return purged;
  }

  private static int purge(StoreTransaction tx, OrganisationId id, int budget) {
    // The throttle counter keyed by the organisation is a digest that only the library can name: it
    // goes first (its delete finds nothing on later rounds), then the store's own rows.
    int counters = tx.throttles().delete(List.of(ProbeBounds.existenceAnswersOf(id)));
    return counters + tx.organisations().purge(id, budget - counters);
  }

  /**
   * The organisation, as seen by one of its active members; {@code ORGANISATION_NOT_FOUND} for anyone
   * else, or {@code ORGANISATION_DELETED} once it was deleted (until it is purged).
   */
  public Organisation get(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> tx.memberships().findAccess(organisation, actor)
        .filter(a -> a.isEffective())
        .map(a -> a.organisation())
        .orElseThrow(() -> tx.organisations().find(organisation).filter(o -> !o.isActive()).isPresent()
            ? Context.organisationDeleted()
            : NotFound.organisation()));
  }

  /**
   * "Who am I": the organisations the account belongs to (active or deactivated there), with its role
   * and whether it is an administrator, ordered by organisation name.
   */
  public Page<AccountOrganisation> of(AccountId account, PageRequest page) {
    return context.read(tx -> tx.reads().organisationsOf(account, page.requireForward()));
  }

  /**
   * The account's place in one organisation, as the header shows it (name, role, Admin badge), in one
   * read; empty if it is not a live member there or the organisation was deleted.
   */
  public Optional<AccountOrganisation> of(AccountId account, OrganisationId organisation) {
    return context.read(tx -> tx.memberships().findAccess(organisation, account))
        .filter(access -> access.organisation().isActive())
        .map(access -> new AccountOrganisation(access.organisation(), access.membership(), access.role()));
  }

  /**
   * Active organisations that chose to be {@linkplain #setDiscoverable discoverable}, whose name
   * contains {@code text} (ignoring case), for "find an organisation to join". Needs no account. The
   * text follows the rules of {@link TypedText} (field {@code text}) and must hold at least {@value
   * MembershipPolicy#MIN_ORGANISATION_SEARCH_LENGTH} characters once cleaned, else {@code
   * INVALID_INPUT} with field {@code text}, reason {@code too_short}.
   */
  public Page<Organisation> search(String text, PageRequest page) {
    Objects.requireNonNull(page, "page");
    String query = TypedText.search("text", text, MembershipPolicy.MAX_ORGANISATION_NAME_LENGTH);
    if (query.codePointCount(0, query.length()) < MembershipPolicy.MIN_ORGANISATION_SEARCH_LENGTH) {
      throw InvalidInputException.of("text", "too_short",
          "must hold at least " + MembershipPolicy.MIN_ORGANISATION_SEARCH_LENGTH + " characters");
    }
    return context.read(tx -> tx.reads().searchOrganisations(query, page.requireForward()));
  }

  /**
   * A name follows the rules of {@link TypedText}: cleaned, at most {@value
   * MembershipPolicy#MAX_ORGANISATION_NAME_LENGTH} characters.
   */
  static String checkName(String name) {
    return TypedText.name("name", name, MembershipPolicy.MAX_ORGANISATION_NAME_LENGTH);
  }
}
