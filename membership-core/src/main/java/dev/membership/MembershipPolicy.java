package dev.membership;

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
 * @param signInFailuresBeforeThrottle failed sign-ins per e-mail address before sign-in is throttled
 * @param throttleWindow how long failures are remembered and a throttle lasts
 */
public record MembershipPolicy(
    Duration invitationTtl,
    Duration temporaryPasswordTtl,
    int minPasswordLength,
    int maxPasswordLength,
    int signInFailuresBeforeThrottle,
    Duration throttleWindow) {

  public static final Duration MAX_INVITATION_TTL = Duration.ofDays(30);

  /** The longest maximum a host may allow: every password up to it is Unicode-normalised whole. */
  public static final int MAX_PASSWORD_LENGTH = 2048;

  public MembershipPolicy {
    Objects.requireNonNull(invitationTtl, "invitationTtl");
    Objects.requireNonNull(temporaryPasswordTtl, "temporaryPasswordTtl");
    Objects.requireNonNull(throttleWindow, "throttleWindow");
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
    if (throttleWindow.isNegative() || throttleWindow.isZero()) {
      throw InvalidInputException.of("throttleWindow", "out_of_range", "must be more than zero");
    }
    if (signInFailuresBeforeThrottle < 1) {
      throw InvalidInputException.of("signInFailuresBeforeThrottle", "out_of_range", "must be at least 1");
    }
  }

  /** Invitations and temporary passwords last 7 days; passwords of 15 to 1024 characters; 5 failures. */
  public static MembershipPolicy defaults() {
    return new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 1024, 5, Duration.ofMinutes(15));
  }

  public MembershipPolicy withInvitationTtl(Duration ttl) {
    return new MembershipPolicy(ttl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength,
        signInFailuresBeforeThrottle, throttleWindow);
  }

  public MembershipPolicy withTemporaryPasswordTtl(Duration ttl) {
    return new MembershipPolicy(invitationTtl, ttl, minPasswordLength, maxPasswordLength,
        signInFailuresBeforeThrottle, throttleWindow);
  }

  public MembershipPolicy withMinPasswordLength(int length) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, length, maxPasswordLength,
        signInFailuresBeforeThrottle, throttleWindow);
  }

  public MembershipPolicy withSignInThrottle(int failures, Duration window) {
    return new MembershipPolicy(invitationTtl, temporaryPasswordTtl, minPasswordLength, maxPasswordLength, failures,
        window);
  }
}
