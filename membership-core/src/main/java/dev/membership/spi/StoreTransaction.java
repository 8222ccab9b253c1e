package dev.membership.spi;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberAccess;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reads and writes of one transaction.
 *
 * <p>Rules every implementation keeps (the contract suite checks each):
 *
 * <ul>
 *   <li>{@code insert*} of a value whose unique key is taken throws
 *       {@link dev.membership.error.ConflictException} with the code named on the method, and leaves
 *       the transaction usable only for rollback.
 *   <li>{@code update*} writes only if the stored version equals the value's {@code version()}; it
 *       stores and returns the value with {@code version() + 1}. Otherwise, or if the row is gone, it
 *       throws {@link dev.membership.error.ConcurrentModificationException}.
 *   <li>Reads scoped by an organisation never return another organisation's rows.
 *   <li>Every {@code Page} is keyset-paginated: ordered by the sort key named on the method with a
 *       unique tiebreaker; {@code nextCursor} is present exactly when more rows follow.
 * </ul>
 */
public interface StoreTransaction {

  // ---- organisations

  void insertOrganisation(Organisation organisation);

  Optional<Organisation> findOrganisation(OrganisationId id);

  /**
   * Reads the organisation and locks its row until the transaction ends ({@code SELECT ... FOR
   * UPDATE}): changes that may affect who owns the organisation, or its seats, take this first.
   *
   * <p>Reads made after this call must see everything committed before the lock was granted (the
   * last-owner and seat checks rely on it): run transactions at {@code READ COMMITTED}, not at a
   * snapshot level such as InnoDB's default {@code REPEATABLE READ}.
   */
  Optional<Organisation> lockOrganisation(OrganisationId id);

  Organisation updateOrganisation(Organisation organisation);

  /**
   * Active organisations whose name contains {@code text}, ignoring case: the
   * {@link dev.membership.domain.TextForms#searchForm search form} of the name contains that of
   * {@code text}; ordered by the search form of the name, then id.
   */
  Page<Organisation> searchOrganisations(String text, PageRequest page);

  // ---- accounts

  /**
   * @throws dev.membership.error.ConflictException {@code EMAIL_ALREADY_REGISTERED} if the address has
   *     an account (addresses are compared in their normalised form)
   */
  void insertAccount(Account account);

  Optional<Account> findAccount(AccountId id);

  Optional<Account> findAccountByEmail(EmailAddress email);

  /** The accounts with these ids, in no particular order; one round trip. */
  List<Account> findAccounts(Collection<AccountId> ids);

  /** An account's e-mail address never changes; an update that changes it is refused. */
  Account updateAccount(Account account);

  // ---- memberships

  /** @throws dev.membership.error.ConflictException {@code ALREADY_MEMBER} if a live one exists */
  void insertMembership(Membership membership);

  Membership updateMembership(Membership membership);

  Optional<Membership> findMembership(OrganisationId organisation, MembershipId id);

  /** The active or deactivated membership of the account, if any. */
  Optional<Membership> findLiveMembership(OrganisationId organisation, AccountId account);

  /** The live membership with its role, read in one query: the permission check's path. */
  Optional<MemberAccess> findMemberAccess(OrganisationId organisation, AccountId account);

  /** How many active members hold the role (used to protect the last owner). */
  long countActiveMembersWithRole(OrganisationId organisation, RoleId role);

  /** Active members holding any of the roles, at most {@code limit}, e.g. who to notify. */
  List<Membership> activeMembersWithRoles(OrganisationId organisation, Set<RoleId> roles, int limit);

  /** Whether the account has a live membership in any organisation but {@code organisation}. */
  boolean hasLiveMembershipOutside(AccountId account, OrganisationId organisation);

  /**
   * The members page: members and invitations of status {@code PENDING} (badge {@code PENDING} while
   * open at {@code now}, {@code EXPIRED} once past their expiry, each shown only if the query's badges
   * include it), filtered as the query says, ordered by e-mail, then id. The query's text matches a
   * row whose e-mail address, or {@link dev.membership.domain.TextForms#searchForm search form} of the
   * display name, contains the search form of the text. A removed member whose custom role was
   * deleted since shows {@link Role#deleted}.
   */
  Page<MemberRow> memberPage(OrganisationId organisation, MemberQuery query, Instant now);

  /** The account's live memberships with organisation and role; ordered by organisation name, then id. */
  Page<AccountOrganisation> organisationsOf(AccountId account, PageRequest page);

  /**
   * Seats of an entitlement in use: active members granted it plus invitations pending and open at
   * {@code now} that would grant it.
   */
  long countSeatsInUse(OrganisationId organisation, EntitlementKey entitlement, Instant now);

  // ---- roles

  /**
   * Stores a custom role.
   *
   * @throws dev.membership.error.ConflictException {@link Role#nameTaken()} when the role's
   *     {@link Role#nameKeys() name keys} collide with those of another role of the organisation, or
   *     its name {@link Role#nameCollidesWithBuiltIn() passes for a built-in role}'s. Hold the keys
   *     under unique constraints (one per key, per organisation) so that this holds under concurrency.
   */
  void insertRole(Role role);

  /** A built-in role by its id, or a custom role of this organisation. */
  Optional<Role> findRole(OrganisationId organisation, RoleId id);

  /**
   * The built-in roles, then the organisation's custom roles by the
   * {@link dev.membership.domain.TextForms#searchForm search form} of their names, then id.
   */
  List<Role> listRoles(OrganisationId organisation);

  /** @throws dev.membership.error.ConflictException {@link Role#nameTaken()}, as {@link #insertRole} */
  Role updateRole(Role role);

  void deleteRole(OrganisationId organisation, RoleId id);

  /** Whether a live membership (also through its suspension) or a pending invitation uses the role. */
  boolean isRoleInUse(OrganisationId organisation, RoleId role);

  /**
   * Moves every live membership (and suspension) and pending invitation from one role to another,
   * bumping their versions; returns how many rows moved.
   */
  int reassignRole(OrganisationId organisation, RoleId from, RoleId to, Instant now);

  // ---- entitlements

  /** @throws dev.membership.error.ConflictException {@code ENTITLEMENT_ALREADY_DEFINED} */
  void insertEntitlement(Entitlement entitlement);

  Optional<Entitlement> findEntitlement(OrganisationId organisation, EntitlementKey key);

  /** Ordered by key. */
  List<Entitlement> listEntitlements(OrganisationId organisation);

  Entitlement updateEntitlement(Entitlement entitlement);

  // ---- invitations

  /** @throws dev.membership.error.ConflictException {@code INVITATION_ALREADY_PENDING} */
  void insertInvitation(Invitation invitation);

  Invitation updateInvitation(Invitation invitation);

  Optional<Invitation> findInvitation(OrganisationId organisation, InvitationId id);

  /** The invitation whose current link has this token (any status). */
  Optional<Invitation> findInvitationByTokenHash(dev.membership.domain.TokenHash hash);

  /** The invitation of this address with status {@code PENDING} (open or past its expiry). */
  Optional<Invitation> findPendingInvitation(OrganisationId organisation, EmailAddress email);

  // ---- join requests

  /** @throws dev.membership.error.ConflictException {@code JOIN_REQUEST_ALREADY_PENDING} */
  void insertJoinRequest(JoinRequest request);

  JoinRequest updateJoinRequest(JoinRequest request);

  /** A request by id, whichever organisation it is for: callers check the organisation. */
  Optional<JoinRequest> findJoinRequest(JoinRequestId id);

  Optional<JoinRequest> findPendingJoinRequest(OrganisationId organisation, AccountId account);

  /**
   * The account's own requests in these statuses (all when empty), each with its organisation, newest
   * first, then id descending.
   */
  Page<AccountJoinRequest> joinRequestsOf(AccountId account, Set<JoinRequestStatus> statuses, PageRequest page);

  /** The organisation's requests in these statuses (all when empty), oldest first, then id. */
  Page<JoinRequest> joinRequestPage(OrganisationId organisation, Set<JoinRequestStatus> statuses, PageRequest page);

  // ---- sign-ups

  /** Self-registrations awaiting proof of their address, and the sign-up e-mails per address, in this transaction. */
  SignUps signUps();

  // ---- account events

  /** The accounts' own histories (changes to who can sign in as an account), in this transaction. */
  AccountEventStore accountEvents();

  // ---- audit

  void appendAudit(AuditEvent event);

  /** The organisation's audit log, newest first, then id descending. */
  Page<AuditEvent> auditPage(OrganisationId organisation, PageRequest page);

  // ---- outbox

  /** The notification outbox, in this transaction: its own port, with its own contract. */
  OutboxStore outbox();

  // ---- throttles

  /**
   * The throttle counters, in this transaction: sign-in and password changes, sign-ups per source,
   * and the "this address has an account" answers of "create user directly".
   */
  Throttles throttles();
}
