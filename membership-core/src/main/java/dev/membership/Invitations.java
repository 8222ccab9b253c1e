package dev.membership;

import dev.membership.command.BulkInvite;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.DomainName;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.NotFoundException;
import dev.membership.internal.Context;
import dev.membership.internal.Guard;
import dev.membership.internal.NotFound;
import dev.membership.internal.ObservedCommands;
import dev.membership.internal.Rules;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.MemberAccess;
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.CommandObserver;
import dev.membership.spi.InvitationChecks;
import dev.membership.spi.StoreTransaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Invitations by e-mail link: invite, resend, cancel, preview and accept. The raw token exists only
 * in the link sent to the invitee; the library keeps its SHA-256.
 */
public final class Invitations {
  private static final Duration DAY = Duration.ofDays(1);

  private final Context context;

  Invitations(Context context) {
    this.context = context;
  }

  /**
   * Invites an address with a role and application access; the invitation is pending and the invitee
   * is sent an e-mail with the link. Refused for an active or deactivated member, and while another
   * invitation to the same address is pending. Needs {@code MANAGE_MEMBERS}, and the actor must be
   * able to give the role.
   *
   * <p>Nothing an organisation can read says whether the address has an account until the invitation
   * is accepted: the audit entries of sending, resending, cancelling and expiring name the address
   * only (no subject account), and the members page shows the invitation's address, role and badge.
   */
  public Invitation invite(AccountId actor, OrganisationId organisation, Invite command) {
    context.validator.check("invite", command);
    EmailAddress email = EmailAddress.of(command.email());
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Role role = uow.role(organisation, command.role());
      Guard.mayGrant(access.role(), role);
      InvitationChecks checks = lockAndCheck(uow, organisation, email, actor);
      return issue(uow, access.organisation(), actor, email, role, command.grants(), Optional.empty(), checks);
    });
  }

  /**
   * Invites many addresses in one call ({@link BulkInvite}: a CSV upload), each with its own role and
   * access, and answers each one's outcome at its position: {@link BulkInvitationResult.Invited},
   * {@link BulkInvitationResult.Refused} with the code and fields a single {@link #invite} would have
   * thrown (a malformed address, the same address twice in the call, already a member, an invitation
   * pending, seats taken, the daily limit...), or, in {@link BulkInvite.Mode#ALL_OR_NOTHING} when
   * another was refused, {@link BulkInvitationResult.Withheld}.
   *
   * <p>{@link BulkInvite.Mode#EACH_ON_ITS_OWN} writes each invitation in its own transaction, so one
   * refused changes nothing for the others; {@link BulkInvite.Mode#ALL_OR_NOTHING} writes them in one
   * transaction and, if any is refused, writes nothing at all (no invitation, audit entry or e-mail).
   * E-mails leave only for committed invitations, through the outbox, once the call has finished.
   *
   * <p>The actor's access, the organisation, the roles and the inviter's name are read once per call,
   * not per address. Refused as a whole, with nothing written: no {@code MANAGE_MEMBERS} ({@code
   * PERMISSION_DENIED}), more than {@link MembershipPolicy#bulkInvitationLimit()} invitations or none
   * ({@code INVALID_INPUT} on field {@code invitations}, code {@code too_many} or {@code empty}).
   */
  public BulkInvitationResult inviteAll(AccountId actor, OrganisationId organisation, BulkInvite command) {
    // Observed as one command, however many transactions it runs; "REFUSED_IN_PART" when not all were sent.
    return ObservedCommands.of(context.store).observe("invitations.inviteAll",
        () -> new BulkInvitations(context, this).inviteAll(actor, organisation, command),
        result -> result.allInvited() ? CommandObserver.OK : BulkInvitations.REFUSED_IN_PART);
  }

  /**
   * At most {@link MembershipPolicy#invitationsPerDay()} invitation e-mails per organisation in any 24
   * hours, counted on the outbox's invitation notifications, so nobody mail-bombs addresses in an
   * organisation's name. The organisation row is locked first, so that two invitations at once at the
   * limit cannot both pass; the count reads at most the limit's number of index entries.
   */
  void requireWithinDailyLimit(UnitOfWork uow, OrganisationId organisation) {
    uow.lockActive(organisation);
    if (remainingToday(uow, organisation) <= 0) {
      throw dailyLimitReached();
    }
  }

  /**
   * How many more invitation e-mails the organisation may send in the current 24 hours; call with its
   * row locked.
   */
  int remainingToday(UnitOfWork uow, OrganisationId organisation) {
    int limit = context.policy.invitationsPerDay();
    return limit - uow.tx.outbox().countWritten(organisation, NotificationType.INVITATION, uow.now.minus(DAY), limit);
  }

  ConflictException dailyLimitReached() {
    int limit = context.policy.invitationsPerDay();
    return new ConflictException(ErrorCode.INVITATION_LIMIT_REACHED,
        "This organisation sent " + limit + " invitations in the last 24 hours, as many as it may; try again later.");
  }

  /**
   * Locks the organisation's row, then reads in one go what inviting {@code email} checks ({@link
   * dev.membership.spi.AdmissionReads#invitationChecks}), refusing at the daily limit; shared with
   * join-request approval.
   */
  InvitationChecks lockAndCheck(UnitOfWork uow, OrganisationId organisation, EmailAddress email, AccountId inviter) {
    uow.lockActive(organisation); // a deletion committed while this waited answers ORGANISATION_DELETED
    int limit = context.policy.invitationsPerDay();
    InvitationChecks checks = uow.tx.admissions().invitationChecks(organisation, email, inviter, uow.now.minus(DAY), limit);
    if (limit - checks.invitationsSince() <= 0) {
      throw dailyLimitReached();
    }
    return checks;
  }

  /**
   * The address's checks alone (the daily count is the caller's), port by port: a bulk invitation's
   * per address, with the inviter's name it read once.
   */
  static InvitationChecks addressChecks(UnitOfWork uow, OrganisationId organisation, EmailAddress email,
      String inviterName) {
    boolean live = uow.tx.accounts().findByEmail(email)
        .flatMap(account -> uow.tx.memberships().findLive(organisation, account.id()))
        .isPresent();
    return new InvitationChecks(0, live, uow.tx.invitations().findPending(organisation, email), inviterName);
  }

  /**
   * Issues an invitation inside an open unit of work, with what {@link #lockAndCheck} read (or a bulk
   * invitation: the organisation and the inviter's name read once, the address's checks per address).
   */
  Invitation issue(UnitOfWork uow, Organisation org, AccountId actor, EmailAddress email, Role role,
      Set<EntitlementKey> grants, Optional<JoinRequestId> joinRequest, InvitationChecks checks) {
    OrganisationId organisation = org.id();
    String inviterName = checks.inviterName();
    if (checks.addressIsLiveMember()) {
      throw new ConflictException(ErrorCode.ALREADY_MEMBER,
          email + " is already a member of this organisation (reactivate them if they are deactivated).");
    }
    Optional<Invitation> pending = checks.pending();
    if (pending.isPresent()) {
      if (pending.get().isOpenAt(uow.now)) {
        throw new ConflictException(ErrorCode.INVITATION_ALREADY_PENDING,
            "An invitation to " + email + " is already pending: resend it instead.");
      }
      uow.tx.invitations().update(pending.get().replace(uow.now));
      uow.audit(organisation, actor, AuditAction.INVITATION_EXPIRED, Optional.empty(), email.value(), Map.of());
    }
    Rules.requireSeats(uow, organisation, grants);
    String token = context.secrets.invitationToken();
    Invitation invitation = Invitation.issue(organisation, email, role.id(), grants, TokenHash.of(token),
        uow.now.plus(context.policy.invitationTtl()), actor, joinRequest, uow.now);
    uow.tx.invitations().insert(invitation);
    // No subject account, even when the address has one: whoever reads the audit log would learn
    // from it whether an address has an account. The invitation names its account once accepted.
    uow.audit(organisation, actor, AuditAction.INVITATION_SENT, Optional.empty(), email.value(),
        Map.of("role", role.name(), "grants", Rules.describe(grants)));
    send(uow, org, invitation, role, inviterName, token);
    return invitation;
  }

  /**
   * Sends the invitation again with a new link; the old link stops working and the expiry is renewed.
   * An invitation is sent at most {@value MembershipPolicy#MAX_SENDS_PER_INVITATION} times ({@code
   * INVITATION_SEND_LIMIT_REACHED}).
   * Works on a pending invitation whether it expired or not; one accepted or cancelled (or closed by
   * a new invitation to the address) answers {@code INVITATION_ALREADY_ACCEPTED} or {@code
   * INVITATION_ALREADY_CANCELLED}.
   */
  public Invitation resend(AccountId actor, OrganisationId organisation, InvitationId id) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Invitation invitation = find(uow.tx, organisation, id);
      InvitationStatus.TRANSITIONS.require(invitation.status(), InvitationStatus.PENDING);
      Role role = uow.role(organisation, invitation.roleId());
      Guard.mayGrant(access.role(), role);
      if (invitation.sendCount() >= MembershipPolicy.MAX_SENDS_PER_INVITATION) {
        throw new ConflictException(ErrorCode.INVITATION_SEND_LIMIT_REACHED,
            "This invitation was sent " + MembershipPolicy.MAX_SENDS_PER_INVITATION
                + " times already: cancel it and invite again if it is still wanted.");
      }
      requireWithinDailyLimit(uow, organisation);
      if (!invitation.isOpenAt(uow.now)) {
        // An expired invitation gave its seats back; renewing it takes them again.
        Rules.requireSeats(uow, organisation, invitation.grants());
      }
      String inviter = inviterName(uow, actor);
      String token = context.secrets.invitationToken();
      Invitation resent = uow.tx.invitations().update(
          invitation.resend(TokenHash.of(token), uow.now.plus(context.policy.invitationTtl()), actor, uow.now));
      uow.audit(organisation, actor, AuditAction.INVITATION_RESENT, Optional.empty(), invitation.email().value(),
          Map.of("sendCount", Integer.toString(resent.sendCount())));
      send(uow, access.organisation(), resent, role, inviter, token);
      return resent;
    });
  }

  /**
   * Cancels (withdraws) a pending invitation, expired or not; its link stops working. One accepted or
   * cancelled already answers {@code INVITATION_ALREADY_ACCEPTED} or {@code INVITATION_ALREADY_CANCELLED}.
   */
  public Invitation cancel(AccountId actor, OrganisationId organisation, InvitationId id) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.MANAGE_MEMBERS);
      Invitation invitation = find(uow.tx, organisation, id);
      Guard.mayGrant(access.role(), uow.role(organisation, invitation.roleId()));
      Invitation cancelled = uow.tx.invitations().update(invitation.cancel(uow.now));
      uow.audit(organisation, actor, AuditAction.INVITATION_CANCELLED, Optional.empty(), invitation.email().value(),
          Map.of());
      return cancelled;
    });
  }

  /** An invitation of the organisation, as seen by someone who may view members. */
  public Invitation get(AccountId actor, OrganisationId organisation, InvitationId id) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.VIEW_MEMBERS);
      return find(tx, organisation, id);
    });
  }

  /** What the link's page shows; looking never consumes the invitation. Empty for an unknown token. */
  public Optional<InvitationPreview> preview(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    TokenHash hash = TokenHash.of(token);
    return context.read(tx -> tx.invitations().findByTokenHash(hash).map(invitation -> {
      Organisation organisation = tx.organisations().find(invitation.organisationId()).orElseThrow();
      String inviter = tx.accounts().find(invitation.invitedBy()).map(Account::displayName).orElse("");
      InvitationStatus status = organisation.isActive() ? invitation.statusAt(context.now()) : InvitationStatus.CANCELLED;
      Optional<Role> offered = tx.roles().find(invitation.organisationId(), invitation.roleId());
      if (status == InvitationStatus.PENDING && !offered.map(r -> inviterStillGives(
          tx.memberships().findAccess(invitation.organisationId(), invitation.invitedBy()), invitation, r)).orElse(false)) {
        status = InvitationStatus.CANCELLED; // accepting would be refused: say so before the person tries
      }
      List<String> access = invitation.grants().isEmpty() ? List.of() : tx.entitlements().list(invitation.organisationId())
          .stream().filter(e -> invitation.grants().contains(e.key())).map(e -> e.name()).sorted().toList();
      String roleName = offered.map(Role::name).orElse("");
      return new InvitationPreview(organisation.id(), organisation.name(), invitation.email(), roleName, inviter,
          status, invitation.expiresAt(), tx.accounts().findByEmail(invitation.email()).filter(a -> !a.isClaimable()).isPresent(),
          access);
    }));
  }

  /**
   * The signed-in {@code account} accepts; it must be the invited address. Makes the member active
   * with the invited role and access, and tells the organisation's administrators.
   */
  public Membership accept(AccountId account, String token) {
    Objects.requireNonNull(account, "account");
    TokenHash hash = hashOf(token);
    return context.write(uow -> {
      Invitation invitation = open(uow, hash);
      Organisation org = uow.lockActive(invitation.organisationId());
      AcceptanceChecks checks = acceptanceChecks(uow, invitation, account);
      Account accepting = Context.requireOwnPassword(checks.account().orElseThrow(NotFound::account));
      if (!accepting.email().equals(invitation.email())) {
        throw new ConflictException(ErrorCode.INVITATION_FOR_ANOTHER_ACCOUNT,
            "This invitation was sent to another e-mail address; sign in as that address to accept it.");
      }
      return complete(uow, org, invitation, accepting, checks);
    });
  }

  /**
   * A person without an account accepts: they choose their own name and password (the admin never
   * sees it), and get an account and an active membership.
   *
   * <p>If an organisation's admin created an account for the address directly, the link (which only
   * the address's owner receives) lets the person claim it: the name and password become theirs and
   * no organisation can set its credentials any more. This is what stops anyone from squatting an
   * address by creating it directly in an organisation of their own. An account the person registered
   * themselves is never taken over this way: they sign in and accept. A claim is recorded in the
   * account's history ({@code ACCOUNT_CLAIMED}), which tells the host to end all its sessions.
   *
   * <p>The link proves the address as a sign-up's verification link does: for an address that was only
   * signed up with (no account yet), accepting creates the account with the name and password given
   * here and ends every sign-up of the address still awaiting verification (their links stop working).
   */
  public AcceptedInvitation acceptAsNewAccount(String token, NewMemberDetails details) {
    context.validator.check("details", details);
    TokenHash hash = hashOf(token);
    // Refuse early, before spending a hash on a link that does not work.
    Invitation seen = context.write(uow -> {
      Invitation invitation = open(uow, hash);
      claimableOrNone(uow.tx, invitation.email());
      return invitation;
    });
    context.passwords.check("password", details.password(), seen.email());
    PasswordHash passwordHash = context.hasher.hash(details.password());
    return context.write(uow -> {
      Invitation invitation = open(uow, hash);
      String name = details.displayName();
      Optional<Account> claimable = claimableOrNone(uow.tx, invitation.email());
      Account account;
      if (claimable.isPresent()) {
        account = uow.tx.accounts().update(claimable.get().claim(name, passwordHash));
        String createdBy = claimable.get().createdByOrganisation().orElseThrow().toString();
        uow.audit(invitation.organisationId(), account.id(), AuditAction.ACCOUNT_CLAIMED, Optional.of(account.id()),
            account.email().value(), Map.of("createdBy", createdBy));
        uow.accountEvent(account.id(), account.id(), Optional.of(invitation.organisationId()),
            AccountEventType.ACCOUNT_CLAIMED, Map.of("createdBy", createdBy));
      } else {
        account = Account.registered(invitation.email(), name, passwordHash, uow.now);
        uow.tx.accounts().insert(account);
        // The link reached the address's mailbox: the address is proved, and its sign-ups are moot.
        Rules.endSignUps(uow, invitation.email());
      }
      Organisation org = uow.lockActive(invitation.organisationId());
      return new AcceptedInvitation(account, complete(uow, org, invitation, account,
          acceptanceChecks(uow, invitation, account.id())));
    });
  }

  /**
   * Everything accepting checks, in one read ({@link dev.membership.spi.AdmissionReads#acceptanceChecks}),
   * so that the store can send the writes together. Read once the organisation is locked, not merely
   * read: a deletion of the organisation at the same moment waits, or is waited for, and the
   * inviter's access and the live membership are read as they are after it.
   */
  private static AcceptanceChecks acceptanceChecks(UnitOfWork uow, Invitation invitation, AccountId account) {
    return uow.tx.admissions().acceptanceChecks(invitation.organisationId(), account, invitation.invitedBy(),
        DomainName.ofAddress(invitation.email()), Permission.MANAGE_MEMBERS, UnitOfWork.MAX_RECIPIENTS);
  }

  /** Completes the acceptance in the locked organisation {@code org}, with what {@link #acceptanceChecks} read. */
  private Membership complete(UnitOfWork uow, Organisation org, Invitation invitation, Account account,
      AcceptanceChecks checks) {
    OrganisationId organisation = invitation.organisationId();
    if (checks.liveMember()) {
      throw new ConflictException(ErrorCode.ALREADY_MEMBER, "You are already a member of " + org.name() + ".");
    }
    Role role = uow.role(organisation, invitation.roleId());
    if (!inviterStillGives(checks.inviter(), invitation, role)) {
      throw new ConflictException(ErrorCode.INVITATION_NO_LONGER_VALID,
          "This invitation link is no longer valid: whoever sent it can no longer give this role. Ask for a new one.");
    }
    // Access to an application the organisation stopped offering is dropped: one read, only with grants.
    Set<EntitlementKey> grants = invitation.grants().isEmpty() ? Set.of() : uow.tx.entitlements().list(organisation)
        .stream().map(Entitlement::key).filter(invitation.grants()::contains).collect(Collectors.toSet());
    MembershipOrigin origin = invitation.joinRequestId().isPresent() ? MembershipOrigin.JOIN_REQUEST : MembershipOrigin.INVITATION;
    // Every read before the first write, so that the store can send the writes together.
    // A request to join that the person made meanwhile is answered by their joining.
    Optional<JoinRequest> asked = checks.pendingJoinRequest()
        .filter(r -> invitation.joinRequestId().map(id -> !id.equals(r.id())).orElse(true));
    Optional<OrganisationDomain> proved = checks.unprovedDomain();
    uow.tx.invitations().update(invitation.accept(account.id(), uow.now));
    if (asked.isPresent()) {
      uow.tx.joinRequests().update(asked.get().approve(invitation.invitedBy(), uow.now));
      uow.audit(organisation, invitation.invitedBy(), AuditAction.JOIN_REQUEST_APPROVED, Optional.of(account.id()),
          account.email().value(), Map.of("reason", "joined by invitation"));
    }
    Membership membership = Membership.start(organisation, account.id(), role.id(), grants, origin, uow.now);
    uow.tx.memberships().insert(membership);
    uow.audit(organisation, account.id(), AuditAction.INVITATION_ACCEPTED, Optional.of(account.id()),
        account.email().value(), Map.of("role", role.name(), "grants", Rules.describe(grants)));
    proved.ifPresent(domain -> Domains.verifiedByAcceptance(uow, domain, account.id()));
    uow.notifyAll(NotificationType.INVITATION_ACCEPTED, organisation, checks.notified(), Map.of("organisationName", org.name(),
        "memberName", account.displayName(), "memberEmail", account.email().value(), "roleName", role.name()));
    return membership;
  }

  private static Invitation open(UnitOfWork uow, TokenHash hash) {
    Invitation invitation = uow.tx.invitations().findByTokenHash(hash).orElseThrow(Invitations::unknownToken);
    if (invitation.status() != InvitationStatus.PENDING
        && uow.tx.organisations().find(invitation.organisationId()).filter(o -> !o.isActive()).isPresent()) {
      throw Context.organisationDeleted(); // deleting the organisation cancelled it: say why the link is dead
    }
    return switch (invitation.statusAt(uow.now)) {
      case PENDING -> invitation;
      case EXPIRED -> throw new ConflictException(ErrorCode.INVITATION_EXPIRED,
          "This invitation has expired; ask for a new one.");
      case ACCEPTED, CANCELLED -> throw new ConflictException(ErrorCode.INVITATION_NO_LONGER_VALID,
          "This invitation link is no longer valid.");
    };
  }

  /**
   * Whether the member who sent (or last resent) the invitation could still send it now: an active
   * member with a password of their own, holding {@code MANAGE_MEMBERS} (or {@code
   * REVIEW_JOIN_REQUESTS} for the answer to a join request) and able to give the role. An invitation
   * of a member since removed, deactivated or demoted is dead, so nobody gets back in, or higher, through
   * a link they sent to a second address of theirs. Checked when the link is used rather than by
   * cancelling on every change of the inviter, so that no path (a role edited, a role deleted, a
   * demotion by another owner) can be forgotten.
   */
  private static boolean inviterStillGives(Optional<MemberAccess> inviter, Invitation invitation, Role role) {
    if (inviter.isEmpty() || !inviter.get().isEffective()) {
      return false;
    }
    Role held = inviter.get().role();
    boolean answersJoinRequest = invitation.joinRequestId().isPresent();
    if (!held.allows(answersJoinRequest ? Permission.REVIEW_JOIN_REQUESTS : Permission.MANAGE_MEMBERS)) {
      return false;
    }
    if (answersJoinRequest && invitation.roleId().equals(Role.MEMBER.id())) {
      return true; // approving as a plain member needs no more than reviewing (see JoinRequests.approve)
    }
    return Guard.canGrant(held, role);
  }

  /** The admin-created account the link may claim, if any; refuses an account the person registered. */
  private static Optional<Account> claimableOrNone(StoreTransaction tx, EmailAddress email) {
    Optional<Account> existing = tx.accounts().findByEmail(email);
    if (existing.isPresent() && !existing.get().isClaimable()) {
      throw new ConflictException(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT,
          "An account with this e-mail address exists: sign in to accept the invitation.");
    }
    return existing;
  }

  static String inviterName(UnitOfWork uow, AccountId actor) {
    return uow.tx.accounts().find(actor).map(Account::displayName).orElse("");
  }

  private void send(UnitOfWork uow, Organisation organisation, Invitation invitation, Role role, String inviter,
      String token) {
    URI link = context.invitationLinks.apply(token);
    uow.notify(NotificationType.INVITATION, organisation.id(), invitation.email(),
        Map.of("organisationName", organisation.name(), "inviterName", inviter, "roleName", role.name(),
            "expiresAt", invitation.expiresAt().toString(), "invitationId", invitation.id().toString()),
        Optional.of(link));
  }

  private static Invitation find(StoreTransaction tx, OrganisationId organisation, InvitationId id) {
    return tx.invitations().find(organisation, id)
        .orElseThrow(NotFound::invitation);
  }

  private static TokenHash hashOf(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      throw unknownToken();
    }
    return TokenHash.of(token);
  }

  private static NotFoundException unknownToken() {
    return new NotFoundException(ErrorCode.INVITATION_NOT_FOUND, "This invitation link is not valid.");
  }
}
