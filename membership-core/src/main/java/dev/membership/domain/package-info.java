/**
 * The domain: immutable records and enums for organisations, accounts, memberships, invitations, join
 * requests, sign-ups, roles, permissions, entitlements, audit events and notifications. State changes are
 * methods that return the next value or throw
 * {@link dev.membership.error.IllegalStateTransitionException}; nothing here knows about storage.
 * Secrets ({@link dev.membership.domain.Password}, {@link dev.membership.domain.PasswordHash}, the
 * link of a {@link dev.membership.domain.Notification}, a {@link dev.membership.domain.SignUp}'s password
 * hash) never print.
 */
@NullMarked
package dev.membership.domain;

import org.jspecify.annotations.NullMarked;
