package dev.membership;

import dev.membership.command.TypedText;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.InvalidInputException;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
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

  /**
   * Deletes the organisation: nobody has access there any more; its history stays. Needs
   * {@link Permission#DELETE_ORGANISATION} (owners only among the built-in roles).
   */
  public Organisation delete(AccountId actor, OrganisationId organisation) {
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.DELETE_ORGANISATION);
      Organisation current = uow.tx.organisations().lock(organisation).orElseThrow(NotFound::organisation);
      Organisation deleted = uow.tx.organisations().update(current.delete());
      uow.audit(organisation, actor, AuditAction.ORGANISATION_DELETED, Optional.empty(), current.name(), Map.of());
      return deleted;
    });
  }

  /** The organisation, as seen by one of its active members. */
  public Organisation get(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> tx.memberships().findAccess(organisation, actor)
        .filter(a -> a.isEffective())
        .map(a -> a.organisation())
        .orElseThrow(NotFound::organisation));
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
