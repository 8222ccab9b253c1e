package dev.membership.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One change, recorded in the same transaction as the change itself: who did what to whom, when.
 * Never holds a password or a token. Also what {@code MembershipEventListener}s receive after commit,
 * so a host can react (end the sessions of a deactivated member, keep a removed person's work).
 *
 * @param id its id
 * @param organisationId where it happened
 * @param actor who did it
 * @param action what was done
 * @param subjectAccount the account it was done to, when it concerns one
 * @param subject what it was done to, readable: an e-mail address, a role name, an entitlement key
 * @param occurredAt when
 * @param details further facts, e.g. {@code from}/{@code to} roles; never secrets
 */
public record AuditEvent(
    AuditEventId id,
    OrganisationId organisationId,
    AccountId actor,
    AuditAction action,
    Optional<AccountId> subjectAccount,
    String subject,
    Instant occurredAt,
    Map<String, String> details) {

  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subjectAccount, "subjectAccount");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(occurredAt, "occurredAt");
    details = Map.copyOf(details);
  }
}
