package dev.membership;

import dev.membership.domain.EmailAddress;
import dev.membership.error.InvalidInputException;
import java.time.Duration;
import java.util.Objects;

/**
 * The library's tunable rules. {@link #defaults()} follows NIST SP 800-63B-4 and the design.
 *
 * @param invitationTtl how long an invitation link works; default 7 days, at most 30
 * @param temporaryPasswordTtl how long a temporary password works; default 7 days
 * @param minPasswordLength at least this many characters; default 15 (8 is acceptable where the host
 *     enforces a second factor)
 * @param maxPasswordLength longer passwords are refused before hashing; 64 to 2048, default 1024
 * @param signInThrottling how failed sign-ins (and failed password changes) slow further attempts
 * @param joinRequestCooldown after a withdrawn or denied request, how long the account waits before
 *     asking the same organisation again; default 24 hours
 * @param joinRequestsPerDay how many requests to join one account may make in 24 hours; default 10,
 *     at most 100
 * @param invitationsPerDay how many invitation e-mails one organisation may send in any 24 hours
 *     (invitations, resends, and the invitations that approved join requests send); default 200, at
 *     most 5,000
 * @param outbox how the outbox retries, gives up and forgets: {@link OutboxPolicy}
 * @param signUpRules how self-registration proves an address, and the bounds on what signing up and
 *     "create user directly" can tell about an address or send to it; see {@link SignUpRules}
 * @param bulkInvitationLimit how many addresses one {@code invitations().inviteAll} call takes;
 *     default 100, at most {@value #MAX_BULK_INVITATIONS}
 * @param deletedOrganisationRetention how long a deleted organisation's audit log stays readable by
 *     its former owners before {@code organisations().purgeDeleted()} purges its data; default 90
 *     days, between 1 and 3650 days
 * @param retention how long answered join requests and ended invitations are kept before {@code
 *     retention().purge()} deletes them: {@link RetentionPolicy} (delivered notifications: {@link
 *     OutboxPolicy#deliveredRetention()})
 */
public record MembershipPolicy(
    Duration invitationTtl,
    Duration temporaryPasswordTtl,
    int minPasswordLength,
    int maxPasswordLength,
    SignInThrottling signInThrottling,
    Duration joinRequestCooldown,
    int joinRequestsPerDay,
    int invitationsPerDay,
    OutboxPolicy outbox,
    SignUpRules signUpRules,
    int bulkInvitationLimit,
    Duration deletedOrganisationRetention,
    RetentionPolicy retention) {

  public static final Duration MAX_INVITATION_TTL = Duration.ofDays(30);

  /** How many addresses one bulk invitation takes, by default. */
  public static final int DEFAULT_BULK_INVITATIONS = 100;

  /** The most addresses a host may let one bulk invitation take: one call's work stays bounded. */
  public static final int MAX_BULK_INVITATIONS = 1_000;

  /** The longest maximum a host may allow: every password up to it is Unicode-normalised whole. */
  public static final int MAX_PASSWORD_LENGTH = 2048;

  /** After a request is withdrawn or denied, the same account waits this long to ask that organisation again. */
  public static final Duration DEFAULT_JOIN_REQUEST_COOLDOWN = Duration.ofHours(24);

  /** How many organisations one account may ask to join in 24 hours, by default. */
  public static final int DEFAULT_JOIN_REQUESTS_PER_DAY = 10;

  /** The highest daily cap a host may set; join-request floods stay bounded whatever the policy. */
  public static final int MAX_JOIN_REQUESTS_PER_DAY = 100;

  /** How many invitation e-mails one organisation may send in 24 hours, by default. */
  public static final int DEFAULT_INVITATIONS_PER_DAY = 200;

  /**
   * The highest daily invitation limit a host may set. Checking the limit reads at most this many
   * index entries, so an invitation's cost stays bounded whatever the organisation sent before.
   */
  public static final int MAX_INVITATIONS_PER_DAY = 5_000;

  /**
   * How often one invitation may be sent (the first time and resends), so nobody mail-bombs an
   * address: {@code INVITATION_SEND_LIMIT_REACHED} after that. Fixed, not a policy setting.
   */
  public static final int MAX_SENDS_PER_INVITATION = 10;

  /** The longest message a join request may carry. Fixed, not a policy setting. */
  public static final int MAX_JOIN_REQUEST_MESSAGE_LENGTH = 1000;

  /** The longest organisation name, and the longest text an organisation search takes. Fixed. */
  public static final int MAX_ORGANISATION_NAME_LENGTH = 100;

  /**
   * Organisation search needs at least this many characters (code points, after cleaning): a shorter
   * query would list nearly every discoverable organisation's name to anyone who asks.
   */
  public static final int MIN_ORGANISATION_SEARCH_LENGTH = 3;

  /** The longest text the members page's search takes: an address's longest. Fixed. */
  public static final int MAX_MEMBER_SEARCH_LENGTH = EmailAddress.MAX_LENGTH;

  // --- Deleted organisations ---

  /** How long a deleted organisation's audit log stays readable by its former owners, by default. */
  public static final Duration DEFAULT_DELETED_ORGANISATION_RETENTION = Duration.ofDays(90);

  public MembershipPolicy {
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(deletedOrganisationRetention, "deletedOrganisationRetention");
    Objects.requireNonNull(retention, "retention");
    if (deletedOrganisationRetention.compareTo(Duration.ofDays(1)) < 0
        || deletedOrganisationRetention.compareTo(Duration.ofDays(3650)) > 0) {
      throw InvalidInputException.of("deletedOrganisationRetention", "out_of_range",
          "must be between 1 and 3650 days");
    }
    Objects.requireNonNull(invitationTtl, "invitationTtl");
    Objects.requireNonNull(temporaryPasswordTtl, "temporaryPasswordTtl");
    Objects.requireNonNull(signInThrottling, "signInThrottling");
    Objects.requireNonNull(joinRequestCooldown, "joinRequestCooldown");
    Objects.requireNonNull(signUpRules, "signUpRules");
    if (invitationTtl.isNegative() || invitationTtl.isZero() || invitationTtl.compareTo(MAX_INVITATION_TTL) > 0) {
      throw InvalidInputException.of("invitationTtl", "out_of_range", "must be more than zero and at most 30 days");
    }
    if (temporaryPasswordTtl.isNegative() || temporaryPasswordTtl.isZero()) {
      throw InvalidInputException.of("temporaryPasswordTtl", "out_of_range", "must be more than zero");
    }
    if (minPasswordLength < 8) {
      throw InvalidInputException.of("minPasswordLength", "out_of_range", "must be at least 8");
    }
    if (maxPasswordLength < Math.max(64, minPasswordLength) || maxPasswordLength > MAX_PASSWORD_LENGTH) {
      throw InvalidInputException.of("maxPasswordLength", "out_of_range",
          "must be between 64 (and the minimum) and " + MAX_PASSWORD_LENGTH);
    }
    if (joinRequestCooldown.isNegative() || joinRequestCooldown.compareTo(Duration.ofDays(365)) > 0) {
      throw InvalidInputException.of("joinRequestCooldown", "out_of_range", "must be between zero and 365 days");
    }
    if (joinRequestsPerDay < 1 || joinRequestsPerDay > MAX_JOIN_REQUESTS_PER_DAY) {
      throw InvalidInputException.of("joinRequestsPerDay", "out_of_range",
          "must be between 1 and " + MAX_JOIN_REQUESTS_PER_DAY);
    }
    if (invitationsPerDay < 1 || invitationsPerDay > MAX_INVITATIONS_PER_DAY) {
      throw InvalidInputException.of("invitationsPerDay", "out_of_range",
          "must be between 1 and " + MAX_INVITATIONS_PER_DAY);
    }
    if (bulkInvitationLimit < 1 || bulkInvitationLimit > MAX_BULK_INVITATIONS) {
      throw InvalidInputException.of("bulkInvitationLimit", "out_of_range",
          "must be between 1 and " + MAX_BULK_INVITATIONS);
    }
  }

  /** The policy with the retention of {@link #defaults()}. */
  public MembershipPolicy(Duration invitationTtl, Duration temporaryPasswordTtl, int minPasswordLength,
      int maxPasswordLength, SignInThrottling signInThrottling, Duration joinRequestCooldown,
      int joinRequestsPerDay, int invitationsPerDay, OutboxPolicy outbox, SignUpRules signUpRules,
      int bulkInvitationLimit, Duration deletedOrganisationRetention) {
    this(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, signInThrottling,
        joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, signUpRules, bulkInvitationLimit,
        deletedOrganisationRetention, RetentionPolicy.defaults());
  }

  /** The policy with the bulk invitation bound and the deleted organisations' retention of {@link #defaults()}. */
  public MembershipPolicy(Duration invitationTtl, Duration temporaryPasswordTtl, int minPasswordLength,
      int maxPasswordLength, SignInThrottling signInThrottling, Duration joinRequestCooldown,
      int joinRequestsPerDay, int invitationsPerDay, OutboxPolicy outbox, SignUpRules signUpRules) {
    this(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, signInThrottling,
        joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, signUpRules, DEFAULT_BULK_INVITATIONS,
        DEFAULT_DELETED_ORGANISATION_RETENTION);
  }

  /** The policy with the sign-up rules of {@link #defaults()}. */
  public MembershipPolicy(Duration invitationTtl, Duration temporaryPasswordTtl, int minPasswordLength,
      int maxPasswordLength, SignInThrottling signInThrottling, Duration joinRequestCooldown,
      int joinRequestsPerDay, int invitationsPerDay, OutboxPolicy outbox) {
    this(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, signInThrottling,
        joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, SignUpRules.defaults());
  }

  /**
   * The policy with the sign-in throttling, the join-request and invitation bounds, the outbox and the
   * sign-up rules of {@link #defaults()}.
   */
  public MembershipPolicy(Duration invitationTtl, Duration temporaryPasswordTtl, int minPasswordLength,
      int maxPasswordLength) {
    this(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, SignInThrottling.defaults(),
        DEFAULT_JOIN_REQUEST_COOLDOWN, DEFAULT_JOIN_REQUESTS_PER_DAY, DEFAULT_INVITATIONS_PER_DAY,
        OutboxPolicy.defaults(), SignUpRules.defaults());
  }

  /**
   * Invitations and temporary passwords last 7 days; passwords of 15 to 1024 characters; sign-in
   * throttled as {@link SignInThrottling#defaults()} says.
   */
  public static MembershipPolicy defaults() {
    return new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 1024);
  }

  public MembershipPolicy withInvitationTtl(Duration ttl) {
    return new MembershipPolicy(ttl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay,
        invitationsPerDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  public MembershipPolicy withTemporaryPasswordTtl(Duration ttl) {
    return new MembershipPolicy(invitationTtl, ttl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay,
        invitationsPerDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  public MembershipPolicy withMinPasswordLength(int length) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, length, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay,
        invitationsPerDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /** How failed sign-ins slow further attempts; see {@link SignInThrottling}. */
  public MembershipPolicy withSignInThrottling(SignInThrottling throttling) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, throttling,
        joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /**
   * Bounds on asking to join, so nobody floods an organisation's reviewers with e-mail: a {@code
   * cooldown} after a withdrawn or denied request before the same account may ask the same
   * organisation again ({@code JOIN_REQUEST_COOLDOWN}), and at most {@code perDay} requests by one
   * account in any 24 hours ({@code JOIN_REQUEST_LIMIT_REACHED}).
   */
  public MembershipPolicy withJoinRequestLimits(Duration cooldown, int perDay) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, cooldown, perDay, invitationsPerDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /**
   * At most {@code perDay} invitation e-mails from one organisation in any 24 hours: invitations,
   * resends, and the invitations that approved join requests send. One more is refused with {@code
   * INVITATION_LIMIT_REACHED} and writes nothing.
   */
  public MembershipPolicy withInvitationsPerDay(int perDay) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, perDay, outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /**
   * At most {@code limit} addresses in one {@code invitations().inviteAll} call; more is refused with
   * {@code INVALID_INPUT} on field {@code invitations} (code {@code too_many}).
   */
  public MembershipPolicy withBulkInvitationLimit(int limit) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, signUpRules, limit, deletedOrganisationRetention, retention);
  }

  /**
   * How long a deleted organisation's audit log stays readable by its former owners (1 to 3650 days);
   * after it, {@code organisations().purgeDeleted()} purges the organisation's data.
   */
  public MembershipPolicy withDeletedOrganisationRetention(Duration deleted) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, invitationsPerDay, outbox, signUpRules,
        bulkInvitationLimit, deleted, retention);
  }

  /** How the outbox retries, gives up and forgets. */
  public MembershipPolicy withOutbox(OutboxPolicy outbox) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, invitationsPerDay,
        outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /** How self-registration proves an address, and its bounds; see {@link SignUpRules}. */
  public MembershipPolicy withSignUpRules(SignUpRules rules) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, invitationsPerDay,
        outbox, rules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /** How long answered join requests and ended invitations are kept; see {@link RetentionPolicy}. */
  public MembershipPolicy withRetention(RetentionPolicy retention) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInThrottling, joinRequestCooldown, joinRequestsPerDay, invitationsPerDay,
        outbox, signUpRules, bulkInvitationLimit, deletedOrganisationRetention, retention);
  }

  /**
   * How long what is over is kept before {@code retention().purge()}, which the host schedules,
   * deletes it. Delivered notifications follow {@link OutboxPolicy#deliveredRetention()}. A removed
   * membership, and every organisation's audit log, are history and never purged by it.
   *
   * @param answeredJoinRequests requests approved, denied or withdrawn longer ago than this are
   *     deleted; default 90 days, 1 to 3,650 days
   * @param endedInvitations invitations cancelled, or whose link expired, longer ago than this are
   *     deleted (accepted ones are kept); default 90 days, 1 to 3,650 days
   */
  public record RetentionPolicy(Duration answeredJoinRequests, Duration endedInvitations) {
    public static final Duration DEFAULT_ANSWERED_JOIN_REQUESTS = Duration.ofDays(90);
    public static final Duration DEFAULT_ENDED_INVITATIONS = Duration.ofDays(90);

    public RetentionPolicy {
      requireDays("answeredJoinRequests", answeredJoinRequests);
      requireDays("endedInvitations", endedInvitations);
    }

    private static void requireDays(String field, Duration retention) {
      Objects.requireNonNull(retention, field);
      if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
        throw InvalidInputException.of(field, "out_of_range", "must be between 1 and 3650 days");
      }
    }

    /** Answered join requests and ended invitations kept 90 days. */
    public static RetentionPolicy defaults() {
      return new RetentionPolicy(DEFAULT_ANSWERED_JOIN_REQUESTS, DEFAULT_ENDED_INVITATIONS);
    }

    public RetentionPolicy withAnsweredJoinRequests(Duration retention) {
      return new RetentionPolicy(retention, endedInvitations);
    }

    public RetentionPolicy withEndedInvitations(Duration retention) {
      return new RetentionPolicy(answeredJoinRequests, retention);
    }
  }

  /**
   * How failed sign-ins slow further attempts. The state lives in the store, so every instance of a
   * fleet counts the same attempts, and it is keyed on the address as typed (normalised), never on
   * whether an account has it: the answers and the work are the same for an address without an account.
   *
   * <p>Each attempt counts on three counters, before its password is checked: the address, the
   * source (the client key the host passes, e.g. the client's IP address), and the pair of both.
   * A counter lets {@code freeFailures} failures in a row through (the source: {@code
   * sourceFreeFailures}, since many people may share it); each failure after that waits {@code
   * firstWait}, doubled for every further failure, up to {@code maxWait}. After {@code hardLimit}
   * consecutive failures (NIST SP 800-63B allows at most 100) the address, and a pair, accept no
   * password for {@code hardLockout} after each further failure. A success resets the address and
   * the pair and takes back its own count on the source (which it does not reset: one account of an
   * attacker's own must not clear a credential-stuffing count).
   *
   * <p>So that a guesser cannot lock the owner out, a source that signed in to the address within
   * {@code trustedSourceFor} is held only by its own pair counter, not by the address's or the
   * source's. Without a client key only the address counter applies, and that protection is lost.
   *
   * @param freeFailures failures in a row of one address, and of one address from one source, before
   *     the first wait; default 5
   * @param sourceFreeFailures failures in a row from one source over all addresses before its first
   *     wait; default 50
   * @param firstWait the first wait; default 30 seconds
   * @param maxWait the longest wait of the back-off, at most {@code hardLockout}; default 15 minutes
   * @param hardLimit consecutive failures of one address (or pair) after which it accepts no password
   *     for {@code hardLockout}; 1 to 100, default 100
   * @param hardLockout how long an address at the hard limit refuses every password, counted from
   *     its last failure; default 24 hours
   * @param trustedSourceFor how long a source that signed in to an address is exempt from the
   *     address's and the source's waits; zero trusts no source; default 30 days
   * @param forgetAfter a counter without a failure for this long starts again from zero and its row
   *     is purged; at least {@code hardLockout}; default 24 hours
   */
  public record SignInThrottling(
      int freeFailures,
      int sourceFreeFailures,
      Duration firstWait,
      Duration maxWait,
      int hardLimit,
      Duration hardLockout,
      Duration trustedSourceFor,
      Duration forgetAfter) {

    /** NIST SP 800-63B: at most 100 consecutive failed attempts on one account. */
    public static final int NIST_MAX_CONSECUTIVE_FAILURES = 100;

    private static final Duration LONGEST = Duration.ofDays(365);

    public SignInThrottling {
      Objects.requireNonNull(firstWait, "firstWait");
      Objects.requireNonNull(maxWait, "maxWait");
      Objects.requireNonNull(hardLockout, "hardLockout");
      Objects.requireNonNull(trustedSourceFor, "trustedSourceFor");
      Objects.requireNonNull(forgetAfter, "forgetAfter");
      if (hardLimit < 1 || hardLimit > NIST_MAX_CONSECUTIVE_FAILURES) {
        throw outOfRange("hardLimit", "must be between 1 and " + NIST_MAX_CONSECUTIVE_FAILURES);
      }
      if (freeFailures < 1 || freeFailures > hardLimit) {
        throw outOfRange("freeFailures", "must be between 1 and the hard limit");
      }
      if (sourceFreeFailures < 1 || sourceFreeFailures > 1_000_000) {
        throw outOfRange("sourceFreeFailures", "must be between 1 and 1000000");
      }
      if (!positive(hardLockout) || hardLockout.compareTo(LONGEST) > 0) {
        throw outOfRange("hardLockout", "must be more than zero and at most 365 days");
      }
      if (!positive(maxWait) || maxWait.compareTo(hardLockout) > 0) {
        throw outOfRange("maxWait", "must be more than zero and at most the hard lockout");
      }
      if (!positive(firstWait) || firstWait.compareTo(maxWait) > 0) {
        throw outOfRange("firstWait", "must be more than zero and at most the longest wait");
      }
      if (trustedSourceFor.isNegative() || trustedSourceFor.compareTo(LONGEST) > 0) {
        throw outOfRange("trustedSourceFor", "must be between zero and 365 days");
      }
      if (forgetAfter.compareTo(hardLockout) < 0 || forgetAfter.compareTo(LONGEST) > 0) {
        throw outOfRange("forgetAfter", "must be at least the hard lockout and at most 365 days");
      }
    }

    /**
     * 5 free failures per address (50 per source), then 30 s, 1, 2, 4, 8 minutes and 15 minutes from
     * then on; 100 consecutive failures lock the address for 24 hours; a source that signed in stays
     * trusted for 30 days; counters are forgotten after 24 hours without a failure.
     */
    public static SignInThrottling defaults() {
      return new SignInThrottling(5, 50, Duration.ofSeconds(30), Duration.ofMinutes(15),
          NIST_MAX_CONSECUTIVE_FAILURES, Duration.ofHours(24), Duration.ofDays(30), Duration.ofHours(24));
    }

    /** The same with other free failures per address and waits (first, longest). */
    public SignInThrottling withBackoff(int freeFailures, Duration firstWait, Duration maxWait) {
      return new SignInThrottling(freeFailures, sourceFreeFailures, firstWait, maxWait, hardLimit, hardLockout,
          trustedSourceFor, forgetAfter);
    }

    /** The same with another number of free failures per source. */
    public SignInThrottling withSourceFreeFailures(int failures) {
      return new SignInThrottling(freeFailures, failures, firstWait, maxWait, hardLimit, hardLockout,
          trustedSourceFor, forgetAfter);
    }

    /** The same with another hard limit and lockout (and {@code forgetAfter} raised to the lockout if shorter). */
    public SignInThrottling withHardLimit(int failures, Duration lockout) {
      return new SignInThrottling(freeFailures, sourceFreeFailures, firstWait, maxWait, failures, lockout,
          trustedSourceFor, forgetAfter.compareTo(lockout) < 0 ? lockout : forgetAfter);
    }

    /** The same with another trust period for sources that signed in. */
    public SignInThrottling withTrustedSourceFor(Duration trust) {
      return new SignInThrottling(freeFailures, sourceFreeFailures, firstWait, maxWait, hardLimit, hardLockout,
          trust, forgetAfter);
    }

    /** The same with another memory of failures. */
    public SignInThrottling withForgetAfter(Duration forget) {
      return new SignInThrottling(freeFailures, sourceFreeFailures, firstWait, maxWait, hardLimit, hardLockout,
          trustedSourceFor, forget);
    }

    private static boolean positive(Duration duration) {
      return !duration.isNegative() && !duration.isZero();
    }

    private static InvalidInputException outOfRange(String field, String message) {
      return InvalidInputException.of("signInThrottling." + field, "out_of_range", message);
    }
  }

  /**
   * The outbox's settings. Between attempts a notification waits 30 seconds, doubling after each
   * failure up to an hour; the defaults (20 attempts) keep trying for about 13 hours.
   *
   * @param maxAttempts attempts to hand a notification to the sender before it becomes a dead letter
   *     (which the host lists, retries or discards through {@code outbox()}); default 20, 1 to 100
   * @param lease how long a dispatcher holds the notifications it claimed: nobody else sends them
   *     meanwhile, and the claims of a dispatcher that died become due again after it. It must
   *     outlast the sending of one batch (50 notifications); a dispatcher never sends one whose lease
   *     has run out. Default 10 minutes, 10 seconds to 24 hours
   * @param deliveredRetention how long delivered notifications are kept before {@code
   *     outbox().purgeDelivered()} deletes them; default 30 days, at least 1 day (the daily invitation
   *     limit counts the last 24 hours of them), at most 3,650 days
   */
  public record OutboxPolicy(int maxAttempts, Duration lease, Duration deliveredRetention) {
    public static final int DEFAULT_MAX_ATTEMPTS = 20;
    public static final int MAX_ATTEMPTS = 100;
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DELIVERED_RETENTION = Duration.ofDays(30);

    public OutboxPolicy {
      Objects.requireNonNull(lease, "lease");
      Objects.requireNonNull(deliveredRetention, "deliveredRetention");
      if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
        throw InvalidInputException.of("maxAttempts", "out_of_range", "must be between 1 and " + MAX_ATTEMPTS);
      }
      if (lease.compareTo(Duration.ofSeconds(10)) < 0 || lease.compareTo(Duration.ofHours(24)) > 0) {
        throw InvalidInputException.of("lease", "out_of_range", "must be between 10 seconds and 24 hours");
      }
      if (deliveredRetention.compareTo(Duration.ofDays(1)) < 0
          || deliveredRetention.compareTo(Duration.ofDays(3650)) > 0) {
        throw InvalidInputException.of("deliveredRetention", "out_of_range", "must be between 1 and 3650 days");
      }
    }

    /** 20 attempts, a lease of 10 minutes, delivered notifications kept 30 days. */
    public static OutboxPolicy defaults() {
      return new OutboxPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_LEASE, DEFAULT_DELIVERED_RETENTION);
    }

    public OutboxPolicy withMaxAttempts(int attempts) {
      return new OutboxPolicy(attempts, lease, deliveredRetention);
    }

    public OutboxPolicy withLease(Duration lease) {
      return new OutboxPolicy(maxAttempts, lease, deliveredRetention);
    }

    public OutboxPolicy withDeliveredRetention(Duration retention) {
      return new OutboxPolicy(maxAttempts, lease, retention);
    }
  }

  /**
   * Self-registration creates no account until the address is proved: {@code accounts().register}
   * e-mails a link that works for {@code verificationTtl}, and {@code accounts().verifyEmail} creates
   * the account. Signing up answers the same for an address with an account and one without (the
   * owner of a taken address gets an e-mail instead), and so may an admin's "create user directly"
   * tell only so often whether an address has an account.
   *
   * <p>Every bound counts in the store, so every instance of a fleet sees the same counts. The sign-up
   * e-mails of an address are counted over the 24 hours before each call; parallel calls may each pass
   * that bound, by at most the number running at once (each signing-up call hashes a password first).
   * The sign-ups of a source and the existence answers are throttle counters ({@code tx.throttles()}),
   * locked while they are checked and counted, so parallel calls never pass them.
   *
   * @param verificationTtl how long an address-verification link works; default 24 hours, from 5
   *     minutes to 7 days
   * @param signUpEmailsPerAddressPerDay how many sign-up e-mails (verification links, or "someone tried
   *     to sign up" notes to the owner of a taken address) one address receives in 24 hours; then
   *     signing up with it is refused ({@code SIGN_UP_LIMIT_REACHED}) for a taken and a free address
   *     alike; default 5, from 1 to 20
   * @param signUpsPerSourceBeforeWaiting how many sign-ups one source (the client key the host passes
   *     to {@code register}) makes in a row before each further one waits as a sign-in source's
   *     failures do ({@link SignInThrottling#firstWait()}, doubled up to {@link
   *     SignInThrottling#maxWait()}; forgotten after {@link SignInThrottling#forgetAfter()} without a
   *     sign-up; {@code SIGN_UP_THROTTLED}); default 20, from 1 to 1,000,000 (raise it where many
   *     people sign up from one address, e.g. behind a shared NAT)
   * @param existenceAnswersPerOrganisationPerDay how many times in a day one organisation is told that
   *     an address it tried to create directly has an account ({@code ACCOUNT_EXISTS_INVITE_INSTEAD});
   *     then "create user directly" is refused there for every address ({@code
   *     ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED}) until 24 hours after the first of those answers; default
   *     10, from 1 to 100
   * @param existenceAnswersPerAccountPerDay the same per acting account, over every organisation it
   *     acts in, since anyone can found organisations and so multiply the bound per organisation;
   *     default 10, from 1 to 100
   */
  public record SignUpRules(
      Duration verificationTtl,
      int signUpEmailsPerAddressPerDay,
      int signUpsPerSourceBeforeWaiting,
      int existenceAnswersPerOrganisationPerDay,
      int existenceAnswersPerAccountPerDay) {

    /** The longest an address-verification link may work. */
    public static final Duration MAX_VERIFICATION_TTL = Duration.ofDays(7);

    /** The shortest an address-verification link may work. */
    public static final Duration MIN_VERIFICATION_TTL = Duration.ofMinutes(5);

    /** The highest daily number of sign-up e-mails to one address a host may allow. */
    public static final int MAX_SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY = 20;

    /** The most sign-ups in a row one source may make before waiting, whatever the host sets. */
    public static final int MAX_SIGN_UPS_PER_SOURCE_BEFORE_WAITING = 1_000_000;

    /** The highest daily number of "this address has an account" answers to one organisation, or one account, a host may allow. */
    public static final int MAX_EXISTENCE_ANSWERS_PER_DAY = 100;

    public SignUpRules {
      Objects.requireNonNull(verificationTtl, "verificationTtl");
      if (verificationTtl.compareTo(MIN_VERIFICATION_TTL) < 0 || verificationTtl.compareTo(MAX_VERIFICATION_TTL) > 0) {
        throw InvalidInputException.of("signUpRules.verificationTtl", "out_of_range",
            "must be between 5 minutes and 7 days");
      }
      if (signUpEmailsPerAddressPerDay < 1 || signUpEmailsPerAddressPerDay > MAX_SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY) {
        throw InvalidInputException.of("signUpRules.signUpEmailsPerAddressPerDay", "out_of_range",
            "must be between 1 and " + MAX_SIGN_UP_EMAILS_PER_ADDRESS_PER_DAY);
      }
      if (signUpsPerSourceBeforeWaiting < 1 || signUpsPerSourceBeforeWaiting > MAX_SIGN_UPS_PER_SOURCE_BEFORE_WAITING) {
        throw InvalidInputException.of("signUpRules.signUpsPerSourceBeforeWaiting", "out_of_range",
            "must be between 1 and " + MAX_SIGN_UPS_PER_SOURCE_BEFORE_WAITING);
      }
      if (existenceAnswersPerOrganisationPerDay < 1 || existenceAnswersPerOrganisationPerDay > MAX_EXISTENCE_ANSWERS_PER_DAY) {
        throw InvalidInputException.of("signUpRules.existenceAnswersPerOrganisationPerDay", "out_of_range",
            "must be between 1 and " + MAX_EXISTENCE_ANSWERS_PER_DAY);
      }
      if (existenceAnswersPerAccountPerDay < 1 || existenceAnswersPerAccountPerDay > MAX_EXISTENCE_ANSWERS_PER_DAY) {
        throw InvalidInputException.of("signUpRules.existenceAnswersPerAccountPerDay", "out_of_range",
            "must be between 1 and " + MAX_EXISTENCE_ANSWERS_PER_DAY);
      }
    }

    /**
     * Links work for 24 hours; 5 sign-up e-mails per address a day; 20 sign-ups in a row per source
     * before waits; 10 existence answers a day per organisation and per acting account.
     */
    public static SignUpRules defaults() {
      return new SignUpRules(Duration.ofHours(24), 5, 20, 10, 10);
    }

    /** The same with links that work for {@code ttl}. */
    public SignUpRules withVerificationTtl(Duration ttl) {
      return new SignUpRules(ttl, signUpEmailsPerAddressPerDay, signUpsPerSourceBeforeWaiting,
          existenceAnswersPerOrganisationPerDay, existenceAnswersPerAccountPerDay);
    }

    /** The same with another daily bound of sign-up e-mails per address. */
    public SignUpRules withSignUpEmailsPerAddressPerDay(int emails) {
      return new SignUpRules(verificationTtl, emails, signUpsPerSourceBeforeWaiting,
          existenceAnswersPerOrganisationPerDay, existenceAnswersPerAccountPerDay);
    }

    /** The same with another number of sign-ups one source makes in a row before it waits. */
    public SignUpRules withSignUpsPerSourceBeforeWaiting(int signUps) {
      return new SignUpRules(verificationTtl, signUpEmailsPerAddressPerDay, signUps,
          existenceAnswersPerOrganisationPerDay, existenceAnswersPerAccountPerDay);
    }

    /** The same with another daily bound of existence answers per organisation. */
    public SignUpRules withExistenceAnswersPerOrganisationPerDay(int answers) {
      return new SignUpRules(verificationTtl, signUpEmailsPerAddressPerDay, signUpsPerSourceBeforeWaiting,
          answers, existenceAnswersPerAccountPerDay);
    }

    /** The same with another daily bound of existence answers per acting account. */
    public SignUpRules withExistenceAnswersPerAccountPerDay(int answers) {
      return new SignUpRules(verificationTtl, signUpEmailsPerAddressPerDay, signUpsPerSourceBeforeWaiting,
          existenceAnswersPerOrganisationPerDay, answers);
    }
  }
}
