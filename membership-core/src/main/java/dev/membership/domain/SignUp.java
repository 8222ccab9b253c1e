package dev.membership.domain;

import dev.membership.error.IllegalStateTransitionException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One call of self-registration ("sign up") for an address, kept in the store. No account exists
 * until the address is proved: a sign-up awaiting verification holds what the person chose (name and
 * the Argon2id hash of the password) and the SHA-256 of the single-use token the e-mailed link carries.
 * Proving the address (the link, with the password chosen then) creates the account with exactly
 * those credentials, so a later sign-up of the same address by someone else cannot change them.
 *
 * <p>A sign-up of an address that already has an account is kept as {@link SignUpStatus#OWNER_NOTIFIED}
 * without a name, a password hash or a token: the owner was told, and the row only counts towards the
 * e-mails an address may receive a day.
 *
 * @param id its id
 * @param email the normalised address
 * @param status where it stands
 * @param chosen what the person chose, while it awaits verification; erased once it is verified or ended
 * @param tokenHash the SHA-256 of the link's token; empty for {@code OWNER_NOTIFIED} (no link was sent)
 * @param failedAttempts how many wrong passwords were given with the link
 * @param createdAt when it was made (and its e-mail written to the outbox)
 * @param expiresAt when the link stops working; {@code createdAt} for {@code OWNER_NOTIFIED}
 * @param closedAt when it was verified or ended
 * @param version optimistic version
 */
public record SignUp(
    SignUpId id,
    EmailAddress email,
    SignUpStatus status,
    Optional<Chosen> chosen,
    Optional<TokenHash> tokenHash,
    int failedAttempts,
    Instant createdAt,
    Instant expiresAt,
    Optional<Instant> closedAt,
    long version) {

  /** Wrong passwords given with one link before it ends: the link alone never proves who signed up. */
  public static final int MAX_FAILED_ATTEMPTS = 5;

  /**
   * What the person chose at sign-up.
   *
   * @param displayName their name
   * @param passwordHash the hash of their password (redacted when printed)
   */
  public record Chosen(String displayName, PasswordHash passwordHash) {
    public Chosen {
      Objects.requireNonNull(displayName, "displayName");
      Objects.requireNonNull(passwordHash, "passwordHash");
    }
  }

  public SignUp {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(chosen, "chosen");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(closedAt, "closedAt");
    if ((status == SignUpStatus.AWAITING_VERIFICATION) != chosen.isPresent()) {
      throw new IllegalArgumentException("what the person chose is kept while, and only while, awaiting verification");
    }
    if ((status == SignUpStatus.OWNER_NOTIFIED) == tokenHash.isPresent()) {
      throw new IllegalArgumentException("every sign-up but one of an address with an account has a link");
    }
    if (failedAttempts < 0) {
      throw new IllegalArgumentException("failedAttempts must not be negative");
    }
  }

  /** A sign-up of an address without an account: the verification e-mail carries the token. */
  public static SignUp awaiting(EmailAddress email, String displayName, PasswordHash passwordHash, TokenHash token,
      Instant expiresAt, Instant now) {
    return new SignUp(SignUpId.random(), email, SignUpStatus.AWAITING_VERIFICATION,
        Optional.of(new Chosen(displayName, passwordHash)), Optional.of(token), 0, now, expiresAt, Optional.empty(), 0);
  }

  /** A sign-up of an address that has an account: its owner is told, nothing is kept but the fact. */
  public static SignUp ownerNotified(EmailAddress email, Instant now) {
    return new SignUp(SignUpId.random(), email, SignUpStatus.OWNER_NOTIFIED, Optional.empty(), Optional.empty(), 0,
        now, now, Optional.of(now), 0);
  }

  /** Whether its link works at {@code now}: awaiting verification and not past its expiry. */
  public boolean isOpenAt(Instant now) {
    return status == SignUpStatus.AWAITING_VERIFICATION && now.isBefore(expiresAt);
  }

  /** Whether it awaits verification, expired or not: what proving the address by another way ends. */
  public boolean isAwaitingVerification() {
    return status == SignUpStatus.AWAITING_VERIFICATION;
  }

  /** The address is proved: the account is being created from what was chosen, which is erased here. */
  public SignUp verify(Instant now) {
    if (!isOpenAt(now)) {
      throw new IllegalStateTransitionException("SignUp", status, SignUpStatus.VERIFIED);
    }
    return closed(SignUpStatus.VERIFIED, now);
  }

  /** Ended without an account of its own (the address was proved another way, or too many wrong passwords). */
  public SignUp end(Instant now) {
    if (status != SignUpStatus.AWAITING_VERIFICATION) {
      throw new IllegalStateTransitionException("SignUp", status, SignUpStatus.ENDED);
    }
    return closed(SignUpStatus.ENDED, now);
  }

  /**
   * A password was given with the link and is about to be checked: counted first, so that guesses in
   * parallel cannot all be checked before any is counted. Ends nothing; a right password verifies the
   * sign-up whatever the count, and a link with {@value #MAX_FAILED_ATTEMPTS} counted attempts that
   * did not verify admits no more.
   */
  public SignUp attempted() {
    return new SignUp(id, email, status, chosen, tokenHash, failedAttempts + 1, createdAt, expiresAt, closedAt, version);
  }

  /** A wrong password was given with the link; the {@value #MAX_FAILED_ATTEMPTS}th ends it. */
  public SignUp failedAttempt(Instant now) {
    SignUp counted = new SignUp(id, email, status, chosen, tokenHash, failedAttempts + 1, createdAt, expiresAt,
        closedAt, version);
    return counted.failedAttempts >= MAX_FAILED_ATTEMPTS ? counted.end(now) : counted;
  }

  private SignUp closed(SignUpStatus next, Instant now) {
    return new SignUp(id, email, next, Optional.empty(), tokenHash, failedAttempts, createdAt, expiresAt,
        Optional.of(now), version);
  }
}
