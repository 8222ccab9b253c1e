/**
 * The ports a host or an adapter implements: the {@link dev.membership.spi.MembershipStore} with its
 * transaction boundary (and the stores a transaction reaches, such as the
 * {@link dev.membership.spi.AccountEventStore}, the {@link dev.membership.spi.OutboxStore}, the
 * {@link dev.membership.spi.SignUps} and the {@link dev.membership.spi.Throttles} counters), the
 * {@link dev.membership.spi.NotificationSender}, the
 * {@link dev.membership.spi.PasswordHasher}, the {@link dev.membership.spi.SecretGenerator}, the
 * {@link dev.membership.spi.BreachedPasswordCheck} and the
 * {@link dev.membership.spi.MembershipEventListener}. The clock is a plain {@link java.time.Clock}.
 */
@NullMarked
package dev.membership.spi;

import org.jspecify.annotations.NullMarked;
