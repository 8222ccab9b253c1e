/**
 * Membership's core: the facade {@link dev.membership.Memberships}, its commands, queries, domain
 * records, errors, the store ports a store implements ({@code dev.membership.spi}) and the password
 * hashing a host may replace ({@code dev.membership.crypto}). {@code dev.membership.internal} holds
 * the use cases' shared machinery and is not exported: it may change in any release.
 *
 * <p>Every package is {@code @NullMarked} (JSpecify): nothing takes or returns {@code null} unless
 * marked {@code @Nullable}, and the public API never does (absent values are {@code Optional}).
 */
module dev.membership.core {
  exports dev.membership;
  exports dev.membership.command;
  exports dev.membership.crypto;
  exports dev.membership.domain;
  exports dev.membership.error;
  exports dev.membership.query;
  exports dev.membership.spi;

  // Hibernate Validator reads the constraint annotations and record components of the commands.
  opens dev.membership.command to org.hibernate.validator;

  requires com.google.common;
  requires com.ibm.icu;
  requires de.mkammerer.argon2.nolibs;
  // The commands carry its constraint annotations (@NotBlank, @Size, ...), which hosts may read.
  requires transitive jakarta.validation;
  requires org.hibernate.validator;
  requires java.logging;
  // Annotations only (@NullMarked, @Nullable): needed to compile, not to run.
  requires static org.jspecify;
}
