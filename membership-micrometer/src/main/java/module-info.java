/**
 * Micrometer metrics and observations for Membership's commands and outbox. Micrometer's jars name
 * their modules in their manifests ({@code micrometer.core}, {@code micrometer.observation}).
 */
module dev.membership.micrometer {
  exports dev.membership.micrometer;

  requires transitive dev.membership.core;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;
  requires static org.jspecify;
}
