package dev.membership.spi;

/**
 * One transaction of a {@link MembershipStore}, and the way to its ports: one per aggregate
 * ({@code tx.invitations().find(...)}), one for the list pages ({@code tx.reads().memberPage(...)}).
 * Every port reached from a transaction reads and writes in that transaction; it may be reached as
 * often as a caller likes (an implementation may return the same object each time or a new one).
 *
 * <p>Rules every port keeps (the contract suite checks each):
 *
 * <ul>
 *   <li>{@code insert} of a value whose unique key is taken throws
 *       {@link dev.membership.error.ConflictException} with the code named on the method, and leaves
 *       the transaction usable only for rollback.
 *   <li>{@code update} writes only if the stored version equals the value's {@code version()}; it
 *       stores and returns the value with {@code version() + 1}. Otherwise, or if the row is gone, it
 *       throws {@link dev.membership.error.ConcurrentModificationException}.
 *   <li>Reads scoped by an organisation never return another organisation's rows.
 *   <li>Every {@code Page} is keyset-paginated: ordered by the sort key named on the method with a
 *       unique tiebreaker; {@code nextCursor} is present exactly when more rows follow.
 * </ul>
 */
public interface StoreTransaction {

  /** Organisations, and the organisation row lock that ownership and seat changes take. */
  OrganisationStore organisations();

  /** Accounts, one per e-mail address. */
  AccountStore accounts();

  /** Memberships: an account's place in one organisation. */
  MemberStore memberships();

  /** Built-in and custom roles. */
  RoleStore roles();

  /** Entitlements the organisations hold, and their seats. */
  EntitlementStore entitlements();

  /** Invitations. */
  InvitationStore invitations();

  /** Requests to join. */
  JoinRequestStore joinRequests();

  /** The organisations' audit logs. */
  AuditStore audit();

  /** The list pages: members, an account's organisations, organisation search, requests to join. */
  PageReads reads();

  /** Self-registrations awaiting proof of their address, and the sign-up e-mails per address. */
  SignUps signUps();

  /** The accounts' own histories (changes to who can sign in as an account). */
  AccountEventStore accountEvents();

  /** The notification outbox: its own port, with its own contract. */
  OutboxStore outbox();

  /**
   * The throttle counters: sign-in and password changes, sign-ups per source, and the "this address
   * has an account" answers of "create user directly".
   */
  Throttles throttles();

  /**
   * The deployment's application catalogue, the clients members last used, the application access
   * check's read, and the notices sent about entitlements' ends.
   */
  ApplicationStore applications();
  /** The domains organisations added and verified, and what each does for accounts of the domain. */
  DomainStore domains();

  /** What admitting a member checks, each in one go: inviting an address, accepting an invitation. */
  AdmissionReads admissions();
}
