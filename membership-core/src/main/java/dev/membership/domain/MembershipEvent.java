package dev.membership.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A committed change a host hears through a {@code MembershipEventListener}: either an
 * {@link AuditEvent} (something done in an organisation, also kept in its audit log) or an
 * {@link AccountEvent} (a change to who can sign in as an account, kept in the account's own history).
 * Each says in {@link #sessionsToEnd()} which sessions the host must end, so that no session outlives
 * the credentials or the access it was opened with:
 *
 * <pre>{@code
 * .listener(event -> event.sessionsToEnd().ifPresent(sessions::end))
 * }</pre>
 */
public sealed interface MembershipEvent permits AuditEvent, AccountEvent {

  /** Who made the change. */
  AccountId actor();

  /** When it was made (the instant of the command's transaction). */
  Instant occurredAt();

  /**
   * The sessions the host must end now that the change committed; empty when none need to (the
   * library checks permissions at every call, so a change of role or access needs no new session).
   */
  Optional<SessionsToEnd> sessionsToEnd();
}
