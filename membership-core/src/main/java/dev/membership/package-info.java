/**
 * Membership: organisation and member management for Java servers. Start at
 * {@link dev.membership.Memberships#builder()}; each capability (organisations, members, invitations,
 * join requests, roles, entitlements, accounts, access checks, audit, outbox) is one class reached
 * from the facade.
 */
@NullMarked
package dev.membership;

import org.jspecify.annotations.NullMarked;
