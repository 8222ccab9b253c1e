package dev.membership;

import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
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
import dev.membership.error.ThrottledException;
import dev.membership.internal.Context;
import dev.membership.internal.NotFound;
import dev.membership.internal.Rules;
import dev.membership.internal.ObservedCommands;
import dev.membership.internal.ThrottleGate;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.TransactionWork;
import java.net.URI;
import java.time.Instant;
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
  private final ThrottleGate gate;
  private final Supplier<PasswordHash> dummyHash;

  Accounts(Context context) {
    this.context = context;
    this.gate = new ThrottleGate(context);
    // A real hash of a random password: an unknown address costs the same verify as a known one.
    PasswordHash dummy = context.hasher.hash(context.secrets.temporaryPassword());
    this.dummyHash = () -> dummy;
  }

  /**
   * A person signs up with a password of their own, the source of the sign-up unknown. Prefer {@link
   * #register(Registration, String)}: without a client key only the address's daily bound applies,
   * so one client may sign up any number of addresses (an e-mail to each, and a sign-up row kept for
   * each), as many as its requests reach.
   *
   * @see #register(Registration, String)
   */
  public RegistrationReceipt register(Registration registration) {
    return register(registration, Optional.empty());
  }

  /**
   * A person signs up with a password of their own, from a source the host names with {@code
   * clientKey} (as for {@link #signIn(String, Password, String)}: the client's IP address as the host's
   * own edge sees it). No account exists until the address is proved: this stores a sign-up (the name,
   * the Argon2id hash of the password, the SHA-256 of a single-use 256-bit token, an expiry of {@code
   * MembershipPolicy.SignUpRules.verificationTtl}) and e-mails the address a link ({@code
   * NotificationType.VERIFY_EMAIL}, built by the builder's {@code emailVerificationLinks}); {@link
   * #verifyEmail} then creates the account. Until then nobody can sign in as the address, so nobody can
   * squat it by signing up first.
   *
   * <p>The answer is the same, after the same work, whether or not the address has an account: the
   * password is hashed and one e-mail is written to the outbox in both cases, but the owner of a taken
   * address is told that someone tried to sign up with it ({@code NotificationType.SIGN_UP_ATTEMPTED},
   * no link, no password) instead of receiving a link. No exception tells either. (An account an
   * organisation's admin created that nobody has signed in to yet is no one's own: its address gets a
   * link, and proving it claims the account; see {@link #verifyEmail}.) An address receives at most
   * {@code signUpEmailsPerAddressPerDay} such e-mails in 24 hours, both kinds counted; then signing up
   * with it is refused ({@code SIGN_UP_LIMIT_REACHED}) whether it has an account or not.
   *
   * <p>Sign-ups are throttled by source in the store, as sign-in is: every call from the source counts,
   * before anything about the address is read and whatever the address, also when the address's daily
   * bound then refuses it or the password policy refuses the password (the policy's {@code
   * BreachedPasswordCheck} may be a remote service: it is asked only after the count), except one
   * with a malformed address, name or client key, or one held back; after {@code
   * SignUpRules.signUpsPerSourceBeforeWaiting} sign-ups in a row each further one waits, 30 seconds
   * doubling up to 15 minutes by default ({@code SIGN_UP_THROTTLED}, a {@link ThrottledException}
   * with {@code retryAfter()}). So one client cannot send sign-up e-mails to thousands of addresses
   * or fill the sign-up table.
   *
   * @throws dev.membership.error.InvalidInputException a malformed address or name, a password the
   *     policy refuses (the same for any address), or a blank {@code clientKey} or one longer than 512
   *     characters
   * @throws ConflictException {@code SIGN_UP_LIMIT_REACHED}
   * @throws ThrottledException {@code SIGN_UP_THROTTLED}
   * @throws IllegalStateException if the builder was given no {@code emailVerificationLinks}
   */
  public RegistrationReceipt register(Registration registration, String clientKey) {
    return register(registration, Optional.of(ThrottleGate.source(clientKey)));
  }

  private RegistrationReceipt register(Registration registration, Optional<String> source) {
    Function<String, URI> links = context.emailVerificationLinks.orElseThrow(() -> new IllegalStateException(
        "Memberships.builder() needs emailVerificationLinks(token -> URI) for self-registration"));
    context.validator.check("registration", registration);
    EmailAddress email = EmailAddress.of(registration.email());
    String name = registration.displayName(); // cleaned (NFC, trimmed) by the command
    // Refuse an address past its day's e-mails before spending a hash on it: taken or free alike. With a
    // source, the sign-up is counted on the source's counter in the same short transaction first.
    if (source.isPresent()) {
      Optional<ConflictException> refused = switch (gate.admitSignUp(source.get(), tx -> addressRefusal(tx, email))) {
        case ThrottleGate.Admission.Held<Optional<ConflictException>> held -> throw new ThrottledException(
            ErrorCode.SIGN_UP_THROTTLED, "Too many sign-ups from here lately: try again later.", held.retryAfter());
        case ThrottleGate.Admission.Admitted<Optional<ConflictException>> admitted -> admitted.value();
      };
      if (refused.isPresent()) {
        throw refused.get(); // counted on the source all the same
      }
    } else {
      // The work has no result: null stands for Void (TransactionWork's result is non-null for stores' results).
      @SuppressWarnings("NullAway")
      TransactionWork<Void> checkAllowed = tx -> {
        context.bounds.requireSignUpAllowed(tx, email, context.now());
        return null;
      };
      context.read(checkAllowed);
    }
    context.passwords.check("password", registration.password(), email);
    // Hashed, and a token drawn and its link built, whether or not the address has an account: the
    // same work, so the same time, either way.
    PasswordHash hash = context.hasher.hash(registration.password());
    String token = context.secrets.invitationToken();
    URI link = links.apply(token);
    return context.write(uow -> {
      context.bounds.requireSignUpAllowed(uow.tx, email, uow.now);
      if (uow.tx.accounts().findByEmail(email).filter(account -> !account.isClaimable()).isPresent()) {
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

  /** The address's daily bound, as a value: the transaction that counted the source's sign-up commits. */
  private Optional<ConflictException> addressRefusal(StoreTransaction tx, EmailAddress email) {
    try {
      context.bounds.requireSignUpAllowed(tx, email, context.now());
      return Optional.empty();
    } catch (ConflictException limitReached) {
      return Optional.of(limitReached);
    }
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
   * <p>If an organisation's admin created an account for the address directly and nobody has signed in
   * to it or chosen its password yet (it is claimable, as through an invitation link), proving the
   * address claims it: it gets the name and password chosen at sign-up, keeps its memberships, and no
   * organisation may set its credentials any more ({@code ACCOUNT_CLAIMED} in the creating
   * organisation's audit log and in the account's history, which ends all its sessions). An account
   * that is anyone's own already is never touched: the link is no longer valid, sign in instead.
   *
   * <p>Every attempt is counted on the sign-up, in a transaction of its own, before its password is
   * checked (as sign-in counts), and the {@value SignUp#MAX_FAILED_ATTEMPTS}th wrong password ends it,
   * so a leaked link cannot be tried against more guesses than that, not even many at once.
   *
   * @throws NotFoundException {@code EMAIL_VERIFICATION_NOT_FOUND} for a token the library did not send
   * @throws ConflictException {@code EMAIL_VERIFICATION_EXPIRED}, or {@code
   *     EMAIL_VERIFICATION_NO_LONGER_VALID} for a link used already or ended (the address was proved
   *     another way, an account of its person's exists for it now, or too many wrong passwords)
   * @throws InvalidCredentialsException if {@code password} is not the one chosen at sign-up
   */
  public Account verifyEmail(String token, Password password) {
    Objects.requireNonNull(password, "password");
    TokenHash hash = verificationHashOf(token);
    SignUp seen = admitAttempt(hash);
    boolean matches = password.reveal().length() <= context.policy.maxPasswordLength() * 2
        && context.hasher.verify(seen.chosen().orElseThrow().passwordHash(), password);
    if (!matches) {
      endIfSpent(hash);
      throw new InvalidCredentialsException();
    }
    try {
      return context.write(uow -> {
        SignUp signUp = openSignUp(uow.tx, hash, uow.now);
        Optional<Account> claimable = claimableOrNone(uow.tx, signUp.email());
        SignUp.Chosen chosen = signUp.chosen().orElseThrow();
        Account account;
        if (claimable.isPresent()) {
          // The mailbox is proved (the link) by the person who signed up (the password): as an
          // invitation link would, it claims an account an admin created that nobody has used yet.
          OrganisationId createdBy = claimable.get().createdByOrganisation().orElseThrow();
          account = uow.tx.accounts().update(claimable.get().claim(chosen.displayName(), chosen.passwordHash()));
          Map<String, String> details = Map.of("createdBy", createdBy.toString(), "provedBy", "EMAIL_VERIFICATION");
          uow.audit(createdBy, account.id(), AuditAction.ACCOUNT_CLAIMED, Optional.of(account.id()),
              account.email().value(), details);
          uow.accountEvent(account.id(), account.id(), Optional.of(createdBy), AccountEventType.ACCOUNT_CLAIMED,
              details);
        } else {
          account = Account.registered(signUp.email(), chosen.displayName(), chosen.passwordHash(), uow.now);
          uow.tx.accounts().insert(account);
          uow.accountEvent(account.id(), account.id(), Optional.empty(), AccountEventType.EMAIL_VERIFIED, Map.of());
        }
        uow.tx.signUps().update(signUp.verify(uow.now));
        Rules.endSignUps(uow, signUp.email());
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

  /** The admin-created account proving the address may claim, if any; refuses an account that is someone's own. */
  private static Optional<Account> claimableOrNone(StoreTransaction tx, EmailAddress email) {
    Optional<Account> existing = tx.accounts().findByEmail(email);
    if (existing.isPresent() && !existing.get().isClaimable()) {
      throw accountExistsNow();
    }
    return existing;
  }

  /**
   * Counts an attempt with the link before its password is checked, as sign-in does, so that guesses
   * made in parallel (on one instance or many) cannot all be checked before any is counted: at most
   * {@value SignUp#MAX_FAILED_ATTEMPTS} are ever checked. A link with that many attempts counted is
   * ended here and refused.
   */
  private SignUp admitAttempt(TokenHash hash) {
    for (int tries = 1; ; tries++) {
      try {
        Optional<SignUp> admitted = context.write(uow -> {
          SignUp signUp = openSignUp(uow.tx, hash, uow.now);
          claimableOrNone(uow.tx, signUp.email());
          if (signUp.failedAttempts() >= SignUp.MAX_FAILED_ATTEMPTS) {
            uow.tx.signUps().update(signUp.end(uow.now));
            return Optional.<SignUp>empty();
          }
          return Optional.of(uow.tx.signUps().update(signUp.attempted()));
        });
        return admitted.orElseThrow(() -> new ConflictException(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID,
            "This link is no longer valid: it was used already, or the address was confirmed another way."));
      } catch (ConcurrentModificationException countedAtTheSameTime) {
        // Another attempt was counted at once: count this one on top, or give up as the loser of a race.
        if (tries >= 4) {
          throw countedAtTheSameTime;
        }
      }
    }
  }

  /** A wrong password: the attempt is counted already; the {@value SignUp#MAX_FAILED_ATTEMPTS}th ends the link. */
  private void endIfSpent(TokenHash hash) {
    try {
      context.write(uow -> {
        uow.tx.signUps().findByTokenHash(hash)
            .filter(s -> s.isOpenAt(uow.now) && s.failedAttempts() >= SignUp.MAX_FAILED_ATTEMPTS)
            .ifPresent(s -> uow.tx.signUps().update(s.end(uow.now)));
        return null;
      });
    } catch (ConcurrentModificationException endedAtTheSameTime) {
      // Another attempt ended or counted it at once: the next admission ends it if this one did not.
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
    return signIn(email, password, Optional.of(ThrottleGate.source(clientKey)));
  }

  private SignInResult signIn(String email, Password password, Optional<String> source) {
    return ObservedCommands.of(context.store).observe("accounts.signIn", () -> attemptSignIn(email, password, source),
        Accounts::outcome);
  }

  /** The outcome a {@link dev.membership.spi.CommandObserver} hears of a sign-in. */
  private static String outcome(SignInResult result) {
    return switch (result) {
      case SignInResult.SignedIn signedIn -> "SIGNED_IN";
      case SignInResult.PasswordChangeRequired required -> "PASSWORD_CHANGE_REQUIRED";
      case SignInResult.TemporaryPasswordExpired expired -> "TEMPORARY_PASSWORD_EXPIRED";
      case SignInResult.Failed failed -> "FAILED";
      case SignInResult.Throttled throttled -> "THROTTLED";
    };
  }

  private SignInResult attemptSignIn(String email, Password password, Optional<String> source) {
    Objects.requireNonNull(password, "password");
    if (password.reveal().length() > context.policy.maxPasswordLength() * 2) {
      // No stored password is that long: the generic answer, without hashing a megabyte.
      return new SignInResult.Failed();
    }
    String address = ThrottleGate.normalisedAddress(email);
    ThrottleGate.Keys keys = ThrottleGate.signIn(address, source);
    Optional<Account> found;
    switch (gate.admit(keys, tx -> EmailAddress.isValid(address)
        ? tx.accounts().findByEmail(EmailAddress.of(address))
        : Optional.<Account>empty())) {
      case ThrottleGate.Admission.Held<Optional<Account>> held -> {
        return new SignInResult.Throttled(held.retryAfter());
      }
      case ThrottleGate.Admission.Admitted<Optional<Account>> admitted ->
          // An erased account answers as an unknown address does: nobody signs in as it.
          found = admitted.value().filter(account -> !account.isErased());
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
    // The password was checked outside any transaction: if it changed meanwhile (its change already
    // told the host to end the account's sessions), the old one must not start a session now.
    try {
      Optional<Account> signedIn = context.write(uow -> {
        Account current = uow.tx.accounts().find(account.id()).orElseThrow();
        if (!current.passwordHash().equals(account.passwordHash())) {
          return Optional.<Account>empty();
        }
        gate.succeeded(uow.tx, keys);
        Account next = current.signedInAt(uow.now);
        if (stronger.isPresent()) {
          next = next.withRehashedPassword(stronger.get());
        }
        return Optional.of(uow.tx.accounts().update(next));
      });
      return signedIn.<SignInResult>map(SignInResult.SignedIn::new).orElseGet(SignInResult.Failed::new);
    } catch (ConcurrentModificationException racedWithAnotherWrite) {
      // Another write to the account came first: a parallel sign-in (its time of sign-in is enough),
      // or a change of the password, which this attempt must not outlive.
      if (!stillHasPassword(account)) {
        return new SignInResult.Failed();
      }
      // The throttle's reset went with the rolled-back transaction: make it on its own.
      gate.succeeded(keys);
      return new SignInResult.SignedIn(account);
    }
  }

  private boolean stillHasPassword(Account checked) {
    return context.read(tx -> tx.accounts().find(checked.id()))
        .map(current -> current.passwordHash().equals(checked.passwordHash()))
        .orElse(false);
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
    Account account = context.read(tx -> tx.accounts().find(id))
        .orElseThrow(NotFound::account);
    if (account.isErased()) {
      throw new InvalidCredentialsException();
    }
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
      Account fresh = uow.tx.accounts().find(id).orElseThrow();
      if (!fresh.passwordHash().equals(account.passwordHash())) {
        throw new ConcurrentModificationException("The password");
      }
      Account changed = fresh.withPersonalPassword(hash);
      if (account.mustChangePassword()) {
        changed = changed.signedInAt(uow.now); // the forced change completes the first sign-in
      }
      Account stored = uow.tx.accounts().update(changed);
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
    return context.read(tx -> tx.accountEvents().page(account, page.requireForward()));
  }

  /** The account, if it exists. */
  public Optional<Account> find(AccountId id) {
    return context.read(tx -> tx.accounts().find(id));
  }

  /** The account with this address (compared ignoring case and surrounding spaces), if any. */
  public Optional<Account> findByEmail(String email) {
    EmailAddress address = EmailAddress.of(email);
    return context.read(tx -> tx.accounts().findByEmail(address));
  }
}
