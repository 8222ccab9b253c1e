package dev.membership;

import dev.membership.domain.Account;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDeletion;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.InvalidCredentialsException;
import dev.membership.error.InvalidInputException;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.internal.OrganisationEnding;
import dev.membership.internal.Rules;
import dev.membership.internal.ThrottleGate;
import dev.membership.internal.UnitOfWork;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Erasing a person (GDPR art. 17, "right to erasure"): their account's personal data is removed or
 * pseudonymised, while the organisations keep their history and the person's work.
 *
 * <p>Two ways in: the person themselves, signed in, proving it with their password ({@link
 * #eraseOwnAccount}, "delete my account"); or the deployment's operator on a request received
 * outside the product ({@link #eraseOnRequest}), which has no account and names who asked for the
 * record, as the application catalogue's operator calls do.
 *
 * <p>One transaction does all of it, or nothing:
 *
 * <ul>
 *   <li>the account keeps its id but loses its address (a placeholder of {@value
 *       Account#ERASED_DOMAIN} takes its place, so the address is free for a new account with no link
 *       to the old one), its name (replaced by a pseudonym such as {@code Former member 3F7A1C}, drawn
 *       at random, never derived from the address) and its password (nothing matches it: nobody can
 *       sign in as it);
 *   <li>every live membership ends as removed (not deleted: {@code MEMBER_ERASED} in each
 *       organisation's log), and an organisation the person was the only member of ends with them
 *       ({@code ORGANISATION_DELETED});
 *   <li>pending join requests are withdrawn, and the messages of all the person's requests erased;
 *   <li>pending invitations to the address are cancelled, and every invitation to it, whatever its
 *       status, is readdressed to the placeholder;
 *   <li>every entry of every audit log about the person, or whose subject is the address, names the
 *       pseudonym instead, and details quoting the address quote the pseudonym;
 *   <li>sign-ups of the address, notifications to it (pending, delivered or dead), the throttle
 *       counters keyed by the address or the account, and the account's own history are deleted.
 * </ul>
 *
 * <p>Then listeners hear {@code MEMBER_ERASED} per organisation and one {@link
 * dev.membership.domain.AccountEvent} {@code ACCOUNT_ERASED}, which asks the host to end every
 * session of the account ({@link dev.membership.domain.SessionsToEnd.All}) and to erase its own data
 * about it.
 *
 * <p>The last owner of an organisation that has other members cannot be erased: {@code LAST_OWNER},
 * naming the organisation in field {@code organisation}, until they make someone else an owner
 * (as GitHub and Slack ask; a team is never left without anyone who can manage it). An organisation
 * where nobody else is a member would be unreachable by anyone once the person is gone, so it ends
 * with them, as deleting a personal workspace does, its history kept for its retention.
 */
public final class Erasure {
  private static final int PAGE = 200;
  private static final int MAX_INVITATIONS = 10_000;
  private static final int MAX_REQUESTED_BY = 200;
  private static final int TRIES = 4;

  private final Context context;
  private final ThrottleGate gate;

  Erasure(Context context) {
    this.context = context;
    this.gate = new ThrottleGate(context);
  }

  /**
   * "Delete my account": the person erases their own account, proving it with their current
   * password (a wrong one is throttled as a password change is, on the account's own counter).
   *
   * @throws InvalidCredentialsException if {@code current} is wrong or an expired temporary password,
   *     or too many wrong ones were tried lately
   * @throws ConflictException {@code LAST_OWNER} (field {@code organisation}), {@code
   *     ACCOUNT_ALREADY_ERASED}
   * @throws dev.membership.error.NotFoundException {@code ACCOUNT_NOT_FOUND}
   */
  public ErasedAccount eraseOwnAccount(AccountId account, Password current) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(current, "current");
    Account found = context.read(tx -> tx.accounts().find(account)).orElseThrow(NotFound::account);
    if (found.isErased()) {
      throw alreadyErased();
    }
    if (current.reveal().length() > context.policy.maxPasswordLength() * 2) {
      throw new InvalidCredentialsException();
    }
    ThrottleGate.Keys keys = ThrottleGate.passwordChange(account);
    if (gate.admit(keys, tx -> null) instanceof ThrottleGate.Admission.Held<?>) {
      throw new InvalidCredentialsException();
    }
    if (!context.hasher.verify(found.passwordHash(), current) || found.temporaryPasswordExpiredAt(context.now())) {
      throw new InvalidCredentialsException();
    }
    return erase(account, Optional.of(found.passwordHash()), Map.of("by", "SELF"));
  }

  /**
   * The deployment's operator erases an account on its person's request (received by e-mail, by
   * post, by a support ticket): no organisation's permission applies, and no password is asked.
   * {@code requestedBy} names the request for the record (e.g. a ticket number; 1 to 200 characters),
   * kept in the {@code ACCOUNT_ERASED} event.
   *
   * @throws InvalidInputException field {@code requestedBy}
   * @throws ConflictException {@code LAST_OWNER} (field {@code organisation}), {@code
   *     ACCOUNT_ALREADY_ERASED}
   * @throws dev.membership.error.NotFoundException {@code ACCOUNT_NOT_FOUND}
   */
  public ErasedAccount eraseOnRequest(String requestedBy, AccountId account) {
    Objects.requireNonNull(account, "account");
    String by = requestedBy == null ? "" : requestedBy.strip();
    if (by.isEmpty() || by.length() > MAX_REQUESTED_BY || by.chars().anyMatch(Character::isISOControl)) {
      throw InvalidInputException.of("requestedBy", "out_of_range",
          "must name the request in 1 to " + MAX_REQUESTED_BY + " characters");
    }
    return erase(account, Optional.empty(), Map.of("by", "OPERATOR", "requestedBy", by));
  }

  private ErasedAccount erase(AccountId id, Optional<PasswordHash> proved, Map<String, String> details) {
    // Drawn once per erasure, outside the transaction: a retry after a race keeps the same pseudonym.
    String random = UUID.randomUUID().toString().replace("-", "");
    EmailAddress placeholder = EmailAddress.of("former-member-" + random + "@" + Account.ERASED_DOMAIN);
    String pseudonym = "Former member " + random.substring(0, 6).toUpperCase(Locale.ROOT);
    for (int tries = 1; ; tries++) {
      try {
        return context.write(uow -> eraseIn(uow, id, proved, placeholder, pseudonym, details));
      } catch (ConcurrentModificationException raced) {
        // An invitation to the address accepted, a request answered, a membership changed at the same
        // moment: read everything again and erase what is there now.
        if (tries >= TRIES) {
          throw raced;
        }
      }
    }
  }

  private ErasedAccount eraseIn(UnitOfWork uow, AccountId id, Optional<PasswordHash> proved, EmailAddress placeholder,
      String pseudonym, Map<String, String> details) {
    Account account = uow.tx.accounts().find(id).orElseThrow(NotFound::account);
    if (account.isErased()) {
      throw alreadyErased();
    }
    if (proved.isPresent() && !proved.get().equals(account.passwordHash())) {
      throw new ConcurrentModificationException("The password");
    }
    EmailAddress email = account.email();
    Map<String, String> audit = Map.of("by", details.get("by"));

    // Requests and invitations first: their versioned updates make an approval or an acceptance
    // racing this erasure fail, or, committed before, leave the membership that is read next.
    for (AccountJoinRequest own : joinRequests(uow, id)) {
      JoinRequest request = own.request();
      if (request.status() == JoinRequestStatus.PENDING) {
        request = request.withdraw(uow.now);
        uow.audit(request.organisationId(), id, AuditAction.JOIN_REQUEST_WITHDRAWN, Optional.of(id), pseudonym, audit);
      }
      if (request != own.request() || request.message().isPresent()) {
        uow.tx.joinRequests().update(request.withoutMessage());
      }
    }

    List<Invitation> pending = uow.tx.invitations().pendingTo(email, MAX_INVITATIONS);
    for (Invitation invitation : pending) {
      uow.tx.invitations().update(invitation.cancel(uow.now));
      uow.audit(invitation.organisationId(), id, AuditAction.INVITATION_CANCELLED, Optional.empty(), pseudonym,
          Map.of("reason", "ADDRESS_ERASED"));
    }
    uow.tx.invitations().readdress(email, placeholder);
    if (!uow.tx.invitations().pendingTo(email, 1).isEmpty()) {
      // An invitation to the address was made after the read above (a join request approved at this
      // moment): erase again, with it.
      throw new ConcurrentModificationException("An invitation to the address");
    }

    List<OrganisationId> left = new ArrayList<>();
    List<OrganisationId> ended = new ArrayList<>();
    for (AccountOrganisation place : liveMemberships(uow, id)) {
      OrganisationId organisation = place.organisation().id();
      Membership membership = place.membership();
      boolean alone = false;
      if (Rules.isActiveOwner(membership) || place.organisation().isActive()) {
        // Lock first: the owners and the members read next stay as they are until this commits.
        uow.tx.organisations().lock(organisation);
        membership = Rules.membership(uow, organisation, membership.id());
        alone = place.organisation().isActive() && uow.tx.reads().memberCounts(organisation).members() <= 1;
        if (!alone && Rules.isActiveOwner(membership)) {
          requireAnotherOwner(uow, place.organisation(), membership);
        }
      }
      uow.tx.memberships().update(membership.remove(uow.now));
      uow.audit(organisation, id, AuditAction.MEMBER_ERASED, Optional.of(id), pseudonym, audit);
      left.add(organisation);
      if (alone) {
        Organisation current = uow.tx.organisations().find(organisation).orElseThrow(NotFound::organisation);
        uow.tx.organisations().update(current.delete());
        // As organisations().delete ends one: its pending invitations and join requests end, and it is
        // recorded as deleted (no former owner is left to read its log), for purgeDeleted() in time.
        OrganisationEnding.read(uow, organisation).end(uow, id);
        uow.tx.organisations().recordDeletion(new OrganisationDeletion(organisation, id, uow.now,
            uow.now.plus(context.policy.deletedOrganisationRetention()), Set.of()));
        uow.audit(organisation, id, AuditAction.ORGANISATION_DELETED, Optional.empty(), current.name(),
            Map.of("reason", "LAST_MEMBER_ERASED"));
        ended.add(organisation);
      }
    }

    uow.tx.outbox().deleteTo(email);
    uow.tx.signUps().deleteOfAddress(email);
    uow.tx.throttles().delete(ThrottleGate.ofErasedAccount(email, id));
    uow.tx.accountEvents().deleteHistory(id);
    uow.tx.audit().pseudonymise(id, email, pseudonym);
    uow.tx.accounts().storeErased(account.erase(placeholder, pseudonym));
    uow.accountEvent(id, id, Optional.empty(), AccountEventType.ACCOUNT_ERASED, details);
    return new ErasedAccount(id, pseudonym, left, ended, pending.size(), uow.now);
  }

  private static void requireAnotherOwner(UnitOfWork uow, Organisation organisation, Membership membership) {
    try {
      Rules.requireAnotherOwner(uow, organisation.id(), membership);
    } catch (ConflictException lastOwner) {
      throw new ConflictException(ErrorCode.LAST_OWNER,
          "You are the last owner of " + organisation.name() + ", which has other members: make one of them an "
              + "owner first.",
          List.of(new FieldViolation("organisation", "last_owner", organisation.id().toString())));
    }
  }

  private static List<AccountOrganisation> liveMemberships(UnitOfWork uow, AccountId id) {
    List<AccountOrganisation> all = new ArrayList<>();
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<AccountOrganisation> page = uow.tx.reads().organisationsOf(id, request);
      all.addAll(page.items());
      if (!page.hasNext()) {
        return all;
      }
      request = request.next(page);
    }
  }

  private static List<AccountJoinRequest> joinRequests(UnitOfWork uow, AccountId id) {
    Map<Object, AccountJoinRequest> all = new HashMap<>();
    PageRequest request = PageRequest.first(PAGE);
    while (true) {
      Page<AccountJoinRequest> page = uow.tx.reads().joinRequestsOf(id, Set.of(), request);
      page.items().forEach(r -> all.put(r.request().id(), r));
      if (!page.hasNext()) {
        return List.copyOf(all.values());
      }
      request = request.next(page);
    }
  }

  private static ConflictException alreadyErased() {
    return new ConflictException(ErrorCode.ACCOUNT_ALREADY_ERASED, "This account was erased already.");
  }
}
