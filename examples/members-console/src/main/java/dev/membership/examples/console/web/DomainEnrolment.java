package dev.membership.examples.console.web;

import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.Membership;
import dev.membership.error.MembershipException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Joins a person to the organisation that verified the domain of their address with automatic
 * enrolment, once the address is proved: after the sign-up link is confirmed, after an invitation is
 * accepted with a new password, after the forced password change, and at every sign-in (the library
 * answers empty when there is nothing to do, so asking again is harmless). The library checks who may
 * join and the seats; a refusal (no seat left, the access ended) leaves the person as they were and
 * does not stop the sign-in.
 */
@Component
public class DomainEnrolment {
  private static final Logger LOG = LoggerFactory.getLogger(DomainEnrolment.class);
  private final Memberships membership;

  public DomainEnrolment(Memberships membership) {
    this.membership = membership;
  }

  /** The membership the account's verified domain gave it now, if any. */
  public Optional<Membership> joinByDomain(AccountId account) {
    try {
      return membership.domains().enrol(account);
    } catch (MembershipException refused) {
      LOG.info("Automatic enrolment of account {} refused: {}", account, refused.code());
      return Optional.empty();
    }
  }
}
