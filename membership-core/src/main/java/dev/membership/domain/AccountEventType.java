package dev.membership.domain;

/**
 * What changed about who can sign in as an account, in an {@link AccountEvent}; each says which
 * sessions end, if any (see {@link AccountEvent#sessionsToEnd()}).
 */
public enum AccountEventType {
  /**
   * The person changed their own password, proving the current one. Ends the account's other
   * sessions ({@link SessionsToEnd.AllButCurrent}).
   */
  PASSWORD_CHANGED,
  /**
   * The person replaced a temporary password an admin had set with one of their own: the forced
   * change at first sign-in, or after the credentials were reset. Whoever else knew the temporary
   * password (the admin who set it, anyone who read the e-mail) is out: ends the account's other
   * sessions ({@link SessionsToEnd.AllButCurrent}).
   */
  TEMPORARY_PASSWORD_REPLACED,
  /**
   * An organisation's admin resent the credentials (a new generated temporary password) or set a
   * temporary password ("change password"); the old password stops working. Ends every session of
   * the account ({@link SessionsToEnd.All}).
   */
  CREDENTIALS_RESET,
  /**
   * The person behind the address took over an account an admin had created for it, through an
   * invitation link: their name and password from now on. Ends every session of the account
   * ({@link SessionsToEnd.All}).
   */
  ACCOUNT_CLAIMED,
  /**
   * The person proved their address through the link e-mailed at sign-up (with the password chosen
   * then), and the account was created with the name and password chosen at sign-up: the first
   * event of a self-registered account. A new account has no session to end.
   */
  EMAIL_VERIFIED,
  /**
   * The account was erased (GDPR art. 17), by its person or by the deployment's operator on their
   * request: its personal data is gone and nobody can sign in as it. Ends every session of the
   * account ({@link SessionsToEnd.All}); the host erases its own data about the account too. The
   * only event an erased account's history keeps.
   */
  ACCOUNT_ERASED,
}
