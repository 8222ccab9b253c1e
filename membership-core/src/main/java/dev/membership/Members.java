package dev.membership;

import dev.membership.command.NewAccount;
import dev.membership.command.TypedText;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import dev.membership.internal.Context;
import dev.membership.internal.Guard;
import dev.membership.internal.NotFound;
import dev.membership.internal.OwnerLock;
import dev.membership.internal.ProbeBounds;
import dev.membership.internal.Rules;
import dev.membership.internal.ThrottleGate;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.AccountSummary;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberAction;
import dev.membership.query.MemberCounts;
import dev.membership.query.MemberListing;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.spi.MemberPageView;
import dev.membership.spi.StoreTransaction;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the members page does: list, change role and access, deactivate, reactivate, remove,
 * create accounts directly, and manage the temporary passwords of accounts the organisation created.
 */
public final class Members {
  private final Context context;

  Members(Context context) {
    this.context = context;
  }

  /**
   * Members and pending invitations together, filtered and keyset-paginated. Needs {@code VIEW_MEMBERS}.
   * The search text follows the rules of {@link TypedText} (field {@code text}).
   */
  public Page<MemberRow> list(AccountId actor, OrganisationId organisation, MemberQuery query) {
    checkText(query);
    return context.read(tx -> {
      MemberPageView view = tx.reads().memberPage(actor, organisation, query, context.now());
      Context.requireIn(tx, view.viewer(), organisation, Permission.VIEW_MEMBERS);
      return view.page();
    });
  }

  /**
   * The members page with each row's menu: {@link #list} plus the actions the viewer may take on each
   * row, computed without further reads. Needs {@code VIEW_MEMBERS}.
   */
  public Page<MemberListing> listWithActions(AccountId actor, OrganisationId organisation, MemberQuery query) {
    checkText(query);
    return context.read(tx -> {
      MemberPageView view = tx.reads().memberPage(actor, organisation, query, context.now());
      MemberAccess viewer = Context.requireIn(tx, view.viewer(), organisation, Permission.VIEW_MEMBERS);
      return view.page().map(row -> new MemberListing(row, actionsOn(viewer, row)));
    });
  }

  /**
   * How many active, deactivated and removed members and pending invitations the organisation has:
   * "Members (N)" and the tab counts of the members page, kept by the store with every change (one
   * indexed read, not a count per page). Needs {@code VIEW_MEMBERS}.
   */
  public MemberCounts counts(AccountId actor, OrganisationId organisation) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return tx.reads().memberCounts(organisation);
    });
  }

  /** One member's row as the members page shows it. Needs {@code VIEW_MEMBERS}. */
  public MemberListing get(AccountId actor, OrganisationId organisation, MembershipId member) {
    return context.read(tx -> {
      MemberAccess viewer = Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      Membership membership = tx.memberships().find(organisation, member)
          .orElseThrow(NotFound::member);
      Account account = tx.accounts().find(membership.accountId()).orElseThrow();
      // As the members page shows it: a removed member keeps the id of a custom role deleted since.
      Role role = membership.status().isLive()
          ? tx.roles().find(organisation, membership.roleId()).orElseThrow(NotFound::role)
          : tx.roles().find(organisation, membership.roleId()).orElseGet(() -> Role.deleted(organisation, membership.roleId()));
      MemberRow row = new MemberRow.Member(membership, AccountSummary.of(account), role);
      return new MemberListing(row, actionsOn(viewer, row));
    });
  }

  private static void checkText(MemberQuery query) {
    Objects.requireNonNull(query, "query");
    query.text().ifPresent(text -> TypedText.search("text", text, MembershipPolicy.MAX_MEMBER_SEARCH_LENGTH));
  }

  static Set<MemberAction> actionsOn(MemberAccess viewer, MemberRow row) {
    Role mine = viewer.role();
    if (!viewer.allows(Permission.MANAGE_MEMBERS) || !mine.covers(row.role())) {
      return Set.of();
    }
    Set<MemberAction> actions = EnumSet.noneOf(MemberAction.class);
    switch (row) {
      case MemberRow.Invited invited -> {
        actions.add(MemberAction.RESEND_INVITATION);
        actions.add(MemberAction.CANCEL_INVITATION);
      }
      case MemberRow.Member member -> {
        Membership m = member.membership();
        boolean self = m.accountId().equals(viewer.membership().accountId());
        switch (m.status()) {
          case ACTIVE -> {
            actions.add(MemberAction.CHANGE_ROLE);
            actions.add(MemberAction.MANAGE_ACCESS);
            if (!self) {
              actions.add(MemberAction.DEACTIVATE);
              actions.add(MemberAction.REMOVE);
            }
            if (m.origin() == MembershipOrigin.CREATED_BY_ADMIN && !self && !member.account().choseOwnPassword()) {
              actions.add(MemberAction.CHANGE_PASSWORD);
              actions.add(MemberAction.RESEND_CREDENTIALS);
            }
          }
          case DEACTIVATED -> {
            actions.add(MemberAction.REACTIVATE);
            actions.add(MemberAction.REMOVE);
          }
          case REMOVED -> { }
        }
      }
    }
    return actions;
  }

  /** The live membership of an account in the organisation, as seen by someone who may view members. */
  public Optional<Membership> find(AccountId actor, OrganisationId organisation, AccountId member) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return tx.memberships().findLive(organisation, member);
    });
  }

  /**
   * Gives an active member another role. The actor must be able to change the member and to give the
   * new role; the last active owner cannot be demoted.
   */
  public Membership changeRole(AccountId actor, OrganisationId organisation, MembershipId member, RoleId newRole) {
    Objects.requireNonNull(newRole, "newRole");
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = activeMember(uow, organisation, member);
      Role current = uow.role(organisation, target.roleId());
      Role next = uow.role(organisation, newRole);
      Guard.mayManage(access.role(), current);
      Guard.mayGrant(access.role(), next);
      if (current.id().equals(next.id())) {
        return target;
      }
      target = activeMember(OwnerLock.before(uow, organisation, actor, Optional.of(Permission.MANAGE_MEMBERS), target,
          OwnerLock.Change.gives(next)));
      Membership changed = uow.tx.memberships().update(target.withRole(next.id(), uow.now));
      uow.audit(organisation, actor, AuditAction.MEMBER_ROLE_CHANGED, Optional.of(target.accountId()),
          subject(uow, target), Map.of("from", current.name(), "to", next.name()));
      return changed;
    });
  }

  /** Grants an entitlement the organisation holds to an active member, if a seat is free. */
  public Membership grantAccess(AccountId actor, OrganisationId organisation, MembershipId member, EntitlementKey entitlement) {
    Objects.requireNonNull(entitlement, "entitlement");
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = activeMember(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      if (target.grants().contains(entitlement)) {
        return target;
      }
      Rules.requireSeats(uow, organisation, Set.of(entitlement));
      Set<EntitlementKey> grants = new HashSet<>(target.grants());
      grants.add(entitlement);
      Membership changed = uow.tx.memberships().update(target.withGrants(grants, uow.now));
      uow.audit(organisation, actor, AuditAction.MEMBER_ACCESS_GRANTED, Optional.of(target.accountId()),
          subject(uow, target), Map.of("entitlement", entitlement.value()));
      return changed;
    });
  }

  /**
   * Sets an active member's application access to exactly {@code entitlements}, all or nothing: the
   * ones added need free seats, the ones left out are revoked.
   */
  public Membership setAccess(AccountId actor, OrganisationId organisation, MembershipId member,
      Set<EntitlementKey> entitlements) {
    Set<EntitlementKey> wanted = Set.copyOf(entitlements);
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = activeMember(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      if (target.grants().equals(wanted)) {
        return target;
      }
      Set<EntitlementKey> added = new TreeSet<>(wanted);
      added.removeAll(target.grants());
      Set<EntitlementKey> removed = new TreeSet<>(target.grants());
      removed.removeAll(wanted);
      Rules.requireSeats(uow, organisation, added);
      Membership changed = uow.tx.memberships().update(target.withGrants(wanted, uow.now));
      String subject = subject(uow, target);
      for (EntitlementKey key : added) {
        uow.audit(organisation, actor, AuditAction.MEMBER_ACCESS_GRANTED, Optional.of(target.accountId()), subject,
            Map.of("entitlement", key.value()));
      }
      for (EntitlementKey key : removed) {
        uow.audit(organisation, actor, AuditAction.MEMBER_ACCESS_REVOKED, Optional.of(target.accountId()), subject,
            Map.of("entitlement", key.value()));
      }
      return changed;
    });
  }

  /** Takes an entitlement away from an active member. */
  public Membership revokeAccess(AccountId actor, OrganisationId organisation, MembershipId member, EntitlementKey entitlement) {
    Objects.requireNonNull(entitlement, "entitlement");
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = activeMember(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      if (!target.grants().contains(entitlement)) {
        return target;
      }
      Set<EntitlementKey> grants = new HashSet<>(target.grants());
      grants.remove(entitlement);
      Membership changed = uow.tx.memberships().update(target.withGrants(grants, uow.now));
      uow.audit(organisation, actor, AuditAction.MEMBER_ACCESS_REVOKED, Optional.of(target.accountId()),
          subject(uow, target), Map.of("entitlement", entitlement.value()));
      return changed;
    });
  }

  /**
   * Deactivates a member: the membership stays, every permission and grant stops at once, and what
   * the member had is stored so that {@link #reactivate} restores exactly that. The last active owner
   * cannot be deactivated. (For a pending invitation, cancel it instead.)
   */
  public Membership deactivate(AccountId actor, OrganisationId organisation, MembershipId member) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = Rules.membership(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      target = OwnerLock.before(uow, organisation, actor, Optional.of(Permission.MANAGE_MEMBERS), target,
          OwnerLock.Change.ends());
      Membership changed = uow.tx.memberships().update(target.deactivate(uow.now));
      uow.audit(organisation, actor, AuditAction.MEMBER_DEACTIVATED, Optional.of(target.accountId()),
          subject(uow, target), Map.of());
      return changed;
    });
  }

  /** Reactivates a deactivated member with exactly the role and grants it had, seats permitting. */
  public Membership reactivate(AccountId actor, OrganisationId organisation, MembershipId member) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = Rules.membership(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      target = OwnerLock.before(uow, organisation, actor, Optional.of(Permission.MANAGE_MEMBERS), target,
          OwnerLock.Change.restores());
      Membership restored = target.reactivate(uow.now);
      Rules.requireSeatsToRestore(uow, organisation, restored.grants());
      Membership changed = uow.tx.memberships().update(restored);
      uow.audit(organisation, actor, AuditAction.MEMBER_REACTIVATED, Optional.of(target.accountId()),
          subject(uow, target), Map.of());
      return changed;
    });
  }

  /**
   * Removes a member: access and grants are gone, the membership stays as history, and the person
   * can be invited again later. The {@code MEMBER_REMOVED} event lets the host hand their work on.
   */
  public Membership remove(AccountId actor, OrganisationId organisation, MembershipId member) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Membership target = Rules.membership(uow, organisation, member);
      Guard.mayManage(access.role(), uow.role(organisation, target.roleId()));
      target = OwnerLock.before(uow, organisation, actor, Optional.of(Permission.MANAGE_MEMBERS), target,
          OwnerLock.Change.ends());
      Membership changed = uow.tx.memberships().update(target.remove(uow.now));
      uow.audit(organisation, actor, AuditAction.MEMBER_REMOVED, Optional.of(target.accountId()),
          subject(uow, target), Map.of());
      return changed;
    });
  }

  /**
   * The account leaves the organisation by itself; the last active owner cannot. {@code ORGANISATION_DELETED}
   * once the organisation was deleted.
   */
  public Membership leave(AccountId account, OrganisationId organisation) {
    return context.write(uow -> {
      uow.tx.accounts().find(account).ifPresent(Context::requireOwnPassword);
      Membership own = uow.tx.memberships().findLive(organisation, account).orElseThrow(() ->
          uow.tx.organisations().find(organisation).filter(o -> !o.isActive()).isPresent()
              ? Context.organisationDeleted() // its deletion removed every membership: say so, as every command does
              : new NotFoundException(ErrorCode.MEMBER_NOT_FOUND, "You are not a member of this organisation."));
      own = OwnerLock.before(uow, organisation, account, Optional.empty(), own, OwnerLock.Change.ends());
      Membership changed = uow.tx.memberships().update(own.remove(uow.now));
      uow.audit(organisation, account, AuditAction.MEMBER_LEFT, Optional.of(account), subject(uow, own), Map.of());
      return changed;
    });
  }

  /**
   * "Create user directly": makes an account with a temporary password (the admin's, or a generated
   * one) and an active membership. The password is returned once and never stored; the person must
   * change it at first sign-in. An address that already has an account is refused: invite it instead
   * ({@code ACCOUNT_EXISTS_INVITE_INSTEAD}).
   *
   * <p>That refusal tells whether a person has an account, and writes nothing else anywhere, so it is
   * bounded: an organisation gets it at most {@code
   * MembershipPolicy.SignUpRules.existenceAnswersPerOrganisationPerDay} times a day, and so does the
   * acting account over all the organisations it acts in ({@code existenceAnswersPerAccountPerDay}),
   * since anyone can found organisations. The answers are counted on the store's throttle counters
   * (the refused command itself writes nothing). Beyond either bound, "create user directly" is refused
   * for every address, with or without an account ({@code ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED}), until
   * 24 hours after the first answer of that day; invitations still work. Creating an account for a free
   * address is no silent probe: it makes the account and e-mails the person, in the audit log.
   */
  public CreatedMember createDirectly(AccountId actor, OrganisationId organisation, NewAccount command) {
    context.validator.check("account", command);
    EmailAddress email = EmailAddress.of(command.email());
    String displayName = command.displayName();
    // Check cheaply before spending ~20 ms on a hash; the write below checks everything again. An
    // address with an account is answered here, and the answer counted, in this one short transaction.
    Optional<ConflictException> answered = ThrottleGate.inShortTransaction(context.store, tx -> {
      MemberAccess access = Context.requireIn(tx, actor, organisation, Permission.MANAGE_MEMBERS);
      Role role = tx.roles().find(organisation, command.role()).orElseThrow(NotFound::role);
      Guard.mayGrant(access.role(), role);
      Instant now = context.now();
      ProbeBounds.ExistenceAnswerCounters counters = context.bounds.lockExistenceAnswers(tx, organisation, actor, now);
      return tx.accounts().findByEmail(email).isPresent()
          ? Optional.of(context.bounds.countExistenceAnswer(tx, counters, now))
          : Optional.<ConflictException>empty();
    });
    if (answered.isPresent()) {
      throw answered.get();
    }
    Password password = command.password().orElseGet(context.secrets::temporaryPassword);
    command.password().ifPresent(p -> context.passwords.check("password", p, email));
    PasswordHash hash = context.hasher.hash(password);
    try {
      return create(actor, organisation, command, email, displayName, password, hash);
    } catch (ConflictException e) {
      if (e.code() == ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD) {
        throw context.bounds.existenceAnswer(organisation, actor); // an account appeared while hashing: counted too
      }
      throw e;
    }
  }

  private CreatedMember create(AccountId actor, OrganisationId organisation, NewAccount command, EmailAddress email,
      String displayName, Password password, PasswordHash hash) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Role role = uow.role(organisation, command.role());
      Guard.mayGrant(access.role(), role);
      uow.lockActive(organisation); // a deletion at the same moment: one waits for the other
      if (uow.tx.accounts().findByEmail(email).isPresent()) {
        throw accountExists();
      }
      // Every read before the first write, so that the store can send the writes together.
      // The person is being added directly: an invitation still pending for the address is moot, and its
      // link must not stay alive (nor hold seats).
      Optional<Invitation> pending = uow.tx.invitations().findPending(organisation, email);
      String inviter = inviterName(uow, actor);
      Account account = Account.createdByAdmin(email, displayName, hash, organisation,
          uow.now.plus(context.policy.temporaryPasswordTtl()), uow.now);
      uow.tx.accounts().insert(account);
      if (pending.isPresent()) {
        uow.tx.invitations().update(pending.get().cancel(uow.now));
        uow.audit(organisation, actor, AuditAction.INVITATION_CANCELLED, Optional.of(account.id()), email.value(),
            Map.of("reason", "created directly"));
      }
      Rules.requireSeats(uow, organisation, command.grants());
      Membership membership = Membership.start(organisation, account.id(), role.id(), command.grants(),
          MembershipOrigin.CREATED_BY_ADMIN, uow.now);
      uow.tx.memberships().insert(membership);
      uow.audit(organisation, actor, AuditAction.MEMBER_CREATED_BY_ADMIN, Optional.of(account.id()), email.value(),
          Map.of("role", role.name(), "grants", Rules.describe(command.grants())));
      uow.notify(NotificationType.ACCOUNT_CREATED, organisation, email,
          Map.of("organisationName", access.organisation().name(), "displayName", displayName,
              "inviterName", inviter),
          Optional.empty());
      return new CreatedMember(account, membership, password);
    });
  }

  /**
   * "Resend credentials": a new temporary password for an account this organisation created and
   * nobody else shares; the old one stops working at once. Returned once. Besides the audit entry,
   * the account's history gets a {@code CREDENTIALS_RESET} event that ends all its sessions.
   */
  public Password resendCredentials(AccountId actor, OrganisationId organisation, MembershipId member) {
    return setTemporaryPassword(actor, organisation, member, Optional.empty(), AuditAction.MEMBER_CREDENTIALS_RESENT);
  }

  /**
   * An admin's "change password" for an account this organisation created and nobody else shares.
   * The password is temporary: the person must choose their own at the next sign-in. Like
   * {@link #resendCredentials}, it records {@code CREDENTIALS_RESET} in the account's history.
   */
  public Password changePassword(AccountId actor, OrganisationId organisation, MembershipId member, Password password) {
    Objects.requireNonNull(password, "password");
    return setTemporaryPassword(actor, organisation, member, Optional.of(password),
        AuditAction.MEMBER_PASSWORD_CHANGED_BY_ADMIN);
  }

  private Password setTemporaryPassword(AccountId actor, OrganisationId organisation, MembershipId member,
      Optional<Password> chosen, AuditAction action) {
    Account target = context.read(tx -> managedAccount(tx, actor, organisation, member));
    chosen.ifPresent(p -> context.passwords.check("password", p, target.email()));
    Password password = chosen.orElseGet(context.secrets::temporaryPassword);
    PasswordHash hash = context.hasher.hash(password);
    context.write(uow -> {
      // An owner whose password becomes temporary no longer counts as another owner (Rules.requireAnotherOwner):
      // lock the organisation as leaving, demoting and removing an owner do, so that the founder cannot
      // reset the only other owner and leave at the same moment, leaving nobody who can act.
      uow.tx.organisations().lock(organisation);
      Account account = managedAccount(uow.tx, actor, organisation, member);
      Instant expiresAt = uow.now.plus(context.policy.temporaryPasswordTtl());
      uow.tx.accounts().update(account.withTemporaryPassword(hash, expiresAt));
      uow.audit(organisation, actor, action, Optional.of(account.id()), account.email().value(), Map.of());
      // The account's side of it, which tells the host to end every session opened with the old password.
      uow.accountEvent(account.id(), actor, Optional.of(organisation), AccountEventType.CREDENTIALS_RESET,
          Map.of("auditAction", action.name(), "temporaryPasswordExpiresAt", expiresAt.toString()));
      return null;
    });
    return password;
  }

  private static Account managedAccount(StoreTransaction tx, AccountId actor,
      OrganisationId organisation, MembershipId member) {
    MemberAccess access = Context.requireIn(tx, actor, organisation, Permission.MANAGE_MEMBERS);
    Membership target = tx.memberships().find(organisation, member)
        .filter(m -> m.status().isLive())
        .orElseThrow(NotFound::member);
    Guard.mayManage(access.role(), tx.roles().find(organisation, target.roleId()).orElseThrow(NotFound::role));
    Account account = tx.accounts().find(target.accountId()).orElseThrow();
    if (!account.createdByOrganisation().equals(Optional.of(organisation))
        || tx.memberships().hasLiveOutside(account.id(), organisation)) {
      throw new ConflictException(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          "Only the person can change this password: the account was not created by this organisation, "
              + "or it belongs to another organisation too.");
    }
    if (account.credentialState() == CredentialState.PERSONAL) {
      throw new ConflictException(ErrorCode.PASSWORD_CHOSEN_BY_PERSON,
          "The person has chosen a password of their own: only they can change it.");
    }
    return account;
  }

  private static Membership activeMember(UnitOfWork uow, OrganisationId organisation, MembershipId member) {
    return activeMember(Rules.membership(uow, organisation, member));
  }

  private static Membership activeMember(Membership target) {
    if (!target.isActive()) {
      throw new ConflictException(ErrorCode.MEMBER_NOT_ACTIVE, "The member is not active; reactivate them first.");
    }
    return target;
  }

  private static String subject(UnitOfWork uow, Membership membership) {
    return uow.tx.accounts().find(membership.accountId()).map(a -> a.email().value()).orElse(membership.accountId().toString());
  }

  private static String inviterName(UnitOfWork uow, AccountId actor) {
    return uow.tx.accounts().find(actor).map(Account::displayName).orElse("");
  }


  private static ConflictException accountExists() {
    return new ConflictException(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD,
        "This e-mail address already has an account: invite the person instead; only they can set their password.");
  }
}
