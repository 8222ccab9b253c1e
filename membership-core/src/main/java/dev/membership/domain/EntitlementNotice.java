package dev.membership.domain;

/**
 * Which notice about an entitlement's end the organisation's entitlement managers were sent: each is
 * sent once per entitlement and end date (an extended trial gets its notices again for the new end).
 */
public enum EntitlementNotice {
  /** Sent the configured time before the end: {@link NotificationType#ENTITLEMENT_ENDING}. */
  ENDING,
  /** Sent once the end has passed: {@link NotificationType#ENTITLEMENT_ENDED}. */
  ENDED,
}
