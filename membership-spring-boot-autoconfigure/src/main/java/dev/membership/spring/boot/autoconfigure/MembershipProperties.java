package dev.membership.spring.boot.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Membership's settings, 'membership.*'. Every one has the library's default; only {@link
 * #baseUrl()} must be set, unless the host defines its own {@link MembershipLinks} bean.
 *
 * @param baseUrl the public address of the application, e.g. 'https://app.example.com':
 *     invitation and address-verification links start with it. Required unless the host defines a
 *     'MembershipLinks' bean, which wins; links are never built from a request's 'Host' header, which
 *     a client can set
 * @param invitationPath the path of the page that accepts an invitation; the token follows it
 * @param verificationPath the path of the page that confirms an address at sign-up; the token follows it
 * @param invitations invitation expiry and daily limit
 * @param passwords password length rules, and how long a temporary password works
 * @param joinRequests how often an account may ask to join organisations
 * @param throttle sign-in throttling, shared by every instance on the database
 * @param outbox the outbox's retries, lease and schedule
 * @param migrations who applies the library's schema migrations
 * @param problemDetails RFC 9457 problem details for 'MembershipException's
 * @param health the health indicator's thresholds
 * @param applications the application catalogue's staleness
 * @param entitlements when entitlement managers hear of an ending trial or licence
 * @param organisations what is kept of a deleted organisation, and for how long
 * @param retention how long answered join requests and ended invitations are kept before {@code
 *     retention().purge()} deletes them (delivered notifications: {@code outbox.delivered-retention})
 * @param accessCache the in-process cache of the permission checks; off unless enabled
 */
@ConfigurationProperties("membership")
public record MembershipProperties(
    @DefaultValue("") String baseUrl,
    @DefaultValue("/invitations/") String invitationPath,
    @DefaultValue("/verify/") String verificationPath,
    @DefaultValue Invitations invitations,
    @DefaultValue Passwords passwords,
    @DefaultValue JoinRequests joinRequests,
    @DefaultValue Throttle throttle,
    @DefaultValue Outbox outbox,
    @DefaultValue Migrations migrations,
    @DefaultValue ProblemDetails problemDetails,
    @DefaultValue Health health,
    @DefaultValue Applications applications,
    @DefaultValue Entitlements entitlements,
    @DefaultValue Organisations organisations,
    @DefaultValue Retention retention,
    @DefaultValue AccessCache accessCache) {

  /**
   * The in-process cache of {@code access().has/check/permissions/hasEntitlement} ({@code
   * dev.membership.AccessCache}): off unless enabled. Changes made through this instance are seen at
   * once; changes made through another instance on the same database within 'maxStaleness'.
   *
   * @param enabled whether the checks use the cache
   * @param maxEntries how many accesses (an account in an organisation) are kept at most; 1 to 1,000,000
   * @param maxStaleness how long a kept access may be used after it was read; 1 second to 5 minutes
   */
  public record AccessCache(@DefaultValue("false") boolean enabled, @DefaultValue("10000") int maxEntries,
      @DefaultValue("5s") Duration maxStaleness) {}

  /**
   * Deleted organisations.
   *
   * @param deletedRetention how long a deleted organisation's audit log stays readable by its former
   *     owners before {@code organisations().purgeDeleted()} purges its data; 1 to 3650 days
   */
  public record Organisations(@DefaultValue("90d") Duration deletedRetention) {}

  /**
   * What {@code retention().purge()}, which the host schedules, deletes once it is past its time.
   * Removed memberships and audit logs are history and are never purged by it.
   *
   * @param answeredJoinRequests how long requests approved, denied or withdrawn are kept; 1 to 3650 days
   * @param endedInvitations how long cancelled or expired invitations are kept; 1 to 3650 days
   */
  public record Retention(@DefaultValue("90d") Duration answeredJoinRequests,
      @DefaultValue("90d") Duration endedInvitations) {}

  /**
   * The application catalogue that {@code access().check(account, organisation, application, clientVersion)} reads.
   *
   * @param catalogueStaleness how old the in-process copy of the catalogue may be before it is read again;
   *     a change made by another instance reaches this one within it (0 reads it at every check)
   */
  public record Applications(@DefaultValue("30s") Duration catalogueStaleness) {}

  /**
   * Trials and licences that end.
   *
   * @param endNotice how long before an entitlement ends its organisation's entitlement managers are told
   *     (by {@code entitlements().sendEndNotices()}, which the host schedules)
   */
  public record Entitlements(@DefaultValue("7d") Duration endNotice) {}

  /**
   * Invitations.
   *
   * @param expiry how long an invitation can be accepted; at most 30 days
   * @param perDay invitation e-mails one organisation may send in any 24 hours; at most 5000
   * @param bulkLimit how many addresses one bulk invitation ({@code invitations().inviteAll}) takes; 1 to 1000
   */
  public record Invitations(@DefaultValue("7d") Duration expiry, @DefaultValue("200") int perDay,
      @DefaultValue("100") int bulkLimit) {}

  /**
   * Passwords.
   *
   * @param minLength the shortest password accepted; at least 8 (NIST SP 800-63B: 15 for single-factor)
   * @param maxLength the longest password accepted; 64 to 2048
   * @param temporaryExpiry how long a temporary password (from "create user directly" or a reset by an
   *     admin) works before the person must have chosen their own
   */
  public record Passwords(@DefaultValue("15") int minLength, @DefaultValue("1024") int maxLength,
      @DefaultValue("7d") Duration temporaryExpiry) {}

  /**
   * Join requests.
   *
   * @param cooldown after a withdrawn or denied request, how long the account waits before asking the
   *     same organisation again; at most 365 days
   * @param perDay how many organisations one account may ask to join in 24 hours; 1 to 100
   */
  public record JoinRequests(@DefaultValue("24h") Duration cooldown, @DefaultValue("10") int perDay) {}

  /**
   * Sign-in throttling (state in the database, so every instance counts the same attempts).
   *
   * @param freeFailures failures in a row of one address before the first wait
   * @param sourceFreeFailures failures in a row from one source over all addresses before its first wait
   * @param firstWait the first wait
   * @param maxWait the longest wait of the back-off
   * @param hardLimit consecutive failures after which an address accepts no password for 'hardLockout'; at most 100
   * @param hardLockout how long an address at the hard limit refuses every password
   * @param trustedSourceFor how long a source that signed in to an address is exempt from its waits
   * @param forgetAfter how long without a failure before a counter starts again from zero
   */
  public record Throttle(
      @DefaultValue("5") int freeFailures,
      @DefaultValue("50") int sourceFreeFailures,
      @DefaultValue("30s") Duration firstWait,
      @DefaultValue("15m") Duration maxWait,
      @DefaultValue("100") int hardLimit,
      @DefaultValue("24h") Duration hardLockout,
      @DefaultValue("30d") Duration trustedSourceFor,
      @DefaultValue("24h") Duration forgetAfter) {}

  /**
   * The outbox.
   *
   * @param deliverAfterCommit whether each command hands its notifications to the sender right after it commits
   * @param maxAttempts attempts before a notification becomes a dead letter; 1 to 100
   * @param lease how long a dispatcher holds what it claimed; a dead instance's claims are due again after it
   * @param deliveredRetention how long delivered notifications are kept; at least 1 day
   * @param dispatcher the scheduled dispatcher of this instance
   */
  public record Outbox(
      @DefaultValue("true") boolean deliverAfterCommit,
      @DefaultValue("20") int maxAttempts,
      @DefaultValue("10m") Duration lease,
      @DefaultValue("30d") Duration deliveredRetention,
      @DefaultValue Dispatcher dispatcher) {}

  /**
   * The outbox dispatcher this instance schedules; every instance may run one.
   *
   * @param enabled whether to run it
   * @param interval the pause between two runs of 'outbox().deliverDue()'
   * @param purgeInterval the pause between two purges of delivered notifications
   * @param shutdownTimeout how long stopping waits for a run in progress before interrupting it
   */
  public record Dispatcher(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("1m") Duration interval,
      @DefaultValue("1h") Duration purgeInterval,
      @DefaultValue("30s") Duration shutdownTimeout) {}

  /**
   * Schema migrations.
   *
   * @param strategy who applies the library's scripts
   */
  public record Migrations(@DefaultValue("library") Strategy strategy) {}

  /** Who applies the library's schema migrations. */
  public enum Strategy {
    /** The library's own Flyway on the host's DataSource, at start-up, before the store is used. */
    LIBRARY,
    /**
     * A Flyway built from the host's 'Flyway' bean's configuration (its DataSource, user,
     * schemas, placeholders, callbacks), pointed at the library's scripts and history table.
     */
    HOST_FLYWAY,
    /** Nobody at start-up: the host applies them (the health indicator says when some are pending). */
    NONE
  }

  /**
   * Problem details.
   *
   * @param enabled whether a 'MembershipException' leaving a controller becomes an RFC 9457
   *     problem detail with its code and fields
   */
  public record ProblemDetails(@DefaultValue("false") boolean enabled) {}

  /**
   * Health.
   *
   * @param outboxStuckAfter how long a due notification may wait for a dispatcher before the outbox
   *     counts as stuck (no dispatcher runs, or none gets through)
   */
  public record Health(@DefaultValue("15m") Duration outboxStuckAfter) {}
}
