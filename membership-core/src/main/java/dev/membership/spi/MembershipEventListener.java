package dev.membership.spi;

import dev.membership.domain.AuditEvent;

/**
 * Told of every change after it committed, in commit order within one command: end the sessions of a
 * deactivated or removed member, hand a removed person's work to someone else, update a search index.
 * A listener that throws does not undo the change; the exception is logged and the next listener
 * still runs.
 */
@FunctionalInterface
public interface MembershipEventListener {
  void onEvent(AuditEvent event);
}
