/**
 * What a host team needs to test against Membership in milliseconds: the
 * {@link dev.membership.testkit.InMemoryMembershipStore}, a {@link dev.membership.testkit.MutableClock},
 * a {@link dev.membership.testkit.RecordingNotificationSender} mailbox, the
 * {@link dev.membership.testkit.FastTestPasswordHasher} (tests only), the
 * {@link dev.membership.testkit.MembershipExtension} for JUnit Jupiter, and one-line scenario fixtures
 * through {@link dev.membership.testkit.TestMembership}.
 */
@NullMarked
package dev.membership.testkit;

import org.jspecify.annotations.NullMarked;
