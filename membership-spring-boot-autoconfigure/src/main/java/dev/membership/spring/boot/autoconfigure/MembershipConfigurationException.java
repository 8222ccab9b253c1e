package dev.membership.spring.boot.autoconfigure;

/**
 * Membership cannot start as configured; {@link MembershipFailureAnalyzer} prints {@link
 * #getMessage()} and {@link #action()} instead of a stack trace.
 */
public final class MembershipConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String action;

  public MembershipConfigurationException(String description, String action) {
    super(description);
    this.action = action;
  }

  public MembershipConfigurationException(String description, String action, Throwable cause) {
    super(description, cause);
    this.action = action;
  }

  /** What to do about it. */
  public String action() {
    return action;
  }
}
