package dev.membership.domain;

/** What kind of password an account has. */
public enum CredentialState {
  /** Chosen by the person; the normal state. */
  PERSONAL,
  /**
   * Set by an organisation's admin (created directly, credentials resent or changed by the admin):
   * it expires, and it only lets the account change its password.
   */
  TEMPORARY,
}
