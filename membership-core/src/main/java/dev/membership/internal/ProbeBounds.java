package dev.membership.internal;

import dev.membership.MembershipPolicy.SignUpRules;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.StoreTransaction;
import java.time.Duration;
import java.time.Instant;

/**
 * The bounds on what a stranger, or an organisation's admin, can learn about an address or have sent
 * to it: the sign-up e-mails an address receives a day, and the "this address has an account" answers
 * an organisation gets a day. The one place where such throttles live, so that the store's sign-in
 * throttles (counters per address and per client key, shared by a fleet) plug in here once they land:
 * a per-source counter next to the per-address one when signing up (so that one client cannot send
 * sign-up e-mails to many addresses; {@code register} takes no client key yet), and the
 * per-organisation count of existence answers, which may move onto such a counter.
 *
 * <p>Today each bound counts rows the store keeps for it, over the 24 hours before the call: an
 * address's sign-ups ({@code tx.signUps()}, one per call of {@code register}, whether the address has
 * an account or not), and an organisation's existence answers ({@code tx.existenceAnswers()}, recorded
 * in a transaction of their own, since the command that gave the answer fails and writes nothing).
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

  /**
   * Refuses "create user directly" in an organisation that was told the day's number of times that an
   * address has an account ({@code ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED}), for every address: refusing
   * only addresses with an account would answer the very question the bound is there to stop.
   */
  public void requireExistenceAnswersLeft(StoreTransaction tx, OrganisationId organisation, Instant now) {
    int perDay = context.policy.signUpRules().existenceAnswersPerOrganisationPerDay();
    if (tx.existenceAnswers().countSince(organisation, now.minus(DAY), perDay) >= perDay) {
      throw existenceAnswerLimitReached();
    }
  }

  /**
   * The organisation is about to be told that an address has an account: counts the answer in a
   * transaction of its own (the command's own transaction rolls back and writes nothing) and returns
   * what to throw: {@code ACCOUNT_EXISTS_INVITE_INSTEAD}, or the limit if parallel calls used it up meanwhile.
   */
  public ConflictException existenceAnswer(OrganisationId organisation) {
    return context.store.inTransaction(tx -> {
      Instant now = context.now();
      int perDay = context.policy.signUpRules().existenceAnswersPerOrganisationPerDay();
      if (tx.existenceAnswers().countSince(organisation, now.minus(DAY), perDay) >= perDay) {
        return existenceAnswerLimitReached();
      }
      tx.existenceAnswers().record(organisation, now);
      tx.existenceAnswers().purgeBefore(now.minus(DAY), PURGE_BATCH);
      return new ConflictException(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD,
          "This e-mail address already has an account: invite the person instead; only they can set their password.");
    });
  }

  private static ConflictException existenceAnswerLimitReached() {
    return new ConflictException(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED,
        "This organisation was told too often today that an address already has an account: "
            + "invite people instead, or create users directly again tomorrow.");
  }
}
