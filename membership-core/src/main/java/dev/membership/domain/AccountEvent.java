package dev.membership.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to who can sign in as an account, recorded in the same transaction as the change and kept
 * in the account's own history ({@code accounts().events}), whichever organisation it happened
 * through. Organisation audit logs keep their own entries as well (e.g. {@code
 * MEMBER_CREDENTIALS_RESENT}); this is the account's side, which needs no organisation. Never holds a
 * password or a token.
 *
 * @param id its id
 * @param accountId the account whose credentials changed
 * @param actor who changed them: the account itself, or the admin who reset them
 * @param organisationId the organisation the change was made through, when one was: the one whose
 *     admin reset the credentials, or whose invitation claimed the account
 * @param type what changed
 * @param occurredAt when
 * @param details further facts, e.g. when a temporary password expires; never secrets
 */
public record AccountEvent(
    AccountEventId id,
    AccountId accountId,
    AccountId actor,
    Optional<OrganisationId> organisationId,
    AccountEventType type,
    Instant occurredAt,
    Map<String, String> details) implements MembershipEvent {

  public AccountEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    details = Map.copyOf(details);
  }

  /**
   * Every change of credentials ends sessions: the person's own change keeps the session that made
   * it, the others end all. The creation of an account ({@code EMAIL_VERIFIED}) ends none: there is none.
   */
  @Override
  public Optional<SessionsToEnd> sessionsToEnd() {
    return switch (type) {
      case PASSWORD_CHANGED, TEMPORARY_PASSWORD_REPLACED -> Optional.of(new SessionsToEnd.AllButCurrent(accountId));
      case CREDENTIALS_RESET, ACCOUNT_CLAIMED, ACCOUNT_ERASED -> Optional.of(new SessionsToEnd.All(accountId));
      case EMAIL_VERIFIED -> Optional.empty();
    };
  }
}
