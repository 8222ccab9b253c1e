package dev.membership.spi;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.SignUp;
import dev.membership.domain.TokenHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Self-registrations ({@link SignUp}): one per call of {@code accounts().register}, whether the
 * address had an account or not, until the address is proved and for a while after. Reached from a
 * transaction by {@link StoreTransaction#signUps()}.
 *
 * <p>Contract (the store contract suite checks each rule):
 *
 * <ul>
 *   <li>Everything is written in the transaction the port was reached from: a transaction that rolls
 *       back leaves no sign-up and no change to one.
 *   <li>A sign-up reads back equal to the one written (instants to the nanosecond), addresses compared
 *       in their normalised form.
 *   <li>{@link #update} writes only if the stored version equals the value's {@code version()}, and
 *       returns the value with {@code version() + 1}; otherwise, or if the sign-up is gone, it throws
 *       {@link dev.membership.error.ConcurrentModificationException}.
 *   <li>{@link #ofAddress} reads one address's sign-ups only, newest first, then id descending, at a
 *       cost that grows with {@code limit}, not with the number of sign-ups stored.
 * </ul>
 */
public interface SignUps {

  /** Stores a new sign-up. */
  void insert(SignUp signUp);

  /** The sign-up whose link carries this token, in any status. */
  Optional<SignUp> findByTokenHash(TokenHash hash);

  /**
   * The address's sign-ups made at or after {@code since}, newest first, then id descending; at most
   * {@code limit}.
   */
  List<SignUp> ofAddress(EmailAddress email, Instant since, int limit);

  /** Stores a changed sign-up (optimistic version, as above). */
  SignUp update(SignUp signUp);

  /**
   * Deletes at most {@code limit} sign-ups made before {@code before}, oldest first; returns how many
   * it deleted.
   */
  int purgeMadeBefore(Instant before, int limit);

  /** Erasure of a person: deletes every sign-up of the address, in any status; returns how many. */
  int deleteOfAddress(EmailAddress email);
}
