package dev.membership.query;

import dev.membership.domain.ClientVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * The answer of {@code access().check(account, organisation, application, clientVersion)}: allowed,
 * or refused with a reason a client can show. Checked in this order: the member, the entitlement,
 * its end, the client.
 */
public sealed interface AccessDecision {

  /** Whether the account may use the application with that client now. */
  default boolean allowed() {
    return this instanceof Allowed;
  }

  /** Allowed. */
  record Allowed() implements AccessDecision {}

  /**
   * The account is not an active member there: not a member, deactivated, the organisation deleted,
   * or still on a temporary password.
   */
  record MemberNotActive() implements AccessDecision {}

  /** The organisation does not hold the application's entitlement, or did not grant it to the member. */
  record NoEntitlement() implements AccessDecision {}

  /**
   * The organisation's trial or licence ended.
   *
   * @param endedAt when it ended
   */
  record EntitlementEnded(Instant endedAt) implements AccessDecision {
    public EntitlementEnded {
      Objects.requireNonNull(endedAt, "endedAt");
    }
  }

  /**
   * The client is older than the application accepts.
   *
   * @param minimum the oldest version on the client's line (or the next line) that would be accepted
   * @param since when the policy that refuses it started to apply
   */
  record ClientTooOld(ClientVersion minimum, Instant since) implements AccessDecision {
    public ClientTooOld {
      Objects.requireNonNull(minimum, "minimum");
      Objects.requireNonNull(since, "since");
    }
  }
}
