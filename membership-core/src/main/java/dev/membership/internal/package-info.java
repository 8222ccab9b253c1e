/**
 * Machinery shared by the use cases: the transaction and after-commit context, input validation,
 * the password policy, the sign-in throttle (kept in the store) and its back-off, the no-escalation
 * guard and the outbox dispatcher. Not part of the API: it may change in any release.
 */
@NullMarked
package dev.membership.internal;

import org.jspecify.annotations.NullMarked;
