package dev.membership.spi;

import dev.membership.domain.OrganisationId;
import java.time.Instant;

/**
 * The answers "this address already has an account" that an organisation's admins were given
 * ({@code members().createDirectly} refused with {@code ACCOUNT_EXISTS_INVITE_INSTEAD}), counted per
 * organisation so that they can be bounded: each one tells whether a person has an account. Reached
 * from a transaction by {@link StoreTransaction#existenceAnswers()}. The refused command writes
 * nothing; the library records its answer in a transaction of its own.
 *
 * <p>Contract (the store contract suite checks each rule):
 *
 * <ul>
 *   <li>{@link #record} writes in the transaction the port was reached from; a rollback leaves nothing.
 *   <li>{@link #countSince} counts only the organisation's answers at or after {@code since}, and at
 *       most {@code limit} of them: its cost grows with {@code limit}, not with the answers stored.
 * </ul>
 */
public interface ExistenceAnswers {

  /** Records one answer given to the organisation at {@code at}. */
  void record(OrganisationId organisation, Instant at);

  /** How many answers the organisation was given at or after {@code since}, counting at most {@code limit}. */
  int countSince(OrganisationId organisation, Instant since, int limit);

  /** Deletes at most {@code limit} answers given before {@code before}; returns how many it deleted. */
  int purgeBefore(Instant before, int limit);
}
