package dev.membership.testkit.contract;

import static dev.membership.testkit.contract.Races.race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.RegistrationReceipt;
import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.domain.SignUp;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.error.ThrottledException;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: what one client can make the library send by signing up, and what an admin can learn
 * through "create user directly", bounded on the store's throttle counters, so that every instance of
 * a fleet, and parallel calls, count the same. Sign-ups are throttled by source as sign-in is; the
 * answers "this address has an account" are bounded per organisation and per acting account. No
 * answer depends on whether an address has an account.
 */
public abstract class ProbeBoundsContract extends StoreContractSupport {
  private static final String CLIENT = "198.51.100.7";
  private static final String OTHER_CLIENT = "203.0.113.9";
  private static final String MALLORYS = "mallory's own long passphrase";
  private static final int FREE_SIGN_UPS = MembershipPolicy.defaults().signUpRules().signUpsPerSourceBeforeWaiting();
  private static final int ANSWERS_PER_DAY = MembershipPolicy.defaults().signUpRules().existenceAnswersPerOrganisationPerDay();

  // =====================================================================================================
  // Sign-ups by source
  // =====================================================================================================

  private RegistrationReceipt register(String email, String client) {
    return membership().accounts().register(Registration.of(email, "Mallory", MALLORYS), client);
  }

  private List<SignUp> signUpsOf(String email) {
    return list(tx -> tx.signUps().ofAddress(EmailAddress.of(email), Instant.EPOCH, 1_000));
  }

  /** Asserts that {@code call} is held back with {@code SIGN_UP_THROTTLED} for {@code retryAfter}. */
  private static void assertThrottled(Duration retryAfter, Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ThrottledException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.SIGN_UP_THROTTLED);
      assertThat(e.retryAfter()).isEqualTo(retryAfter);
    });
  }

  @Test
  void one_client_signing_up_many_addresses_waits_after_twenty_and_longer_each_time() {
    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("person" + i + "@mail.test", CLIENT);
    }

    assertThrottled(Duration.ofSeconds(30), () -> register("next@mail.test", CLIENT));
    assertThat(kit().mailbox().deliveredTo("next@mail.test")).as("a held sign-up sends nothing").isEmpty();
    assertThat(signUpsOf("next@mail.test")).as("and keeps nothing").isEmpty();
    kit().clock().advance(Duration.ofSeconds(29));
    assertThrottled(Duration.ofSeconds(1), () -> register("next@mail.test", CLIENT));
    kit().clock().advance(Duration.ofSeconds(1));
    register("next@mail.test", CLIENT);
    assertThat(kit().mailbox().deliveredTo("next@mail.test")).hasSize(1);
    assertThrottled(Duration.ofMinutes(1), () -> register("after@mail.test", CLIENT));
  }

  @Test
  void a_held_back_client_gets_the_same_answer_for_a_taken_and_a_free_address() {
    kit().account("taken@mail.test");
    kit().mailbox().clear();
    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("person" + i + "@mail.test", CLIENT);
    }
    int takenSignUps = signUpsOf("taken@mail.test").size();

    assertThrottled(Duration.ofSeconds(30), () -> register("taken@mail.test", CLIENT));
    assertThrottled(Duration.ofSeconds(30), () -> register("free@mail.test", CLIENT));

    assertThat(kit().mailbox().deliveredTo("taken@mail.test")).isEmpty();
    assertThat(kit().mailbox().deliveredTo("free@mail.test")).isEmpty();
    assertThat(signUpsOf("taken@mail.test")).hasSize(takenSignUps);
    assertThat(signUpsOf("free@mail.test")).isEmpty();
  }

  @Test
  void other_clients_and_sign_ups_without_a_client_key_go_on_while_one_client_waits() {
    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("person" + i + "@mail.test", CLIENT);
    }
    assertThrottled(Duration.ofSeconds(30), () -> register("ana@mail.test", CLIENT));

    register("ana@mail.test", OTHER_CLIENT);
    membership().accounts().register(Registration.of("bo@mail.test", "Bo", MALLORYS));

    assertThat(kit().mailbox().deliveredTo("ana@mail.test")).hasSize(1);
    assertThat(kit().mailbox().deliveredTo("bo@mail.test")).hasSize(1);
  }

  @Test
  void a_clients_sign_ups_are_forgotten_after_a_day_without_one() {
    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("person" + i + "@mail.test", CLIENT);
    }
    kit().clock().advance(Duration.ofHours(24));

    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("again" + i + "@mail.test", CLIENT);
    }
    assertThrottled(Duration.ofSeconds(30), () -> register("one-more@mail.test", CLIENT));
  }

  @Test
  void sign_ups_refused_by_the_addresss_daily_bound_count_on_the_client_too() {
    int perAddress = MembershipPolicy.defaults().signUpRules().signUpEmailsPerAddressPerDay();
    for (int i = 0; i < perAddress; i++) {
      register("victim@mail.test", CLIENT);
    }
    for (int i = perAddress; i < FREE_SIGN_UPS; i++) {
      assertFailsWith(ErrorCode.SIGN_UP_LIMIT_REACHED, () -> register("victim@mail.test", CLIENT));
    }

    assertThrottled(Duration.ofSeconds(30), () -> register("victim@mail.test", CLIENT));
    assertThrottled(Duration.ofSeconds(30), () -> register("someone-else@mail.test", CLIENT));
    assertThat(kit().mailbox().deliveredTo("victim@mail.test")).hasSize(perAddress);
  }

  @Test
  void signing_up_spends_none_of_the_clients_sign_in_failures_and_failed_sign_ins_none_of_its_sign_ups() {
    kit().account("ana@mail.test");
    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      register("person" + i + "@mail.test", CLIENT);
    }
    assertThat(membership().accounts().signIn("ana@mail.test", Password.of(TestMembership.PASSWORD), CLIENT))
        .isInstanceOf(SignInResult.SignedIn.class);

    for (int i = 0; i < 50; i++) {
      membership().accounts().signIn("guess" + i + "@mail.test", Password.of(MALLORYS), OTHER_CLIENT);
    }
    assertThat(membership().accounts().signIn("guess@mail.test", Password.of(MALLORYS), OTHER_CLIENT))
        .isInstanceOf(SignInResult.Throttled.class);
    register("fine@mail.test", OTHER_CLIENT);
    assertThat(kit().mailbox().deliveredTo("fine@mail.test")).hasSize(1);
  }

  @Test
  void a_blank_or_absurd_client_key_is_refused_as_invalid_input_and_signs_nothing_up() {
    for (String key : List.of("", "  ", "x".repeat(513))) {
      assertThatThrownBy(() -> register("ana@mail.test", key)).isInstanceOfSatisfying(MembershipException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("clientKey");
      });
    }

    assertThat(signUpsOf("ana@mail.test")).isEmpty();
    assertThat(kit().mailbox().delivered()).isEmpty();
  }

  @Test
  void two_instances_on_one_store_count_the_same_sign_ups_of_a_client() {
    Memberships other = secondInstance();

    for (int i = 0; i < FREE_SIGN_UPS; i++) {
      Memberships instance = i % 2 == 0 ? membership() : other;
      instance.accounts().register(Registration.of("person" + i + "@mail.test", "M", MALLORYS), CLIENT);
    }

    assertThrottled(Duration.ofSeconds(30), () -> register("next@mail.test", CLIENT));
    assertThrottled(Duration.ofSeconds(30),
        () -> other.accounts().register(Registration.of("next@mail.test", "M", MALLORYS), CLIENT));
  }

  @Test
  void parallel_sign_ups_from_one_client_pass_no_more_than_its_free_ones() {
    TestMembership strict = TestMembership.on(store(), MembershipPolicy.defaults().withSignUpRules(
        MembershipPolicy.SignUpRules.defaults().withSignUpsPerSourceBeforeWaiting(3)));
    List<Callable<String>> signUps = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String email = "racer" + i + "@mail.test";
      signUps.add(() -> {
        try {
          strict.membership().accounts().register(Registration.of(email, "Racer", MALLORYS), CLIENT);
          return "signed up";
        } catch (ThrottledException held) {
          return "held";
        }
      });
    }

    List<String> answers = race(signUps);

    assertThat(answers).filteredOn("signed up"::equals).hasSize(3);
    assertThat(answers).filteredOn("held"::equals).hasSize(5);
    assertThat(strict.mailbox().delivered()).hasSize(3);
  }

  // =====================================================================================================
  // "Create user directly": existence answers
  // =====================================================================================================

  private void createDirectly(AccountId actor, OrganisationFixture organisation, String email) {
    membership().members().createDirectly(actor, organisation.id(), NewAccount.generatedPassword(email, "Someone", Role.MEMBER));
  }

  private void createDirectly(AccountId actor, Organisation organisation, String email) {
    membership().members().createDirectly(actor, organisation.id(), NewAccount.generatedPassword(email, "Someone", Role.MEMBER));
  }

  private List<AuditEvent> auditOf(OrganisationFixture organisation) {
    return walk(50, page -> membership().audit().list(organisation.owner(), organisation.id(), page));
  }

  private void takenAddresses(int count) {
    for (int i = 0; i < count; i++) {
      kit().account("taken" + i + "@mail.test");
    }
  }

  @Test
  void create_directly_existence_answers_are_bounded_per_organisation() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(2).create();
    OrganisationFixture globex = kit().organisation("Globex").create();
    takenAddresses(ANSWERS_PER_DAY);
    // Two admins share the organisation's answers; neither reaches its own bound.
    for (int i = 0; i < ANSWERS_PER_DAY; i++) {
      AccountId admin = acme.admins().get(i % 2);
      String taken = "taken" + i + "@mail.test";
      assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> createDirectly(admin, acme, taken));
    }
    int auditBefore = auditOf(acme).size();
    int mailBefore = kit().mailbox().delivered().size();

    // Beyond the bound every address is refused alike, taken or free, by anyone there, and nothing is written.
    for (AccountId actor : List.of(acme.admins().get(0), acme.owner())) {
      assertFailsWith(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED, () -> createDirectly(actor, acme, "taken0@mail.test"));
      assertFailsWith(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED, () -> createDirectly(actor, acme, "free@mail.test"));
    }

    assertThat(membership().accounts().findByEmail("free@mail.test")).isEmpty();
    assertThat(auditOf(acme)).hasSize(auditBefore);
    assertThat(kit().mailbox().delivered()).hasSize(mailBefore);
    // Another organisation has its own count; invitations still work in the first one.
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> createDirectly(globex.owner(), globex, "taken0@mail.test"));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("taken0@mail.test", Role.MEMBER));
    // A day after the first answer the organisation may create users directly again.
    kit().clock().advance(Duration.ofHours(24).plusSeconds(1));
    createDirectly(acme.owner(), acme, "free@mail.test");
    assertThat(membership().accounts().findByEmail("free@mail.test")).isPresent();
  }

  @Test
  void founding_more_organisations_does_not_multiply_the_existence_answers_of_one_account() {
    AccountId prober = kit().account("prober@evil.test");
    takenAddresses(ANSWERS_PER_DAY + 1);
    List<Organisation> founded = new ArrayList<>();
    for (int i = 0; i <= ANSWERS_PER_DAY; i++) {
      founded.add(membership().organisations().create(prober, "Shell " + i));
    }
    for (int i = 0; i < ANSWERS_PER_DAY; i++) {
      Organisation shell = founded.get(i);
      String taken = "taken" + i + "@mail.test";
      assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> createDirectly(prober, shell, taken));
    }
    Organisation fresh = founded.get(ANSWERS_PER_DAY);
    int mailBefore = kit().mailbox().delivered().size();

    String nextTaken = "taken" + ANSWERS_PER_DAY + "@mail.test";
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED, () -> createDirectly(prober, fresh, nextTaken));
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED, () -> createDirectly(prober, fresh, "free@mail.test"));

    assertThat(membership().accounts().findByEmail("free@mail.test")).isEmpty();
    assertThat(kit().mailbox().delivered()).hasSize(mailBefore);
    // Someone else acting in their own organisation still gets their answers.
    OrganisationFixture acme = kit().organisation("Acme").create();
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> createDirectly(acme.owner(), acme, nextTaken));
    // A day after the account's first answer it may ask again.
    kit().clock().advance(Duration.ofHours(24));
    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> createDirectly(prober, fresh, nextTaken));
  }

  @Test
  void existence_answers_asked_for_at_once_pass_the_bound_by_none() {
    TestMembership strict = TestMembership.on(store(), MembershipPolicy.defaults().withSignUpRules(
        MembershipPolicy.SignUpRules.defaults().withExistenceAnswersPerOrganisationPerDay(2)));
    OrganisationFixture acme = strict.organisation("Acme").withAdmins(6).create();
    List<Callable<ErrorCode>> probes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      AccountId admin = acme.admins().get(i);
      String taken = strict.membership().accounts().find(acme.admins().get((i + 1) % 6)).orElseThrow().email().value();
      probes.add(() -> {
        try {
          strict.membership().members().createDirectly(admin, acme.id(),
              NewAccount.generatedPassword(taken, "Taken", Role.MEMBER));
          return null;
        } catch (MembershipException e) {
          return e.code();
        }
      });
    }

    List<ErrorCode> answers = race(probes);

    assertThat(answers).as("answers %s", answers).filteredOn(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD::equals).hasSize(2);
    assertThat(answers).as("answers %s", answers).filteredOn(ErrorCode.ACCOUNT_EXISTS_ANSWER_LIMIT_REACHED::equals)
        .hasSize(4);
  }

  // =====================================================================================================

  /** Another application instance on the same store and clock. */
  private Memberships secondInstance() {
    return Memberships.builder()
        .store(store())
        .clock(kit().clock())
        .passwordHasher(new FastTestPasswordHasher())
        .notifications(kit().mailbox())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .build();
  }

}
