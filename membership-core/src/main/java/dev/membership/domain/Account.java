package dev.membership.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One person, identified by one e-mail address; may belong to several organisations.
 *
 * @param id its id
 * @param email its normalised address, unique among accounts
 * @param displayName what people see
 * @param passwordHash the stored hash (redacted when printed)
 * @param credentialState whether the password is the person's own or a temporary one
 * @param temporaryPasswordExpiresAt when a temporary password stops working; empty for a personal one
 * @param createdByOrganisation the organisation whose admin created the account directly, if any
 * @param lastSignInAt the last successful sign-in; empty while the account has never signed in
 * @param createdAt when it was created
 * @param version optimistic version
 */
public record Account(
    AccountId id,
    EmailAddress email,
    String displayName,
    PasswordHash passwordHash,
    CredentialState credentialState,
    Optional<Instant> temporaryPasswordExpiresAt,
    Optional<OrganisationId> createdByOrganisation,
    Optional<Instant> lastSignInAt,
    Instant createdAt,
    long version) {

  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(credentialState, "credentialState");
    Objects.requireNonNull(temporaryPasswordExpiresAt, "temporaryPasswordExpiresAt");
    Objects.requireNonNull(createdByOrganisation, "createdByOrganisation");
    Objects.requireNonNull(lastSignInAt, "lastSignInAt");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((credentialState == CredentialState.TEMPORARY) != temporaryPasswordExpiresAt.isPresent()) {
      throw new IllegalArgumentException("a temporary password, and only one, has an expiry");
    }
  }

  /** A person who registered (or accepted an invitation) with a password of their own. */
  public static Account registered(EmailAddress email, String displayName, PasswordHash hash, Instant now) {
    return new Account(AccountId.random(), email, displayName, hash, CredentialState.PERSONAL,
        Optional.empty(), Optional.empty(), Optional.empty(), now, 0);
  }

  /** An account an organisation's admin created directly, with a temporary password. */
  public static Account createdByAdmin(
      EmailAddress email, String displayName, PasswordHash hash, OrganisationId organisation, Instant expiresAt, Instant now) {
    return new Account(AccountId.random(), email, displayName, hash, CredentialState.TEMPORARY,
        Optional.of(expiresAt), Optional.of(organisation), Optional.empty(), now, 0);
  }

  /** Whether the next sign-in must set a new password. */
  public boolean mustChangePassword() {
    return credentialState == CredentialState.TEMPORARY;
  }

  /** Whether a temporary password has run out at {@code now}. */
  public boolean temporaryPasswordExpiredAt(Instant now) {
    return temporaryPasswordExpiresAt.map(expiry -> !now.isBefore(expiry)).orElse(false);
  }

  /** An admin-created account that has not signed in yet shows as "Created by admin". */
  public boolean neverSignedIn() {
    return lastSignInAt.isEmpty();
  }

  /**
   * The person behind the address proved it (through an invitation link e-mailed to it) and takes over
   * an account an organisation's admin created: their own name and password, and no organisation may
   * set its credentials any more. Only while the account is still untouched: created by an admin, on
   * its temporary password, never signed in.
   */
  public boolean isClaimable() {
    // Claiming ends the moment the person has signed in or chosen a password of their own: from then
    // on it is an ordinary account, and whoever holds a link to its address must sign in to accept.
    return createdByOrganisation.isPresent() && credentialState == CredentialState.TEMPORARY && lastSignInAt.isEmpty();
  }

  /** See {@link #isClaimable()}. */
  public Account claim(String name, PasswordHash hash) {
    if (!isClaimable()) {
      throw new IllegalStateException("only an account an admin created can be claimed");
    }
    return new Account(id, email, name, hash, CredentialState.PERSONAL, Optional.empty(), Optional.empty(),
        lastSignInAt, createdAt, version);
  }

  /** The person chose a new password of their own. */
  public Account withPersonalPassword(PasswordHash hash) {
    return new Account(id, email, displayName, hash, CredentialState.PERSONAL, Optional.empty(),
        createdByOrganisation, lastSignInAt, createdAt, version);
  }

  /** An admin set a new temporary password; the old one stops working. */
  public Account withTemporaryPassword(PasswordHash hash, Instant expiresAt) {
    return new Account(id, email, displayName, hash, CredentialState.TEMPORARY, Optional.of(expiresAt),
        createdByOrganisation, lastSignInAt, createdAt, version);
  }

  /** The same password, hashed again with stronger parameters. */
  public Account withRehashedPassword(PasswordHash hash) {
    return new Account(id, email, displayName, hash, credentialState, temporaryPasswordExpiresAt,
        createdByOrganisation, lastSignInAt, createdAt, version);
  }

  public Account signedInAt(Instant now) {
    return new Account(id, email, displayName, passwordHash, credentialState, temporaryPasswordExpiresAt,
        createdByOrganisation, Optional.of(now), createdAt, version);
  }

  public Account withDisplayName(String name) {
    return new Account(id, email, name, passwordHash, credentialState, temporaryPasswordExpiresAt,
        createdByOrganisation, lastSignInAt, createdAt, version);
  }

  /** The address domain of an erased account's placeholder address: reserved, never delivered (RFC 2606). */
  public static final String ERASED_DOMAIN = "erased.invalid";

  /** The encoded "hash" of an erased account: no password hasher accepts it, so no password matches it. */
  public static final PasswordHash ERASED_PASSWORD = new PasswordHash("!erased");

  /** Whether the account was erased ({@link CredentialState#ERASED}). */
  public boolean isErased() {
    return credentialState == CredentialState.ERASED;
  }

  /**
   * The account erased: its address replaced by {@code placeholder} (of {@value #ERASED_DOMAIN}, so
   * the real address is free again), its name by {@code pseudonym}, its password by one nothing
   * matches; it never signed in. Its id stays, so that the organisations' history keeps naming the
   * same (pseudonymous) person.
   */
  public Account erase(EmailAddress placeholder, String pseudonym) {
    if (isErased()) {
      throw new IllegalStateException("the account was erased already");
    }
    if (!placeholder.value().endsWith("@" + ERASED_DOMAIN)) {
      throw new IllegalArgumentException("an erased account's address is of " + ERASED_DOMAIN);
    }
    return new Account(id, placeholder, pseudonym, ERASED_PASSWORD, CredentialState.ERASED, Optional.empty(),
        createdByOrganisation, Optional.empty(), createdAt, version);
  }
}
