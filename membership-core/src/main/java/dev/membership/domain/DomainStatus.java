package dev.membership.domain;

/** Whether an organisation proved that a domain is its own. */
public enum DomainStatus {
  /** Added; awaiting proof (a DNS TXT record, or an address of the domain accepting an invitation). */
  PENDING,
  /** Proved; held verified by this organisation alone. */
  VERIFIED,
}
