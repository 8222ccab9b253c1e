package dev.membership;

import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.error.InvalidCredentialsException;
import dev.membership.error.NotFoundException;
import dev.membership.internal.Context;
import dev.membership.internal.SignInThrottle;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Accounts and their credentials: register, sign in, change one's own password, and the account's own
 * history of changes to its credentials. Hashing always runs outside any transaction.
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

  /** A person signs up with a password of their own. */
  public Account register(Registration registration) {
    context.validator.check("registration", registration);
    EmailAddress email = EmailAddress.of(registration.email());
    context.passwords.check("password", registration.password(), email);
    if (context.read(tx -> tx.findAccountByEmail(email)).isPresent()) {
      throw emailTaken();
    }
    PasswordHash hash = context.hasher.hash(registration.password());
    return context.write(uow -> {
      Account account = Account.registered(email, registration.displayName(), hash, uow.now);
      uow.tx.insertAccount(account);
      return account;
    });
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

  private static ConflictException emailTaken() {
    return new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED,
        "An account with this e-mail address exists: sign in instead.");
  }
}
