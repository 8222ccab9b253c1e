package dev.membership.domain;

/** How a domain was proved. */
public enum DomainVerification {
  /** The host found the domain's TXT record with the organisation's token and called {@code domains().verify}. */
  DNS_TXT,
  /**
   * An address of the domain accepted an invitation to the organisation. Weaker than DNS: it proves one
   * mailbox, not the domain, so it allows suggesting the organisation but not joining automatically,
   * and a DNS proof by another organisation takes the domain over.
   */
  INVITATION_ACCEPTED,
}
