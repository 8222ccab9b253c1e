package dev.membership.internal;

import dev.membership.MembershipPolicy.SignUpRules;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The bounds on what a stranger, or an organisation's admin, can learn about an address or have sent
 * to it: the sign-up e-mails an address receives a day, and the "this address has an account" answers
 * of "create user directly" per organisation and per acting account. (The sign-ups per source are
 * {@link ThrottleGate#admitSignUp}'s: they wait as sign-in's failures do.)
 *
 * <p>The sign-up e-mails of an address are counted on its sign-up rows ({@code tx.signUps()}, one per
 * call of {@code register}, whether the address has an account or not) over the 24 hours before the
 * call. The existence answers are throttle counters ({@code tx.throttles()}), one per organisation and
 * one per acting account, each counting the answers of a day that begins with its first answer: the
 * counter's {@code failures} are the answers, its {@code expiresAt} the end of that day, after which
 * the next answer starts a new day (and the purge of expired counters removes it).
 */
public final class ProbeBounds {
  private static final Duration DAY = Duration.ofHours(24);

  /**
   * Sign-ups older than this are of no use any more: past every link's longest life, and outside the
   * day the bound counts.
   */
  static final Duration SIGN_UP_RETENTION = SignUpRules.MAX_VERIFICATION_TTL.plus(DAY);

  /** Old rows deleted per call: more than the one each call adds, so the tables stay bounded. */
  private static final int PURGE_BATCH = 4;

  private final Context context;

  ProbeBounds(Context context) {
    this.context = context;
  }

  /**
   * Refuses signing up with an address that received the day's sign-up e-mails ({@code
   * SIGN_UP_LIMIT_REACHED}). Both kinds count, the verification link to a free address and the note to
   * the owner of a taken one, and the same rows are read either way, so the refusal comes at the same
   * point, after the same work, for a taken and a free address: it tells nothing about the account.
   */
  public void requireSignUpAllowed(StoreTransaction tx, EmailAddress email, Instant now) {
    int perDay = context.policy.signUpRules().signUpEmailsPerAddressPerDay();
    if (tx.signUps().ofAddress(email, now.minus(DAY), perDay).size() >= perDay) {
      throw new ConflictException(ErrorCode.SIGN_UP_LIMIT_REACHED,
          "This address was used to sign up too often today: use the link of an e-mail already sent, or try again tomorrow.");
    }
  }

  /** Deletes a few sign-ups too old to matter; every sign-up calls it, whatever the address. */
  public void purgeSignUps(StoreTransaction tx, Instant now) {
    tx.signUps().purgeMadeBefore(now.minus(SIGN_UP_RETENTION), PURGE_BATCH);
  }

  /** The key of the organisation's existence-answer counter, the one throttle counter that names an organisation. */
  public static ThrottleKey existenceAnswersOf(OrganisationId organisation) {
    return ThrottleKey.of("existence answers organisation:" + organisation);
  }

  /** The existence-answer counters of an organisation and of an account acting in it, locked. */
  public record ExistenceAnswerCounters(ThrottleCounter organisation, ThrottleCounter account) {}

  /**
   * Locks the existence-answer counters of {@code organisation} and of {@code actor} until the
   * transaction ends, and refuses "create user directly" there if either was told the day's number of
   * times that an address has an account ({@code ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED}), for every
   * address: refusing only addresses with an account would answer the very question the bound is
   * there to stop. Nothing is written when it refuses (the transaction rolls back).
   */
  public ExistenceAnswerCounters lockExistenceAnswers(StoreTransaction tx, OrganisationId organisation,
      AccountId actor, Instant now) {
    ThrottleKey byOrganisation = existenceAnswersOf(organisation);
    ThrottleKey byAccount = ThrottleKey.of("existence answers account:" + actor);
    Map<ThrottleKey, ThrottleCounter> locked = tx.throttles().lock(List.of(byOrganisation, byAccount), now).stream()
        .collect(Collectors.toMap(ThrottleCounter::key, Function.identity()));
    ExistenceAnswerCounters counters = new ExistenceAnswerCounters(
        Objects.requireNonNull(locked.get(byOrganisation), "locked"), Objects.requireNonNull(locked.get(byAccount), "locked"));
    SignUpRules rules = context.policy.signUpRules();
    if (usedUp(counters.organisation(), rules.existenceAnswersPerOrganisationPerDay(), now)
        || usedUp(counters.account(), rules.existenceAnswersPerAccountPerDay(), now)) {
      throw existenceAnswerLimitReached();
    }
    return counters;
  }

  /**
   * Counts one answer "this address has an account" on counters {@link #lockExistenceAnswers} locked
   * in this transaction, and returns what to throw once it committed: {@code
   * ACCOUNT_EXISTS_INVITE_INSTEAD}.
   */
  public ConflictException countExistenceAnswer(StoreTransaction tx, ExistenceAnswerCounters counters, Instant now) {
    tx.throttles().save(List.of(answered(counters.organisation(), now), answered(counters.account(), now)));
    return new ConflictException(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD,
        "This e-mail address already has an account: invite the person instead; only they can set their password.");
  }

  /**
   * The organisation is about to be told that an address has an account, outside the command's own
   * transaction (which rolls back and writes nothing): counts the answer in a short transaction of its
   * own and returns what to throw: {@code ACCOUNT_EXISTS_INVITE_INSTEAD}, or the limit if parallel
   * calls used it up meanwhile.
   */
  public ConflictException existenceAnswer(OrganisationId organisation, AccountId actor) {
    return ThrottleGate.inShortTransaction(context.store, tx -> {
      Instant now = context.now();
      ExistenceAnswerCounters counters;
      try {
        counters = lockExistenceAnswers(tx, organisation, actor, now);
      } catch (ConflictException limitReached) {
        return limitReached;
      }
      return countExistenceAnswer(tx, counters, now);
    });
  }

  /** Whether a counter holds {@code perDay} answers of a day that is not over at {@code now}. */
  private static boolean usedUp(ThrottleCounter counter, int perDay, Instant now) {
    return !counter.isExpiredAt(now) && counter.failures() >= perDay;
  }

  /** The counter with one more answer: the first of a new day if its day is over. */
  private static ThrottleCounter answered(ThrottleCounter counter, Instant now) {
    if (counter.isExpiredAt(now)) {
      return new ThrottleCounter(counter.key(), 1, Optional.of(now), Optional.empty(), now.plus(DAY));
    }
    return new ThrottleCounter(counter.key(), counter.failures() + 1, Optional.of(now), counter.lastSuccessAt(),
        counter.expiresAt());
  }

  private static ConflictException existenceAnswerLimitReached() {
    return new ConflictException(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED,
        "You, or this organisation, were told too often today that an address already has an account: "
            + "invite people instead, or create users directly again tomorrow.");
  }
}
