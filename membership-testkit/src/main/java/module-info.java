/**
 * Membership's testkit: the in-memory store, the JUnit extension and fixtures for a host's tests,
 * and the contract suites ({@code dev.membership.testkit.contract}) every store runs. JUnit Jupiter
 * and AssertJ are the host's (provided scope), read here, never brought along.
 */
module dev.membership.testkit {
  exports dev.membership.testkit;
  exports dev.membership.testkit.contract;

  // JUnit finds and runs the contract suites' @Nested classes and lifecycle methods by reflection.
  opens dev.membership.testkit to org.junit.platform.commons;
  opens dev.membership.testkit.contract to org.junit.platform.commons;

  requires transitive dev.membership.core;
  // The extension's types (ParameterResolver, ExtensionContext) and the suites' annotations are API.
  requires transitive org.junit.jupiter.api;
  // The contract suites take AssertJ types (ThrowingCallable) in protected helpers.
  requires transitive org.assertj.core;
  requires com.google.common;
  requires java.logging;
  requires static org.jspecify;
}
