package dev.membership.domain;

/** What a verified domain does for accounts whose proved address is of that domain. */
public enum EnrollmentMode {
  /** Nothing. */
  NONE,
  /** The organisation appears among the account's suggested organisations; the person may ask to join. */
  SUGGEST,
  /**
   * The account joins with the domain's role and access when the host calls {@code
   * domains().enrol(account)} (after the address is proved, or at sign-in). Only for a domain proved
   * by DNS.
   */
  AUTOMATIC,
}
