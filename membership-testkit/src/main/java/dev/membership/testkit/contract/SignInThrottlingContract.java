package dev.membership.testkit.contract;

import static dev.membership.testkit.contract.Races.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.domain.AccountId;
import dev.membership.domain.Password;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.ThrottleCounter;
import dev.membership.spi.ThrottleKey;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling kept in the store: the same answers whether or not an address has an account, a
 * progressive back-off by address, by source and by both, NIST's hard limit of 100 consecutive
 * failures, an owner whom guessers cannot lock out, counts shared by every instance on the store and
 * by parallel attempts; and the {@link dev.membership.spi.Throttles} port underneath.
 */
public abstract class SignInThrottlingContract extends StoreContractSupport {
  private static final String PASSWORD = TestMembership.PASSWORD;
  private static final String WRONG = "not the right passphrase at all";
  private static final String OWNER_SOURCE = "203.0.113.7";
  private static final String GUESSER_SOURCE = "198.51.100.9";
  private static final Duration LOCKOUT = Duration.ofHours(24);

  // =====================================================================================================
  // Behaviour
  // =====================================================================================================

  @Test
  void five_wrong_guesses_are_free_then_each_wait_doubles_up_to_fifteen_minutes() {
    kit().account("ana@acme.test");
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("ana@acme.test", WRONG)).isEqualTo(failed());
    }

    for (Duration wait : List.of(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15))) {
      assertThat(signIn("ana@acme.test", PASSWORD)).isEqualTo(throttled(wait));
      kit().clock().advance(wait.minusSeconds(1));
      assertThat(signIn("ana@acme.test", PASSWORD)).isEqualTo(throttled(Duration.ofSeconds(1)));
      kit().clock().advance(Duration.ofSeconds(1));
      assertThat(signIn("ana@acme.test", WRONG)).isEqualTo(failed());
    }
  }

  @Test
  void the_wait_is_over_once_it_has_passed_and_the_right_password_then_signs_in() {
    kit().account("ana@acme.test");
    for (int i = 0; i < 5; i++) {
      signIn("ana@acme.test", WRONG);
    }

    assertThat(signIn("ana@acme.test", PASSWORD)).isEqualTo(throttled(Duration.ofSeconds(30)));
    kit().clock().advance(Duration.ofSeconds(30));
    assertThat(signIn("ana@acme.test", PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void a_known_and_an_unknown_address_walk_through_identical_answers() {
    kit().account("known@acme.test");
    List<SignInResult> known = new ArrayList<>();
    List<SignInResult> unknown = new ArrayList<>();
    List<Optional<String>> sources = List.of(Optional.empty(), Optional.of(GUESSER_SOURCE), Optional.of("192.0.2.1"));

    for (int step = 0; step < 40; step++) {
      Optional<String> source = sources.get(step % sources.size());
      known.add(signIn("known@acme.test", WRONG, source));
      unknown.add(signIn("unknown@acme.test", WRONG, source));
      kit().clock().advance(Duration.ofSeconds(step % 7 == 6 ? 600 : 20));
    }
    kit().clock().advance(Duration.ofHours(24));
    known.add(signIn("known@acme.test", WRONG));
    unknown.add(signIn("unknown@acme.test", WRONG));

    assertThat(known).filteredOn(SignInResult.Throttled.class::isInstance).isNotEmpty();
    assertThat(known).filteredOn(SignInResult.Failed.class::isInstance).isNotEmpty();
    assertThat(unknown).isEqualTo(known);
  }

  @Test
  void a_flood_of_made_up_addresses_changes_no_answer_for_a_real_or_an_unknown_address() {
    kit().account("real@acme.test");
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("real@acme.test", WRONG)).isEqualTo(failed());
      assertThat(signIn("unknown@acme.test", WRONG)).isEqualTo(failed());
    }
    assertThat(signIn("real@acme.test", WRONG)).isEqualTo(throttled(Duration.ofSeconds(30)));
    assertThat(signIn("unknown@acme.test", WRONG)).isEqualTo(throttled(Duration.ofSeconds(30)));

    // An in-memory cache of unknown addresses capped at 100,000 used to forget the unknown address
    // here (and answer Failed where the real one answered Throttled). On a database the flood is
    // smaller, to keep the suite quick; there was never a cap to overflow there.
    int flood = store() instanceof InMemoryMembershipStore ? 120_000 : 200;
    for (int i = 0; i < flood; i++) {
      membership().accounts().signIn("made-up-" + i + "@flood.test", Password.of(WRONG));
    }

    assertThat(signIn("real@acme.test", WRONG)).isEqualTo(throttled(Duration.ofSeconds(30)));
    assertThat(signIn("unknown@acme.test", WRONG)).isEqualTo(throttled(Duration.ofSeconds(30)));
    kit().clock().advance(Duration.ofSeconds(30));
    assertThat(signIn("real@acme.test", WRONG)).isEqualTo(failed());
    assertThat(signIn("unknown@acme.test", WRONG)).isEqualTo(failed());
    assertThat(signIn("real@acme.test", WRONG)).isEqualTo(throttled(Duration.ofMinutes(1)));
    assertThat(signIn("unknown@acme.test", WRONG)).isEqualTo(throttled(Duration.ofMinutes(1)));
  }

  @Test
  void guesses_from_one_source_do_not_stop_the_owner_signing_in_from_their_own_source() {
    kit().account("owner@acme.test");
    assertThat(signIn("owner@acme.test", PASSWORD, OWNER_SOURCE)).isInstanceOf(SignInResult.SignedIn.class);

    for (int i = 0; i < 30; i++) {
      signIn("owner@acme.test", WRONG, GUESSER_SOURCE);
      kit().clock().advance(Duration.ofMinutes(1));
    }

    assertThat(signIn("owner@acme.test", PASSWORD, GUESSER_SOURCE)).isInstanceOf(SignInResult.Throttled.class);
    assertThat(signIn("owner@acme.test", PASSWORD, "192.0.2.44"))
        .as("a source that never signed in waits out the address's back-off")
        .isInstanceOf(SignInResult.Throttled.class);
    assertThat(signIn("owner@acme.test", PASSWORD, OWNER_SOURCE)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void the_owners_own_source_is_still_held_back_by_its_own_wrong_guesses() {
    kit().account("owner@acme.test");
    signIn("owner@acme.test", PASSWORD, OWNER_SOURCE);

    for (int i = 0; i < 5; i++) {
      assertThat(signIn("owner@acme.test", WRONG, OWNER_SOURCE)).isEqualTo(failed());
    }

    assertThat(signIn("owner@acme.test", PASSWORD, OWNER_SOURCE)).isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void the_hundredth_consecutive_failure_from_any_mix_of_sources_locks_the_address_for_a_day() {
    kit().account("victim@acme.test");
    for (int failure = 1; failure <= 100; failure++) {
      String source = "198.51.100." + (failure % 40);
      SignInResult answer = signIn("victim@acme.test", WRONG, source);
      if (answer instanceof SignInResult.Throttled throttled) {
        kit().clock().advance(throttled.retryAfter());
        answer = signIn("victim@acme.test", WRONG, source);
      }
      assertThat(answer).as("failure %d", failure).isEqualTo(failed());
    }

    assertThat(signIn("victim@acme.test", PASSWORD, "192.0.2.200")).isEqualTo(throttled(LOCKOUT));
    assertThat(signIn("victim@acme.test", PASSWORD)).isEqualTo(throttled(LOCKOUT));
    kit().clock().advance(LOCKOUT.minusMinutes(1));
    assertThat(signIn("victim@acme.test", PASSWORD, "192.0.2.200")).isEqualTo(throttled(Duration.ofMinutes(1)));
    kit().clock().advance(Duration.ofMinutes(1));
    assertThat(signIn("victim@acme.test", PASSWORD, "192.0.2.200")).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void at_the_hard_limit_a_source_that_signed_in_lately_still_gets_in() {
    kit().account("owner@acme.test");
    signIn("owner@acme.test", PASSWORD, OWNER_SOURCE);
    for (int failure = 1; failure <= 100; failure++) {
      String source = "198.51.100." + (failure % 40);
      SignInResult answer = signIn("owner@acme.test", WRONG, source);
      if (answer instanceof SignInResult.Throttled throttled) {
        kit().clock().advance(throttled.retryAfter());
        signIn("owner@acme.test", WRONG, source);
      }
    }
    assertThat(signIn("owner@acme.test", PASSWORD, GUESSER_SOURCE)).isEqualTo(throttled(LOCKOUT));

    assertThat(signIn("owner@acme.test", PASSWORD, OWNER_SOURCE)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(signIn("owner@acme.test", PASSWORD, GUESSER_SOURCE))
        .as("the owner's sign-in ended the run of failures")
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void one_source_trying_many_addresses_waits_after_fifty_failures_while_other_sources_do_not() {
    for (int i = 0; i < 50; i++) {
      assertThat(signIn("person" + i + "@acme.test", WRONG, GUESSER_SOURCE)).isEqualTo(failed());
    }

    assertThat(signIn("person50@acme.test", WRONG, GUESSER_SOURCE)).isEqualTo(throttled(Duration.ofSeconds(30)));
    assertThat(signIn("person50@acme.test", WRONG, OWNER_SOURCE)).isEqualTo(failed());
  }

  @Test
  void a_stuffer_signing_in_to_an_account_of_its_own_does_not_clear_its_count() {
    kit().account("mine@evil.test");
    for (int i = 0; i < 49; i++) {
      signIn("person" + i + "@acme.test", WRONG, GUESSER_SOURCE);
    }

    assertThat(signIn("mine@evil.test", PASSWORD, GUESSER_SOURCE)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(signIn("person49@acme.test", WRONG, GUESSER_SOURCE)).isEqualTo(failed());
    assertThat(signIn("person50@acme.test", WRONG, GUESSER_SOURCE)).isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void a_success_resets_the_run_of_failures_so_earlier_typos_cost_nothing_later() {
    kit().account("ana@acme.test");
    for (int i = 0; i < 4; i++) {
      signIn("ana@acme.test", WRONG, OWNER_SOURCE);
    }
    assertThat(signIn("ana@acme.test", PASSWORD, OWNER_SOURCE)).isInstanceOf(SignInResult.SignedIn.class);

    for (int i = 0; i < 5; i++) {
      assertThat(signIn("ana@acme.test", WRONG, OWNER_SOURCE)).isEqualTo(failed());
    }
    assertThat(signIn("ana@acme.test", WRONG, OWNER_SOURCE)).isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void failures_are_forgotten_after_a_day_without_one() {
    kit().account("ana@acme.test");
    for (int i = 0; i < 5; i++) {
      signIn("ana@acme.test", WRONG);
    }
    kit().clock().advance(Duration.ofHours(24));

    for (int i = 0; i < 5; i++) {
      assertThat(signIn("ana@acme.test", WRONG)).isEqualTo(failed());
    }
    assertThat(signIn("ana@acme.test", WRONG)).isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void without_a_client_key_a_guessers_failures_hold_the_owner_back_too() {
    kit().account("owner@acme.test");
    assertThat(signIn("owner@acme.test", PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    for (int i = 0; i < 5; i++) {
      signIn("owner@acme.test", WRONG);
    }

    assertThat(signIn("owner@acme.test", PASSWORD)).isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void a_blank_or_absurd_client_key_is_refused_as_invalid_input() {
    kit().account("ana@acme.test");

    assertFailsWith(ErrorCode.INVALID_INPUT,
        () -> membership().accounts().signIn("ana@acme.test", Password.of(PASSWORD), " "));
    assertFailsWith(ErrorCode.INVALID_INPUT,
        () -> membership().accounts().signIn("ana@acme.test", Password.of(PASSWORD), "x".repeat(513)));
  }

  @Test
  void two_instances_on_one_store_share_the_count() {
    kit().account("ana@acme.test");
    Memberships other = secondInstance();

    for (int i = 0; i < 5; i++) {
      Memberships instance = i % 2 == 0 ? membership() : other;
      assertThat(instance.accounts().signIn("ana@acme.test", Password.of(WRONG), GUESSER_SOURCE)).isEqualTo(failed());
    }

    assertThat(membership().accounts().signIn("ana@acme.test", Password.of(PASSWORD), GUESSER_SOURCE))
        .isEqualTo(throttled(Duration.ofSeconds(30)));
    assertThat(other.accounts().signIn("ana@acme.test", Password.of(PASSWORD), GUESSER_SOURCE))
        .isEqualTo(throttled(Duration.ofSeconds(30)));
  }

  @Test
  void a_botnet_guessing_in_parallel_from_many_sources_gets_only_the_five_free_guesses() {
    kit().account("ana@acme.test");
    Memberships other = secondInstance();
    List<Callable<SignInResult>> guesses = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Memberships instance = i % 2 == 0 ? membership() : other;
      String source = "198.51.100." + i;
      guesses.add(() -> instance.accounts().signIn("ana@acme.test", Password.of(WRONG), source));
    }

    List<SignInResult> answers = race(guesses);

    assertThat(answers).filteredOn(SignInResult.Failed.class::isInstance).hasSize(5);
    assertThat(answers).filteredOn(SignInResult.Throttled.class::isInstance).hasSize(5);
  }

  @Test
  void guessing_the_current_password_in_a_stolen_session_does_not_lock_the_owner_out_of_sign_in() {
    AccountId owner = kit().account("owner@acme.test");
    Password next = Password.of("a brand new passphrase of mine");
    for (int i = 0; i < 100; i++) {
      assertFailsWith(ErrorCode.INVALID_CREDENTIALS,
          () -> membership().accounts().changePassword(owner, Password.of(WRONG), next));
      kit().clock().advance(Duration.ofMinutes(15));
    }

    assertFailsWith(ErrorCode.INVALID_CREDENTIALS,
        () -> membership().accounts().changePassword(owner, Password.of(PASSWORD), next));
    assertThat(signIn("owner@acme.test", PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
    kit().clock().advance(LOCKOUT);
    assertThat(membership().accounts().changePassword(owner, Password.of(PASSWORD), next).id()).isEqualTo(owner);
  }

  // =====================================================================================================
  // The Throttles port
  // =====================================================================================================

  @Test
  void a_new_key_gets_an_empty_counter_and_keys_come_back_in_order() {
    ThrottleKey a = ThrottleKey.of("a");
    ThrottleKey b = ThrottleKey.of("b");
    ThrottleKey c = ThrottleKey.of("c");

    List<ThrottleCounter> locked = tx(tx -> tx.throttles().lock(List.of(c, a, b, a), T0));

    assertThat(locked).extracting(ThrottleCounter::key).isSortedAccordingTo(ThrottleKey::compareTo)
        .containsExactlyInAnyOrder(a, b, c);
    assertThat(locked).allSatisfy(counter -> assertThat(counter).isEqualTo(ThrottleCounter.empty(counter.key(), T0)));
  }

  @Test
  void a_saved_counter_reads_back_exactly_in_the_next_transaction() {
    ThrottleKey key = ThrottleKey.of("sign-in address:ana@acme.test");
    ThrottleCounter saved = new ThrottleCounter(key, 7, Optional.of(T0.plusNanos(123_456_789)),
        Optional.of(T0.minusSeconds(3600).plusNanos(1)), T0.plus(Duration.ofDays(30)).plusNanos(987));

    inTx(tx -> {
      tx.throttles().lock(List.of(key), T0);
      tx.throttles().save(List.of(saved));
    });

    assertThat(list(tx -> tx.throttles().lock(List.of(key), T0.plusSeconds(1)))).containsExactly(saved);
  }

  @Test
  void a_counter_saved_in_a_transaction_that_throws_is_not_kept() {
    ThrottleKey key = ThrottleKey.of("sign-in source:192.0.2.1");
    ThrottleCounter counted = new ThrottleCounter(key, 1, Optional.of(T0), Optional.empty(), T0.plusSeconds(60));

    try {
      inTx(tx -> {
        tx.throttles().lock(List.of(key), T0);
        tx.throttles().save(List.of(counted));
        throw new IllegalStateException("rolled back");
      });
    } catch (IllegalStateException expected) {
      // the work threw
    }

    assertThat(list(tx -> tx.throttles().lock(List.of(key), T0.plusSeconds(1))))
        .containsExactly(ThrottleCounter.empty(key, T0.plusSeconds(1)));
  }

  @Test
  void parallel_transactions_counting_on_overlapping_keys_lose_no_count() {
    ThrottleKey shared = ThrottleKey.of("sign-in address:ana@acme.test");
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      ThrottleKey own = ThrottleKey.of("sign-in source:198.51.100." + w);
      List<ThrottleKey> keys = w % 2 == 0 ? List.of(shared, own) : List.of(own, shared);
      workers.add(() -> {
        for (int i = 0; i < 10; i++) {
          countOnce(keys);
        }
        return 10;
      });
    }

    race(workers);

    assertThat(list(tx -> tx.throttles().lock(List.of(shared), T0))).singleElement()
        .extracting(ThrottleCounter::failures).isEqualTo(80);
  }

  @Test
  void purge_deletes_expired_counters_first_expired_first_up_to_the_limit() {
    ThrottleKey first = ThrottleKey.of("first");
    ThrottleKey second = ThrottleKey.of("second");
    ThrottleKey live = ThrottleKey.of("live");
    inTx(tx -> {
      tx.throttles().lock(List.of(first, second, live), T0);
      tx.throttles().save(List.of(
          new ThrottleCounter(first, 1, Optional.of(T0), Optional.empty(), at(10)),
          new ThrottleCounter(second, 1, Optional.of(T0), Optional.empty(), at(20)),
          new ThrottleCounter(live, 1, Optional.of(T0), Optional.empty(), at(30))));
    });

    assertThat(count(tx -> tx.throttles().purgeExpired(at(20), 1))).isEqualTo(1);
    assertThat(count(tx -> tx.throttles().purgeExpired(at(20), 10))).isEqualTo(1);
    assertThat(count(tx -> tx.throttles().purgeExpired(at(20), 10))).isZero();

    List<ThrottleCounter> after = tx(tx -> tx.throttles().lock(List.of(first, second, live), at(21)));
    assertThat(after).filteredOn(c -> c.key().equals(first) || c.key().equals(second))
        .allSatisfy(c -> assertThat(c).isEqualTo(ThrottleCounter.empty(c.key(), at(21))));
    assertThat(after).filteredOn(c -> c.key().equals(live)).singleElement()
        .extracting(ThrottleCounter::failures).isEqualTo(1);
  }

  // =====================================================================================================

  private SignInResult signIn(String email, String password) {
    return membership().accounts().signIn(email, Password.of(password));
  }

  private SignInResult signIn(String email, String password, String source) {
    return membership().accounts().signIn(email, Password.of(password), source);
  }

  private SignInResult signIn(String email, String password, Optional<String> source) {
    return source.isPresent() ? signIn(email, password, source.get()) : signIn(email, password);
  }

  private static SignInResult failed() {
    return new SignInResult.Failed();
  }

  private static SignInResult throttled(Duration retryAfter) {
    return new SignInResult.Throttled(retryAfter);
  }

  /** Another application instance on the same store and clock. */
  private Memberships secondInstance() {
    return Memberships.builder()
        .store(store())
        .clock(kit().clock())
        .passwordHasher(new FastTestPasswordHasher())
        .notifications(notification -> { })
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .build();
  }

  /** One failure counted on every key, in one transaction; retried as the library retries a deadlock. */
  private void countOnce(List<ThrottleKey> keys) {
    for (int tries = 1; ; tries++) {
      try {
        inTx(tx -> {
          List<ThrottleCounter> locked = tx.throttles().lock(keys, T0);
          tx.throttles().save(locked.stream().map(c -> new ThrottleCounter(c.key(), c.failures() + 1, Optional.of(T0),
              Optional.empty(), T0.plus(Duration.ofDays(1)))).toList());
        });
        return;
      } catch (ConcurrentModificationException e) {
        if (tries == 5) {
          throw e;
        }
      }
    }
  }

}
