/**
 * Micrometer for Membership, without Spring: {@link dev.membership.micrometer.MicrometerCommandObserver}
 * (timers, sign-in outcomes, throttle hits, Observations) and {@link
 * dev.membership.micrometer.OutboxMetrics} (backlog gauges). The Spring Boot starter wires both when
 * Micrometer is on the class path.
 */
@NullMarked
package dev.membership.micrometer;

import org.jspecify.annotations.NullMarked;
