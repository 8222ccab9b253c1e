/**
 * Spring Boot auto-configuration of Membership: {@link
 * dev.membership.spring.boot.autoconfigure.MembershipAutoConfiguration} (the {@code Memberships} bean
 * on the host's DataSource, its links from the host's {@link
 * dev.membership.spring.boot.autoconfigure.MembershipLinks} bean or {@code membership.base-url}, the
 * outbox dispatcher), {@link
 * dev.membership.spring.boot.autoconfigure.MembershipMetricsAutoConfiguration}, {@link
 * dev.membership.spring.boot.autoconfigure.MembershipHealthAutoConfiguration} and {@link
 * dev.membership.spring.boot.autoconfigure.MembershipProblemDetailsAutoConfiguration}. Settings:
 * {@link dev.membership.spring.boot.autoconfigure.MembershipProperties} ({@code membership.*}).
 */
@NullMarked
package dev.membership.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
