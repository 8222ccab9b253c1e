package dev.membership;

import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.SignUp;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.error.InvalidCredentialsException;
import dev.membership.error.NotFoundException;
import dev.membership.internal.Context;
import dev.membership.internal.Rules;
import dev.membership.internal.SignInThrottle;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.StoreTransaction;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Accounts and their credentials: sign up and prove the address, sign in, change one's own password,
 * and the account's own history of changes to its credentials. Hashing always runs outside any
 * transaction.
 */
public final class Accounts {
  private final Context context;
  private final SignInThrottle throttle;
  private final Supplier<PasswordHash> dummyHash;

  Accounts(Context context) {
    this.context = context;
    this.throttle = new SignInThrottle(context.clock, context.policy.signInFailuresBeforeThrottle(),
        context.policy.throttleWindow());
    // A real hash of a random password: an unknown address costs the same verify as a known one.
    PasswordHash dummy = context.hasher.hash(context.secrets.temporaryPassword());
    this.dummyHash = () -> dummy;
  }

  /**
   * A person signs up with a password of their own. No account exists until the address is proved:
   * this stores a sign-up (the name, the Argon2id hash of the password, the SHA-256 of a single-use
   * 256-bit token, an expiry of {@code MembershipPolicy.SignUpRules.verificationTtl}) and e-mails the
   * address a link ({@code NotificationType.VERIFY_EMAIL}, built by the builder's {@code
   * emailVerificationLinks}); {@link #verifyEmail} then creates the account. Until then nobody can sign
   * in as the address, so nobody can squat it by signing up first.
   *
   * <p>The answer is the same, after the same work, whether or not the address has an account: the
   * password is hashed and one e-mail is written to the outbox in both cases, but the owner of a taken
   * address is told that someone tried to sign up with it ({@code NotificationType.SIGN_UP_ATTEMPTED},
   * no link, no password) instead of receiving a link. No exception tells either. An address receives
   * at most {@code signUpEmailsPerAddressPerDay} such e-mails in 24 hours, both kinds counted; then
   * signing up with it is refused ({@code SIGN_UP_LIMIT_REACHED}) whether it has an account or not.
   *
   * @throws dev.membership.error.InvalidInputException a malformed address or name, or a password the
   *     policy refuses (the same for any address)
   * @throws ConflictException {@code SIGN_UP_LIMIT_REACHED}
   * @throws IllegalStateException if the builder was given no {@code emailVerificationLinks}
   */
  public RegistrationReceipt register(Registration registration) {
    Function<String, URI> links = context.emailVerificationLinks.orElseThrow(() -> new IllegalStateException(
        "Membership.builder() needs emailVerificationLinks(token -> URI) for self-registration"));
    context.validator.check("registration", registration);
    EmailAddress email = EmailAddress.of(registration.email());
    String name = registration.displayName(); // cleaned (NFC, trimmed) by the command
    context.passwords.check("password", registration.password(), email);
    // Refuse an address past its day's e-mails before spending a hash on it: taken or free alike.
    context.read(tx -> {
      context.bounds.requireSignUpAllowed(tx, email, context.now());
      return null;
    });
    // Hashed, and a token drawn and its link built, whether or not the address has an account: the
    // same work, so the same time, either way.
    PasswordHash hash = context.hasher.hash(registration.password());
    String token = context.secrets.invitationToken();
    URI link = links.apply(token);
    return context.write(uow -> {
      context.bounds.requireSignUpAllowed(uow.tx, email, uow.now);
      if (uow.tx.findAccountByEmail(email).isPresent()) {
        uow.tx.signUps().insert(SignUp.ownerNotified(email, uow.now));
        uow.notifyAddress(NotificationType.SIGN_UP_ATTEMPTED, email, Map.of("attemptedAt", uow.now.toString()),
            Optional.empty());
      } else {
        Instant expiresAt = uow.now.plus(context.policy.signUpRules().verificationTtl());
        uow.tx.signUps().insert(SignUp.awaiting(email, name, hash, TokenHash.of(token), expiresAt, uow.now));
        uow.notifyAddress(NotificationType.VERIFY_EMAIL, email, Map.of("expiresAt", expiresAt.toString()),
            Optional.of(link));
      }
      context.bounds.purgeSignUps(uow.tx, uow.now);
      return new RegistrationReceipt(email);
    });
  }

  /**
   * Proves the address of a sign-up and creates its account: {@code token} is the one the link e-mailed
   * by {@link #register} carries, and {@code password} must be the one chosen at sign-up. The account
   * gets exactly the name and password chosen with that token, so a later sign-up of the same address
   * by someone else changes nothing; and since the link alone proves only the mailbox, a person who
   * follows a link they did not ask for (someone else signed up with their address) creates nothing
   * without that person's password. Every other sign-up of the address still awaiting verification
   * ends. Records {@code EMAIL_VERIFIED} in the new account's history (heard by listeners; it ends no
   * session). The host may sign the person in with the account returned.
   *
   * <p>A wrong password is counted on the sign-up in a transaction of its own, and the {@value
   * SignUp#MAX_FAILED_ATTEMPTS}th ends it, so a leaked link cannot be tried against guesses for long.
   *
   * @throws NotFoundException {@code EMAIL_VERIFICATION_NOT_FOUND} for a token the library did not send
   * @throws ConflictException {@code EMAIL_VERIFICATION_EXPIRED}, or {@code
   *     EMAIL_VERIFICATION_NO_LONGER_VALID} for a link used already or ended (the address was proved
   *     another way, an account exists for it now, or too many wrong passwords)
   * @throws InvalidCredentialsException if {@code password} is not the one chosen at sign-up
   */
  public Account verifyEmail(String token, Password password) {
    Objects.requireNonNull(password, "password");
    TokenHash hash = verificationHashOf(token);
    SignUp seen = context.read(tx -> {
      SignUp signUp = openSignUp(tx, hash, context.now());
      if (tx.findAccountByEmail(signUp.email()).isPresent()) {
        throw accountExistsNow();
      }
      return signUp;
    });
    boolean matches = password.reveal().length() <= context.policy.maxPasswordLength() * 2
        && context.hasher.verify(seen.chosen().orElseThrow().passwordHash(), password);
    if (!matches) {
      countWrongPassword(hash);
      throw new InvalidCredentialsException();
    }
    try {
      return context.write(uow -> {
        SignUp signUp = openSignUp(uow.tx, hash, uow.now);
        if (uow.tx.findAccountByEmail(signUp.email()).isPresent()) {
          throw accountExistsNow();
        }
        SignUp.Chosen chosen = signUp.chosen().orElseThrow();
        Account account = Account.registered(signUp.email(), chosen.displayName(), chosen.passwordHash(), uow.now);
        uow.tx.insertAccount(account);
        uow.tx.signUps().update(signUp.verify(uow.now));
        Rules.endSignUps(uow, signUp.email());
        uow.accountEvent(account.id(), account.id(), Optional.empty(), AccountEventType.EMAIL_VERIFIED, Map.of());
        return account;
      });
    } catch (ConflictException raced) {
      if (raced.code() == ErrorCode.EMAIL_ALREADY_REGISTERED) {
        // Another sign-up of the address, or an invitation, made its account at the same moment.
        throw accountExistsNow();
      }
      throw raced;
    }
  }

  private void countWrongPassword(TokenHash hash) {
    for (int tries = 0; tries < 3; tries++) {
      try {
        context.write(uow -> {
          uow.tx.signUps().findByTokenHash(hash).filter(s -> s.isOpenAt(uow.now))
              .ifPresent(s -> uow.tx.signUps().update(s.failedAttempt(uow.now)));
          return null;
        });
        return;
      } catch (ConcurrentModificationException countedAtTheSameTime) {
        // Another wrong password was counted at once: count this one on top.
      }
    }
  }

  private static SignUp openSignUp(StoreTransaction tx, TokenHash hash, Instant now) {
    SignUp signUp = tx.signUps().findByTokenHash(hash).orElseThrow(Accounts::unknownVerificationLink);
    if (signUp.isOpenAt(now)) {
      return signUp;
    }
    if (signUp.isAwaitingVerification()) {
      throw new ConflictException(ErrorCode.EMAIL_VERIFICATION_EXPIRED,
          "This link has expired: sign up again for a new one.");
    }
    throw new ConflictException(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID,
        "This link is no longer valid: it was used already, or the address was confirmed another way.");
  }

  private static ConflictException accountExistsNow() {
    return new ConflictException(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID,
        "This link is no longer valid: an account with this address exists now. Sign in instead.");
  }

  private static TokenHash verificationHashOf(String token) {
    if (token == null || token.isBlank() || token.length() > 200) {
      throw unknownVerificationLink();
    }
    return TokenHash.of(token);
  }

  private static NotFoundException unknownVerificationLink() {
    return new NotFoundException(ErrorCode.EMAIL_VERIFICATION_NOT_FOUND, "This link is not valid.");
  }

  /**
   * Signs in with an e-mail address and password. An unknown address is verified against a dummy
   * hash and answers exactly like a wrong password; attempts per address are throttled, counted before
   * the password is checked.
   */
  public SignInResult signIn(String email, Password password) {
    Objects.requireNonNull(password, "password");
    String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (password.reveal().length() > context.policy.maxPasswordLength() * 2) {
      // No stored password is that long: the generic answer, without hashing a megabyte.
      return new SignInResult.Failed();
    }
    Optional<Account> found = EmailAddress.isValid(key)
        ? context.read(tx -> tx.findAccountByEmail(EmailAddress.of(key)))
        : Optional.empty();
    Optional<Duration> wait = throttle.tryAcquire(found.map(a -> a.email().value()).orElse(key), found.isPresent());
    if (wait.isPresent()) {
      return new SignInResult.Throttled(wait.get());
    }
    boolean matches = context.hasher.verify(found.map(Account::passwordHash).orElseGet(dummyHash), password);
    if (found.isEmpty() || !matches) {
      return new SignInResult.Failed();
    }
    Account account = found.get();
    throttle.succeeded(account.email().value());
    if (account.mustChangePassword()) {
      return account.temporaryPasswordExpiredAt(context.now())
          ? new SignInResult.TemporaryPasswordExpired()
          : new SignInResult.PasswordChangeRequired(account);
    }
    Optional<PasswordHash> stronger = context.hasher.needsRehash(account.passwordHash())
        ? Optional.of(context.hasher.hash(password))
        : Optional.empty();
    try {
      Account signedIn = context.write(uow -> {
        Account current = uow.tx.findAccount(account.id()).orElseThrow();
        Account next = current.signedInAt(uow.now);
        if (stronger.isPresent() && current.passwordHash().equals(account.passwordHash())) {
          next = next.withRehashedPassword(stronger.get());
        }
        return uow.tx.updateAccount(next);
      });
      return new SignInResult.SignedIn(signedIn);
    } catch (ConcurrentModificationException racedWithAnotherSignIn) {
      // Recording the time of sign-in is bookkeeping: a parallel sign-in that wrote first is enough.
      return new SignInResult.SignedIn(account);
    }
  }

  /**
   * Changes the account's own password, proving it with the current one (which may be the temporary
   * password an admin set: this is how the forced change at first sign-in completes). The new password
   * must differ from the current one, so an admin never keeps knowing it.
   *
   * <p>Listeners then hear an {@link AccountEvent} ({@code PASSWORD_CHANGED}, or {@code
   * TEMPORARY_PASSWORD_REPLACED} for the forced change) that asks the host to end the account's other
   * sessions; a refused change stores and announces nothing.
   *
   * @throws InvalidCredentialsException if {@code current} is wrong or an expired temporary password
   */
  public Account changePassword(AccountId id, Password current, Password next) {
    Objects.requireNonNull(current, "current");
    Account account = context.read(tx -> tx.findAccount(id))
        .orElseThrow(() -> new NotFoundException(ErrorCode.ACCOUNT_NOT_FOUND, "There is no such account."));
    String key = account.email().value();
    context.passwords.check("password", next, account.email());
    if (current.reveal().length() > context.policy.maxPasswordLength() * 2) {
      throw new InvalidCredentialsException();
    }
    if (throttle.tryAcquire(key, true).isPresent()) {
      throw new InvalidCredentialsException();
    }
    if (!context.hasher.verify(account.passwordHash(), current) || account.temporaryPasswordExpiredAt(context.now())) {
      throw new InvalidCredentialsException();
    }
    throttle.succeeded(key);
    if (current.reveal().equals(next.reveal())) {
      throw InvalidInputException.of("password", "same_as_current", "must differ from the current password");
    }
    PasswordHash hash = context.hasher.hash(next);
    return context.write(uow -> {
      Account fresh = uow.tx.findAccount(id).orElseThrow();
      if (!fresh.passwordHash().equals(account.passwordHash())) {
        throw new ConcurrentModificationException("The password");
      }
      Account changed = fresh.withPersonalPassword(hash);
      if (account.mustChangePassword()) {
        changed = changed.signedInAt(uow.now); // the forced change completes the first sign-in
      }
      Account stored = uow.tx.updateAccount(changed);
      uow.accountEvent(id, id, Optional.empty(), account.mustChangePassword()
          ? AccountEventType.TEMPORARY_PASSWORD_REPLACED
          : AccountEventType.PASSWORD_CHANGED, Map.of());
      return stored;
    });
  }

  /**
   * The account's own history of changes to who can sign in as it (its password changed, its
   * credentials reset by an organisation's admin, the account claimed), newest first, keyset-paginated;
   * for the person's "security activity" page. Never holds a password or a token.
   */
  public Page<AccountEvent> events(AccountId account, PageRequest page) {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(page, "page");
    return context.read(tx -> tx.accountEvents().page(account, page));
  }

  /** The account, if it exists. */
  public Optional<Account> find(AccountId id) {
    return context.read(tx -> tx.findAccount(id));
  }

  /** The account with this address (compared ignoring case and surrounding spaces), if any. */
  public Optional<Account> findByEmail(String email) {
    EmailAddress address = EmailAddress.of(email);
    return context.read(tx -> tx.findAccountByEmail(address));
  }
}
