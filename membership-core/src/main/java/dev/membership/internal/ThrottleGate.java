package dev.membership.internal;

import dev.membership.MembershipPolicy.SignInThrottling;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.InvalidInputException;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import dev.membership.spi.TransactionWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Throttles password attempts, and sign-ups per source, on counters kept in the store (see {@link
 * SignInThrottling} for the rules), so that every instance of a fleet sees the same counts.
 *
 * <p>An attempt is counted <em>before</em> its password is verified, in one short transaction that
 * locks the attempt's counters (in key order), decides, and counts a failure on each; only a success
 * takes the count back, in a second short transaction. Parallel guesses therefore cannot slip in
 * while the first is still hashing, and hashing never runs inside a transaction. The keys are the
 * address as typed (normalised) and the host's client key, never whether an account exists, so an
 * address without an account costs the same store work and gets the same answers.
 */
public final class ThrottleGate {
  /** Every this many admissions, an instance purges expired counters. */
  static final int PURGE_EVERY = 64;
  /** At most this many counters per purge: more than the three an attempt may create per 64. */
  static final int PURGE_BATCH = 500;
  /** Tries of one short transaction that the database aborted for a concurrent one (a deadlock). */
  private static final int TRIES = 4;
  /** A client key longer than this is no address of a client. */
  public static final int MAX_CLIENT_KEY_LENGTH = 512;

  private final Context context;
  private final SignInThrottling policy;
  private final Backoff backoff;
  private final AtomicLong admissions = new AtomicLong();

  public ThrottleGate(Context context) {
    this.context = context;
    this.policy = context.policy.signInThrottling();
    this.backoff = new Backoff(policy);
  }

  /**
   * The counters one attempt counts on: the {@code primary} one (an address, or an account's password
   * changes), and for a sign-in with a known source, the source's and the pair's.
   */
  public record Keys(ThrottleKey primary, Optional<ThrottleKey> source, Optional<ThrottleKey> pair) {
    List<ThrottleKey> all() {
      List<ThrottleKey> all = new ArrayList<>();
      all.add(primary);
      source.ifPresent(all::add);
      pair.ifPresent(all::add);
      return all;
    }
  }

  /** The outcome of counting an attempt: held back for a while, or let through with what was read. */
  public sealed interface Admission<T> {
    /** Counted; {@code value} is what the admission read in the same transaction. */
    record Admitted<T>(T value) implements Admission<T> {}

    /** Not counted: try again after {@code retryAfter}. */
    record Held<T>(Duration retryAfter) implements Admission<T> {}
  }

  /**
   * The address as the throttle keys it: normalised as {@link EmailAddress} does, also when it is no
   * valid address (so that it is one path whatever was typed).
   */
  public static String normalisedAddress(String typed) {
    if (typed == null) {
      return "";
    }
    return EmailAddress.isValid(typed) ? EmailAddress.of(typed).value() : typed.strip().toLowerCase(Locale.ROOT);
  }

  /** The keys of a sign-in to {@code address} (normalised) from {@code source}, if the host knows it. */
  public static Keys signIn(String address, Optional<String> source) {
    return new Keys(ThrottleKey.of("sign-in address:" + address),
        source.map(s -> ThrottleKey.of("sign-in source:" + s)),
        source.map(s -> ThrottleKey.of("sign-in pair:" + address.length() + ":" + address + s)));
  }

  /** The keys of an account's changes of its own password: apart from sign-in's. */
  public static Keys passwordChange(AccountId account) {
    return new Keys(ThrottleKey.of("password change:" + account), Optional.empty(), Optional.empty());
  }

  /**
   * The key of the sign-ups from {@code source} (a client key, stripped): apart from its sign-ins, so
   * that signing up spends nothing of the source's sign-in failures, nor they its sign-ups.
   */
  /**
   * The counters keyed by an erased account's address or id: its sign-in address counter and its
   * password-change counter. (A counter of the address paired with one source cannot be named
   * without the source: it holds only a digest, and expires by itself.)
   */
  public static List<ThrottleKey> ofErasedAccount(EmailAddress email, AccountId account) {
    return List.of(signIn(email.value(), Optional.empty()).primary(), passwordChange(account).primary());
  }

  static ThrottleKey signUpSource(String source) {
    return ThrottleKey.of("sign-up source:" + source);
  }

  /**
   * In one short transaction: locks the attempt's counters, and either answers how long to wait
   * (counting nothing) or counts a failure on each counter and runs {@code read} in the same
   * transaction.
   */
  public <T> Admission<T> admit(Keys keys, Function<StoreTransaction, T> read) {
    return admit(keys, this::heldUntil, read);
  }

  /**
   * A sign-up from {@code source} (the host's client key, stripped), counted as {@link #admit} counts
   * a sign-in: in one short transaction that locks the source's sign-up counter and either answers how
   * long to wait (counting nothing) or counts the sign-up and runs {@code read} in the same
   * transaction. The source signs up {@code SignUpRules.signUpsPerSourceBeforeWaiting} times in a row
   * freely; each further sign-up waits as a sign-in source's failures do (the first wait, doubled up to
   * the longest), and the count is forgotten after {@code forgetAfter} without a sign-up. A sign-up is
   * never taken back: it is no failure, but it sends an e-mail and keeps a row.
   */
  public <T> Admission<T> admitSignUp(String source, Function<StoreTransaction, T> read) {
    int free = context.policy.signUpRules().signUpsPerSourceBeforeWaiting();
    Keys keys = new Keys(signUpSource(source), Optional.empty(), Optional.empty());
    return admit(keys, (k, counters, now) -> backoff.blockedUntil(locked(counters, k.primary()), free, false, now), read);
  }

  /** Until when an attempt with these keys and counters waits, at {@code now}. */
  private interface HoldRule {
    Instant heldUntil(Keys keys, Map<ThrottleKey, ThrottleCounter> counters, Instant now);
  }

  private <T> Admission<T> admit(Keys keys, HoldRule rule, Function<StoreTransaction, T> read) {
    Admission<T> admission = inShortTransaction(tx -> {
      Map<ThrottleKey, ThrottleCounter> counters = lock(tx, keys, context.now());
      // The time after the locks were granted: what a parallel attempt counted before is in the past.
      Instant now = context.now();
      Instant until = rule.heldUntil(keys, counters, now);
      if (until.isAfter(now)) {
        return new Admission.Held<>(Duration.between(now, until));
      }
      tx.throttles().save(counters.values().stream().map(c -> failed(c, now)).toList());
      return new Admission.Admitted<>(read.apply(tx));
    });
    if (admissions.incrementAndGet() % PURGE_EVERY == 0) {
      purgeExpired(context.now());
    }
    return admission;
  }

  /**
   * The password was right: in the caller's transaction, resets the primary counter and the pair's
   * (marking the source trusted for the address), and takes this attempt back from the source's.
   */
  public void succeeded(StoreTransaction tx, Keys keys) {
    Instant now = context.now();
    Map<ThrottleKey, ThrottleCounter> counters = lock(tx, keys, now);
    List<ThrottleCounter> next = new ArrayList<>();
    next.add(new ThrottleCounter(keys.primary(), 0, Optional.empty(), Optional.empty(), now));
    keys.pair().ifPresent(pair -> next.add(new ThrottleCounter(pair, 0, Optional.empty(), Optional.of(now),
        now.plus(policy.trustedSourceFor()))));
    keys.source().map(counters::get).filter(c -> c.failures() > 0 && !c.isExpiredAt(now))
        .ifPresent(c -> next.add(new ThrottleCounter(c.key(), c.failures() - 1, c.lastFailureAt(), c.lastSuccessAt(),
            c.expiresAt())));
    tx.throttles().save(next);
  }

  /** {@link #succeeded(StoreTransaction, Keys)} in a short transaction of its own. */
  // TransactionWork's result is non-null for what stores return; this work has none, and null stands for Void.
  @SuppressWarnings("NullAway")
  public void succeeded(Keys keys) {
    inShortTransaction(tx -> {
      succeeded(tx, keys);
      return null;
    });
  }

  /** When the attempt may go ahead: {@code now} if it may at once. */
  Instant heldUntil(Keys keys, Map<ThrottleKey, ThrottleCounter> counters, Instant now) {
    Optional<ThrottleCounter> pair = keys.pair().map(counters::get);
    boolean trusted = pair.filter(p -> !p.isExpiredAt(now))
        .flatMap(ThrottleCounter::lastSuccessAt)
        .filter(at -> now.isBefore(at.plus(policy.trustedSourceFor())))
        .isPresent();
    Instant until = now;
    if (pair.isPresent()) {
      until = later(until, backoff.blockedUntil(pair.get(), policy.freeFailures(), true, now));
    }
    if (!trusted) {
      // A source that signed in to this address lately is held only by its own pair counter, so that
      // nobody else's guesses lock the owner out.
      until = later(until, backoff.blockedUntil(locked(counters, keys.primary()), policy.freeFailures(), true, now));
      Optional<ThrottleCounter> source = keys.source().map(counters::get);
      if (source.isPresent()) {
        until = later(until, backoff.blockedUntil(source.get(), policy.sourceFreeFailures(), false, now));
      }
    }
    return until;
  }

  /** The counter with one more failure counted at {@code now}. */
  ThrottleCounter failed(ThrottleCounter counter, Instant now) {
    boolean live = !counter.isExpiredAt(now);
    int failures = live ? counter.failures() : 0;
    Optional<Instant> success = live ? counter.lastSuccessAt() : Optional.empty();
    // Another instance's clock may run a little ahead: the last failure never moves back.
    Instant at = live ? counter.lastFailureAt().filter(last -> last.isAfter(now)).orElse(now) : now;
    Instant expires = at.plus(policy.forgetAfter());
    if (success.isPresent() && success.get().plus(policy.trustedSourceFor()).isAfter(expires)) {
      expires = success.get().plus(policy.trustedSourceFor());
    }
    return new ThrottleCounter(counter.key(), Math.min(failures + 1, 1_000_000), Optional.of(at), success, expires);
  }

  private static Map<ThrottleKey, ThrottleCounter> lock(StoreTransaction tx, Keys keys, Instant now) {
    return tx.throttles().lock(keys.all(), now).stream()
        .collect(Collectors.toMap(ThrottleCounter::key, c -> c));
  }

  private void purgeExpired(Instant now) {
    try {
      context.store.inTransaction(tx -> tx.throttles().purgeExpired(now, PURGE_BATCH));
    } catch (ConcurrentModificationException racedWithAnotherPurge) {
      // Housekeeping: the next purge deletes what this one could not.
    }
  }

  /** The counter of {@code key}, which {@link #lock} locked (and created if it was missing). */
  private static ThrottleCounter locked(Map<ThrottleKey, ThrottleCounter> counters, ThrottleKey key) {
    return Objects.requireNonNull(counters.get(key), "locked counter");
  }

  private <T> T inShortTransaction(TransactionWork<T> work) {
    return inShortTransaction(context.store, work);
  }

  /**
   * Runs a short transaction that locks throttle counters, again if the database aborted it for a
   * concurrent one (a deadlock, or on H2 a parallel first insert of the same key).
   */
  public static <T> T inShortTransaction(MembershipStore store, TransactionWork<T> work) {
    for (int tries = 1; ; tries++) {
      try {
        return store.inTransaction(work);
      } catch (ConcurrentModificationException e) {
        if (tries >= TRIES) {
          throw e;
        }
      }
    }
  }

  /**
   * The client key a host passed, stripped: the source of an attempt.
   *
   * @throws InvalidInputException ({@code clientKey}) if blank or longer than {@value #MAX_CLIENT_KEY_LENGTH}
   */
  public static String source(String clientKey) {
    Objects.requireNonNull(clientKey, "clientKey");
    String source = clientKey.strip();
    if (source.isEmpty()) {
      throw InvalidInputException.of("clientKey", "required", "is required");
    }
    if (source.length() > MAX_CLIENT_KEY_LENGTH) {
      throw InvalidInputException.of("clientKey", "too_long", "must be at most " + MAX_CLIENT_KEY_LENGTH + " characters");
    }
    return source;
  }

  private static Instant later(Instant a, Instant b) {
    return b.isAfter(a) ? b : a;
  }
}
