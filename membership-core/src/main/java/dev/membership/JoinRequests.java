package dev.membership;

import dev.membership.command.TypedText;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.internal.Guard;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountSummary;
import dev.membership.query.MemberAccess;
import dev.membership.spi.InvitationChecks;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Join requests: a registered account asks to join; reviewers approve (which sends the requester an
 * invitation) or deny (which changes nothing else and sends nothing); the requester may withdraw.
 */
public final class JoinRequests {
  private final Context context;
  private final Invitations invitations;

  JoinRequests(Context context, Invitations invitations) {
    this.context = context;
    this.invitations = invitations;
  }

  /**
   * {@code account} asks to join; every member who may review requests is notified. One pending
   * request per organisation and account; none from a member. The message may span lines and follows
   * the rules of {@link TypedText} otherwise (field {@code message}), at most
   * {@value MembershipPolicy#MAX_JOIN_REQUEST_MESSAGE_LENGTH} characters.
   */
  public JoinRequest request(AccountId account, OrganisationId organisation, Optional<String> message) {
    Optional<String> text = TypedText.message("message", message, MembershipPolicy.MAX_JOIN_REQUEST_MESSAGE_LENGTH);
    return context.write(uow -> {
      Organisation org = uow.organisation(organisation);
      Account requester = Context.requireOwnPassword(uow.tx.accounts().find(account)
          .orElseThrow(NotFound::account));
      if (uow.tx.memberships().findLive(organisation, account).isPresent()) {
        throw new ConflictException(ErrorCode.ALREADY_MEMBER, "You are already a member of " + org.name() + ".");
      }
      if (uow.tx.joinRequests().findPending(organisation, account).isPresent()) {
        throw new ConflictException(ErrorCode.JOIN_REQUEST_ALREADY_PENDING,
            "You already asked to join " + org.name() + "; an administrator will answer.");
      }
      // Serialises one account's requests (the loser of a race gets CONCURRENT_MODIFICATION), so that
      // requests to many organisations at once cannot all read the count below the daily cap.
      uow.tx.accounts().update(requester);
      requireWithinLimits(uow, org, account);
      JoinRequest request = JoinRequest.open(organisation, account, text, uow.now);
      uow.tx.joinRequests().insert(request);
      uow.audit(organisation, account, AuditAction.JOIN_REQUESTED, Optional.of(account), requester.email().value(),
          Map.of());
      uow.notifyEveryoneWho(Permission.REVIEW_JOIN_REQUESTS, NotificationType.JOIN_REQUEST_RECEIVED, organisation,
          account, Map.of("organisationName", org.name(), "requesterName", requester.displayName(), "requesterEmail",
              requester.email().value(), "message", text.orElse(""), "joinRequestId", request.id().toString()));
      return request;
    });
  }

  /**
   * Every request e-mails every reviewer, so request, withdraw, request again must not become a way to
   * flood them: a cooldown per organisation after a withdrawn or denied request, and a daily cap per
   * account. The account's newest requests come first and the cap is at most {@link
   * PageRequest#MAX_LIMIT}, so one page holds every request of the last 24 hours that could matter.
   */
  private void requireWithinLimits(UnitOfWork uow, Organisation org, AccountId account) {
    Instant dayAgo = uow.now.minus(Duration.ofDays(1));
    Instant cooledSince = uow.now.minus(context.policy.joinRequestCooldown());
    List<JoinRequest> recent = uow.tx.reads().joinRequestsOf(account, Set.of(), PageRequest.first(PageRequest.MAX_LIMIT))
        .items().stream().map(AccountJoinRequest::request).toList();
    boolean coolingDown = recent.stream().anyMatch(r -> r.organisationId().equals(org.id())
        && (r.status() == JoinRequestStatus.WITHDRAWN || r.status() == JoinRequestStatus.DENIED)
        && r.decidedAt().map(cooledSince::isBefore).orElse(false));
    if (coolingDown) {
      throw new ConflictException(ErrorCode.JOIN_REQUEST_COOLDOWN,
          "You asked to join " + org.name() + " recently; wait before asking again.");
    }
    long today = recent.stream().filter(r -> r.createdAt().isAfter(dayAgo)).count();
    if (today >= context.policy.joinRequestsPerDay()) {
      throw new ConflictException(ErrorCode.JOIN_REQUEST_LIMIT_REACHED,
          "You asked to join too many organisations today; try again tomorrow.");
    }
  }

  /** Approves as a plain member: the requester is sent an invitation. */
  public Invitation approve(AccountId actor, OrganisationId organisation, JoinRequestId id) {
    return approve(actor, organisation, id, Role.MEMBER.id());
  }

  /**
   * Approves: the requester is sent an invitation with {@code role} (which the actor must be able to
   * give, unless it is the plain member role). Needs {@code REVIEW_JOIN_REQUESTS}.
   */
  public Invitation approve(AccountId actor, OrganisationId organisation, JoinRequestId id, RoleId role) {
    return context.write(uow -> {
      MemberAccess access = uow.require(actor, organisation, Permission.REVIEW_JOIN_REQUESTS);
      JoinRequest request = find(uow, organisation, id);
      Role granted = uow.role(organisation, role);
      if (!granted.id().equals(Role.MEMBER.id())) {
        Guard.mayGrant(access.role(), granted);
      }
      Account requester = uow.tx.accounts().find(request.accountId()).orElseThrow();
      InvitationChecks checks = invitations.lockAndCheck(uow, organisation, requester.email(), actor);
      uow.tx.joinRequests().update(request.approve(actor, uow.now));
      uow.audit(organisation, actor, AuditAction.JOIN_REQUEST_APPROVED, Optional.of(requester.id()),
          requester.email().value(), Map.of("role", granted.name()));
      return invitations.issue(uow, access.organisation(), actor, requester.email(), granted, Set.of(),
          Optional.of(request.id()), checks);
    });
  }

  /** Denies: nothing else changes and nobody is told. Needs {@code REVIEW_JOIN_REQUESTS}. */
  public JoinRequest deny(AccountId actor, OrganisationId organisation, JoinRequestId id) {
    return context.write(uow -> {
      uow.require(actor, organisation, Permission.REVIEW_JOIN_REQUESTS);
      JoinRequest request = find(uow, organisation, id);
      JoinRequest denied = uow.tx.joinRequests().update(request.deny(actor, uow.now));
      String email = uow.tx.accounts().find(request.accountId()).map(a -> a.email().value()).orElse("");
      uow.audit(organisation, actor, AuditAction.JOIN_REQUEST_DENIED, Optional.of(request.accountId()), email, Map.of());
      return denied;
    });
  }

  /**
   * The requester takes its own pending request back; {@code ORGANISATION_DELETED} once the organisation
   * was deleted.
   */
  public JoinRequest withdraw(AccountId account, JoinRequestId id) {
    return context.write(uow -> {
      JoinRequest request = uow.tx.joinRequests().find(id)
          .filter(r -> r.accountId().equals(account))
          .orElseThrow(NotFound::joinRequest);
      uow.tx.accounts().find(account).ifPresent(Context::requireOwnPassword);
      if (uow.tx.organisations().find(request.organisationId()).filter(o -> !o.isActive()).isPresent()) {
        throw Context.organisationDeleted(); // its deletion denied the request: say why, as every command does
      }
      JoinRequest withdrawn = uow.tx.joinRequests().update(request.withdraw(uow.now));
      String email = uow.tx.accounts().find(account).map(a -> a.email().value()).orElse("");
      uow.audit(request.organisationId(), account, AuditAction.JOIN_REQUEST_WITHDRAWN, Optional.of(account), email,
          Map.of());
      return withdrawn;
    });
  }

  /**
   * The "Join Requests" tab: requests in these statuses (all when empty), oldest first, each with its
   * requester, in two reads whatever the page size. Needs {@code REVIEW_JOIN_REQUESTS}.
   */
  public Page<JoinRequestView> list(AccountId actor, OrganisationId organisation, Set<JoinRequestStatus> statuses,
      PageRequest page) {
    return context.read(tx -> {
      Context.requireIn(tx, actor, organisation, Permission.REVIEW_JOIN_REQUESTS);
      Page<JoinRequest> requests = tx.reads().joinRequestPage(organisation, Set.copyOf(statuses), page);
      Map<AccountId, Account> accounts = tx.accounts().findAll(requests.items().stream().map(JoinRequest::accountId).toList())
          .stream().collect(Collectors.toMap(Account::id, Function.identity()));
      return requests.map(r -> new JoinRequestView(r, AccountSummary.of(Objects.requireNonNull(accounts.get(r.accountId()), "the requester's account"))));
    });
  }

  /** The account's own requests ("my requests"), newest first, with the organisation each asks to join. */
  public Page<AccountJoinRequest> mine(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page) {
    return context.read(tx -> tx.reads().joinRequestsOf(account, Set.copyOf(statuses), page.requireForward()));
  }

  /** Asks to join without a message. */
  public JoinRequest request(AccountId account, OrganisationId organisation) {
    return request(account, organisation, Optional.empty());
  }

  private static JoinRequest find(UnitOfWork uow, OrganisationId organisation, JoinRequestId id) {
    return uow.tx.joinRequests().find(id).filter(r -> r.organisationId().equals(organisation)).orElseThrow(NotFound::joinRequest);
  }

}
