package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registered account asking to join an organisation. Every change of status goes through {@link
 * JoinRequestStatus#TRANSITIONS}.
 *
 * @param id its id
 * @param organisationId the organisation asked
 * @param accountId who asks
 * @param message what the person wrote, if anything
 * @param status where it stands
 * @param createdAt when it was made
 * @param decidedBy who approved or denied it
 * @param decidedAt when it was approved, denied or withdrawn
 * @param version optimistic version
 */
public record JoinRequest(
    JoinRequestId id,
    OrganisationId organisationId,
    AccountId accountId,
    Optional<String> message,
    JoinRequestStatus status,
    Instant createdAt,
    Optional<AccountId> decidedBy,
    Optional<Instant> decidedAt,
    long version) {

  public JoinRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(decidedBy, "decidedBy");
    Objects.requireNonNull(decidedAt, "decidedAt");
  }

  public static JoinRequest open(OrganisationId organisation, AccountId account, Optional<String> message, Instant now) {
    return new JoinRequest(JoinRequestId.random(), organisation, account, message, JoinRequestStatus.PENDING, now,
        Optional.empty(), Optional.empty(), 0);
  }

  public JoinRequest approve(AccountId by, Instant now) {
    return decide(JoinRequestStatus.APPROVED, Optional.of(by), now);
  }

  public JoinRequest deny(AccountId by, Instant now) {
    return decide(JoinRequestStatus.DENIED, Optional.of(by), now);
  }

  public JoinRequest withdraw(Instant now) {
    return decide(JoinRequestStatus.WITHDRAWN, Optional.empty(), now);
  }

  /** The same request without its message: the person who wrote it was erased. */
  public JoinRequest withoutMessage() {
    return new JoinRequest(id, organisationId, accountId, Optional.empty(), status, createdAt, decidedBy, decidedAt,
        version);
  }

  private JoinRequest decide(JoinRequestStatus next, Optional<AccountId> by, Instant now) {
    JoinRequestStatus.TRANSITIONS.require(status, next);
    return new JoinRequest(id, organisationId, accountId, message, next, createdAt, by, Optional.of(now), version);
  }
}
