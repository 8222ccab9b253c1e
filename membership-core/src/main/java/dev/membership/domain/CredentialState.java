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
  /**
   * The account was erased ({@code erasure()}): its address, name and password are gone, nobody can
   * sign in as it, and it stays only so that the organisations' history can name its pseudonym.
   */
  ERASED,
}
