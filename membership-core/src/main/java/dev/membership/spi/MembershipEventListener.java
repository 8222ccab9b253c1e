package dev.membership.spi;

import dev.membership.domain.MembershipEvent;

/**
 * Told of every change after it committed, in commit order within one command, on the thread that
 * made the call: organisation changes ({@link dev.membership.domain.AuditEvent}) and changes to who
 * can sign in as an account ({@link dev.membership.domain.AccountEvent}). Each event says which
 * sessions the host must end ({@link MembershipEvent#sessionsToEnd()}): a changed or reset password,
 * a claimed account, a deactivated or removed member, a deleted organisation. Listeners also hand a
 * removed person's work to someone else or update a search index. A failed command is heard by
 * nobody. A listener that throws does not undo the change; the exception is logged and the next
 * listener still runs.
 */
@FunctionalInterface
public interface MembershipEventListener {
  void onEvent(MembershipEvent event);
}
