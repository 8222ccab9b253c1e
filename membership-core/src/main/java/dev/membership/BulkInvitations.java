package dev.membership;

import dev.membership.BulkInvitationResult.Invited;
import dev.membership.BulkInvitationResult.Outcome;
import dev.membership.BulkInvitationResult.Refused;
import dev.membership.BulkInvitationResult.Withheld;
import dev.membership.command.BulkInvite;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidInputException;
import dev.membership.error.MembershipException;
import dev.membership.internal.Context;
import dev.membership.internal.Guard;
import dev.membership.internal.NotFound;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.MemberAccess;
import dev.membership.spi.StoreTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Invitations#inviteAll}: the input checked without the store, then the actor, organisation,
 * roles and inviter's name read once, then each invitation written as a single {@code invite} would
 * write it (the same checks, audit entry and e-mail), in one transaction per invitation or one for all.
 */
final class BulkInvitations {
  /** The observed outcome of a call that sent some invitations, or none, but not all. */
  static final String REFUSED_IN_PART = "REFUSED_IN_PART";

  private final Context context;
  private final Invitations invitations;

  BulkInvitations(Context context, Invitations invitations) {
    this.context = context;
    this.invitations = invitations;
  }

  /** One invitation that passed the checks made without the store. */
  private record Item(int index, String given, EmailAddress email, Invite invite) {}

  /** What a call reads once: the actor's access, the inviter's name, and the roles its invitations name. */
  private record Once(MemberAccess access, String inviterName, Map<RoleId, Optional<Role>> roles) {}

  /** Thrown inside the all-or-nothing transaction to roll it back, carrying the outcomes. */
  private static final class RolledBack extends RuntimeException {
    private final transient Outcome[] outcomes;

    RolledBack(Outcome[] outcomes) {
      super("a bulk invitation was refused in part; nothing was written", null, false, false);
      this.outcomes = outcomes;
    }
  }

  BulkInvitationResult inviteAll(AccountId actor, OrganisationId organisation, BulkInvite command) {
    if (command == null || command.invitations() == null) {
      throw InvalidInputException.of("invitations", "required", "is required");
    }
    List<Invite> given = command.invitations();
    int limit = context.policy.bulkInvitationLimit();
    if (given.isEmpty()) {
      throw InvalidInputException.of("invitations", "empty", "must name at least one address");
    }
    if (given.size() > limit) {
      throw InvalidInputException.of("invitations", "too_many", "may name at most " + limit + " addresses");
    }
    Outcome[] outcomes = new Outcome[given.size()];
    List<Item> items = checkWithoutStore(given, outcomes);
    return switch (command.mode()) {
      case EACH_ON_ITS_OWN -> eachOnItsOwn(actor, organisation, items, outcomes);
      case ALL_OR_NOTHING -> allOrNothing(actor, organisation, items, outcomes);
    };
  }

  /** Malformed input and repeated addresses, refused at their position before any read. */
  private List<Item> checkWithoutStore(List<Invite> given, Outcome[] outcomes) {
    List<Item> items = new ArrayList<>();
    Set<EmailAddress> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      Invite invite = given.get(i);
      String prefix = "invitations[" + i + "]";
      String text = invite == null || invite.email() == null ? "" : invite.email().strip();
      try {
        context.validator.check(prefix, invite);
      } catch (InvalidInputException e) {
        List<FieldViolation> fields = e.fields().stream()
            .map(f -> f.field().equals(prefix) ? f : new FieldViolation(prefix + "." + f.field(), f.code(), f.message()))
            .toList();
        outcomes[i] = new Refused(i, text, ErrorCode.INVALID_INPUT, fields, messageOf(e));
        continue;
      }
      EmailAddress email = EmailAddress.of(invite.email());
      if (!seen.add(email)) {
        outcomes[i] = new Refused(i, text, ErrorCode.INVALID_INPUT,
            List.of(new FieldViolation(prefix + ".email", "duplicate", "is named earlier in the same list")),
            email + " is named earlier in the same list.");
        continue;
      }
      items.add(new Item(i, text, email, invite));
    }
    return items;
  }

  private Once readOnce(StoreTransaction tx, AccountId actor, OrganisationId organisation, List<Item> items) {
    MemberAccess access = Context.requireIn(tx, actor, organisation, Permission.MANAGE_MEMBERS);
    Map<RoleId, Optional<Role>> roles = new HashMap<>();
    for (Item item : items) {
      roles.computeIfAbsent(item.invite().role(), id -> tx.roles().find(organisation, id));
    }
    String name = tx.accounts().find(actor).map(a -> a.displayName()).orElse("");
    return new Once(access, name, roles);
  }

  private BulkInvitationResult eachOnItsOwn(AccountId actor, OrganisationId organisation, List<Item> items,
      Outcome[] outcomes) {
    Once once = context.read(tx -> readOnce(tx, actor, organisation, items));
    List<UnitOfWork> committed = new ArrayList<>();
    try {
      for (Item item : items) {
        try {
          Invitation invitation = context.writeDeferred(uow -> {
            Organisation org = lockActive(uow, organisation);
            if (invitations.remainingToday(uow, organisation) <= 0) {
              throw invitations.dailyLimitReached();
            }
            return issueOne(uow, org, actor, once, item);
          }, committed);
          outcomes[item.index()] = new Invited(item.index(), item.given(), invitation);
        } catch (MembershipException e) {
          outcomes[item.index()] = refused(item, e);
        }
      }
    } finally {
      context.afterCommits(committed);
    }
    return new BulkInvitationResult(BulkInvite.Mode.EACH_ON_ITS_OWN, Arrays.asList(outcomes));
  }

  private BulkInvitationResult allOrNothing(AccountId actor, OrganisationId organisation, List<Item> items,
      Outcome[] outcomes) {
    boolean refusedBeforeStore = items.size() < outcomes.length;
    try {
      context.write(uow -> {
        Once once = readOnce(uow.tx, actor, organisation, items);
        Organisation org = lockActive(uow, organisation);
        int remaining = invitations.remainingToday(uow, organisation);
        boolean anyRefused = refusedBeforeStore;
        for (Item item : items) {
          // Every check of an invitation runs before its writes, so a refusal leaves the transaction
          // usable and the others are still checked: the caller learns every address at fault at once.
          try {
            if (remaining <= 0) {
              throw invitations.dailyLimitReached();
            }
            Invitation invitation = issueOne(uow, org, actor, once, item);
            remaining--;
            outcomes[item.index()] = new Invited(item.index(), item.given(), invitation);
          } catch (MembershipException e) {
            outcomes[item.index()] = refused(item, e);
            anyRefused = true;
          }
        }
        if (anyRefused) {
          throw new RolledBack(outcomes);
        }
        return null;
      });
    } catch (RolledBack rolledBack) {
      Outcome[] after = rolledBack.outcomes;
      for (int i = 0; i < after.length; i++) {
        if (after[i] instanceof Invited invited) {
          after[i] = new Withheld(invited.index(), invited.email());
        }
      }
      return new BulkInvitationResult(BulkInvite.Mode.ALL_OR_NOTHING, Arrays.asList(after));
    }
    return new BulkInvitationResult(BulkInvite.Mode.ALL_OR_NOTHING, Arrays.asList(outcomes));
  }

  private Invitation issueOne(UnitOfWork uow, Organisation org, AccountId actor, Once once, Item item) {
    Role role = once.roles().getOrDefault(item.invite().role(), Optional.empty()).orElseThrow(NotFound::role);
    Guard.mayGrant(once.access().role(), role);
    return invitations.issue(uow, org, actor, item.email(), role, item.invite().grants(), Optional.empty(),
        Invitations.addressChecks(uow, org.id(), item.email(), once.inviterName()));
  }

  /** The organisation, locked (the daily limit and seats are counted under the lock); refused once deleted. */
  private static Organisation lockActive(UnitOfWork uow, OrganisationId organisation) {
    Organisation org = uow.tx.organisations().lock(organisation).orElseThrow(NotFound::organisation);
    if (!org.isActive()) {
      throw new ConflictException(ErrorCode.ORGANISATION_DELETED, "The organisation was deleted.");
    }
    return org;
  }

  private static Refused refused(Item item, MembershipException e) {
    String prefix = "invitations[" + item.index() + "].";
    List<FieldViolation> fields = e.fields().stream()
        .map(f -> new FieldViolation(prefix + f.field(), f.code(), f.message()))
        .toList();
    return new Refused(item.index(), item.given(), e.code(), fields, messageOf(e));
  }

  private static String messageOf(MembershipException e) {
    return Objects.requireNonNullElse(e.getMessage(), e.code().name());
  }
}
