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
import dev.membership.internal.ThrottleGate;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
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
  private final ThrottleGate gate;
  private final Supplier<PasswordHash> dummyHash;

  Accounts(Context context) {
    this.context = context;
    this.gate = new ThrottleGate(context);
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
   * Signs in with an e-mail address and password, the source of the attempt unknown. Prefer
   * {@link #signIn(String, Password, String)}: without a client key only the address's counter
   * throttles, so the owner's own sign-ins wait as long as a guesser's (anyone who guesses at an
   * address slows its owner down and, after {@link MembershipPolicy.SignInThrottling#hardLimit()}
   * failures in a row, locks the owner out for the hard lockout), and one source trying many
   * addresses (credential stuffing) is not slowed at all.
   */
  public SignInResult signIn(String email, Password password) {
    return signIn(email, password, Optional.empty());
  }

  /**
   * Signs in with an e-mail address and password from a source the host names with {@code clientKey}:
   * the client's IP address as the host's own edge sees it (not a header a client could set), or
   * another key of the client, always in one form for one client.
   *
   * <p>An unknown address is verified against a dummy hash and answers exactly like a wrong password.
   * Attempts are throttled in the store, counted before the password is checked, on the address, the
   * source and the pair of both, with the same answers and the same store work whether or not the
   * address has an account (see {@link MembershipPolicy.SignInThrottling}). A source that signed in
   * to this address lately is held back only by its own failures, so a guesser elsewhere cannot lock
   * the owner out.
   *
   * @throws InvalidInputException if {@code clientKey} is blank or longer than 512 characters
   */
  public SignInResult signIn(String email, Password password, String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    String source = clientKey.strip();
    if (source.isEmpty()) {
      throw InvalidInputException.of("clientKey", "required", "is required");
    }
    if (source.length() > ThrottleGate.MAX_CLIENT_KEY_LENGTH) {
      throw InvalidInputException.of("clientKey", "too_long",
          "must be at most " + ThrottleGate.MAX_CLIENT_KEY_LENGTH + " characters");
    }
    return signIn(email, password, Optional.of(source));
  }

  private SignInResult signIn(String email, Password password, Optional<String> source) {
    Objects.requireNonNull(password, "password");
    if (password.reveal().length() > context.policy.maxPasswordLength() * 2) {
      // No stored password is that long: the generic answer, without hashing a megabyte.
      return new SignInResult.Failed();
    }
    String address = ThrottleGate.normalisedAddress(email);
    ThrottleGate.Keys keys = ThrottleGate.signIn(address, source);
    Optional<Account> found;
    switch (gate.admit(keys, tx -> EmailAddress.isValid(address)
        ? tx.findAccountByEmail(EmailAddress.of(address))
        : Optional.<Account>empty())) {
      case ThrottleGate.Admission.Held<Optional<Account>> held -> {
        return new SignInResult.Throttled(held.retryAfter());
      }
      case ThrottleGate.Admission.Admitted<Optional<Account>> admitted -> found = admitted.value();
    }
    boolean matches = context.hasher.verify(found.map(Account::passwordHash).orElseGet(dummyHash), password);
    if (found.isEmpty() || !matches) {
      return new SignInResult.Failed();
    }
    Account account = found.get();
    if (account.mustChangePassword()) {
      if (account.temporaryPasswordExpiredAt(context.now())) {
        // An expired temporary password proves nothing: the attempt stays counted as a failure.
        return new SignInResult.TemporaryPasswordExpired();
      }
      gate.succeeded(keys);
      return new SignInResult.PasswordChangeRequired(account);
    }
    Optional<PasswordHash> stronger = context.hasher.needsRehash(account.passwordHash())
        ? Optional.of(context.hasher.hash(password))
        : Optional.empty();
    try {
      Account signedIn = context.write(uow -> {
        gate.succeeded(uow.tx, keys);
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
      // The throttle's reset went with the rolled-back transaction: make it on its own.
      gate.succeeded(keys);
      return new SignInResult.SignedIn(account);
    }
  }

  /**
   * Changes the account's own password, proving it with the current one (which may be the temporary
   * password an admin set: this is how the forced change at first sign-in completes). The new password
   * must differ from the current one, so an admin never keeps knowing it. Wrong current passwords are
   * throttled on a counter of the account's own, apart from sign-in's, so someone guessing through a
   * stolen session cannot lock the owner out of signing in.
   *
   * <p>Listeners then hear an {@link AccountEvent} ({@code PASSWORD_CHANGED}, or {@code
   * TEMPORARY_PASSWORD_REPLACED} for the forced change) that asks the host to end the account's other
   * sessions; a refused change stores and announces nothing.
   *
   * @throws InvalidCredentialsException if {@code current} is wrong or an expired temporary password,
   *     or if too many wrong ones were tried lately
   */
  public Account changePassword(AccountId id, Password current, Password next) {
    Objects.requireNonNull(current, "current");
    Account account = context.read(tx -> tx.findAccount(id))
        .orElseThrow(() -> new NotFoundException(ErrorCode.ACCOUNT_NOT_FOUND, "There is no such account."));
    ThrottleGate.Keys keys = ThrottleGate.passwordChange(account.id());
    context.passwords.check("password", next, account.email());
    if (current.reveal().length() > context.policy.maxPasswordLength() * 2) {
      throw new InvalidCredentialsException();
    }
    if (gate.admit(keys, tx -> null) instanceof ThrottleGate.Admission.Held<?>) {
      throw new InvalidCredentialsException();
    }
    if (!context.hasher.verify(account.passwordHash(), current) || account.temporaryPasswordExpiredAt(context.now())) {
      throw new InvalidCredentialsException();
    }
    gate.succeeded(keys);
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
