package dev.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MembershipPolicyTest {

  @Test
  void defaults_follow_the_design_seven_days_fifteen_to_1024_characters() {
    MembershipPolicy policy = MembershipPolicy.defaults();

    assertThat(policy.invitationTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.temporaryPasswordTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(policy.minPasswordLength()).isEqualTo(15);
    assertThat(policy.maxPasswordLength()).isEqualTo(1024);
  }

  @Test
  void sign_in_throttling_defaults_to_five_free_failures_then_growing_waits_and_nists_hundred_as_hard_limit() {
    MembershipPolicy.SignInThrottling throttling = MembershipPolicy.defaults().signInThrottling();

    assertThat(throttling.freeFailures()).isEqualTo(5);
    assertThat(throttling.sourceFreeFailures()).isEqualTo(50);
    assertThat(throttling.firstWait()).isEqualTo(Duration.ofSeconds(30));
    assertThat(throttling.maxWait()).isEqualTo(Duration.ofMinutes(15));
    assertThat(throttling.hardLimit()).isEqualTo(100);
    assertThat(throttling.hardLockout()).isEqualTo(Duration.ofHours(24));
    assertThat(throttling.trustedSourceFor()).isEqualTo(Duration.ofDays(30));
    assertThat(throttling.forgetAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void an_invitation_lifetime_of_up_to_thirty_days_is_accepted() {
    assertThat(MembershipPolicy.defaults().withInvitationTtl(Duration.ofDays(30)).invitationTtl()).isEqualTo(Duration.ofDays(30));
    assertThat(MembershipPolicy.defaults().withInvitationTtl(Duration.ofHours(1)).invitationTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void an_invitation_lifetime_above_thirty_days_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationTtl(Duration.ofDays(30).plusSeconds(1)), "invitationTtl");
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationTtl(Duration.ofDays(365)), "invitationTtl");
  }

  @Test
  void a_zero_or_negative_invitation_lifetime_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationTtl(Duration.ZERO), "invitationTtl");
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationTtl(Duration.ofDays(-1)), "invitationTtl");
  }

  @Test
  void a_zero_temporary_password_lifetime_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withTemporaryPasswordTtl(Duration.ZERO), "temporaryPasswordTtl");
  }

  @Test
  void the_minimum_password_length_may_be_lowered_to_eight_but_not_below() {
    assertThat(MembershipPolicy.defaults().withMinPasswordLength(8).minPasswordLength()).isEqualTo(8);
    assertOutOfRange(() -> MembershipPolicy.defaults().withMinPasswordLength(7), "minPasswordLength");
  }

  @Test
  void a_maximum_password_length_below_64_is_refused() {
    assertOutOfRange(() -> new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 63),
        "maxPasswordLength");
  }

  @Test
  void a_maximum_password_length_above_2048_is_refused_so_every_accepted_password_is_normalised_whole() {
    assertOutOfRange(() -> new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 2049),
        "maxPasswordLength");
    assertThat(new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 2048)
        .maxPasswordLength()).isEqualTo(2048);
  }

  @Test
  void a_minimum_above_the_maximum_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withMinPasswordLength(2000), "maxPasswordLength");
  }

  @Test
  void a_throttle_of_zero_free_failures_is_refused() {
    assertOutOfRange(() -> throttling().withBackoff(0, Duration.ofSeconds(30), Duration.ofMinutes(15)),
        "signInThrottling.freeFailures");
    assertOutOfRange(() -> throttling().withSourceFreeFailures(0), "signInThrottling.sourceFreeFailures");
  }

  @Test
  void a_zero_or_negative_wait_is_refused() {
    assertOutOfRange(() -> throttling().withBackoff(5, Duration.ZERO, Duration.ofMinutes(15)), "signInThrottling.firstWait");
    assertOutOfRange(() -> throttling().withBackoff(5, Duration.ofSeconds(-1), Duration.ofMinutes(15)),
        "signInThrottling.firstWait");
    assertOutOfRange(() -> throttling().withBackoff(5, Duration.ofSeconds(1), Duration.ZERO), "signInThrottling.maxWait");
  }

  @Test
  void a_first_wait_longer_than_the_longest_is_refused() {
    assertOutOfRange(() -> throttling().withBackoff(5, Duration.ofMinutes(16), Duration.ofMinutes(15)),
        "signInThrottling.firstWait");
  }

  @Test
  void a_hard_limit_above_nists_hundred_consecutive_failures_is_refused() {
    assertOutOfRange(() -> throttling().withHardLimit(101, Duration.ofHours(24)), "signInThrottling.hardLimit");
    assertOutOfRange(() -> throttling().withHardLimit(0, Duration.ofHours(24)), "signInThrottling.hardLimit");
    assertThat(throttling().withHardLimit(20, Duration.ofHours(24)).hardLimit()).isEqualTo(20);
  }

  @Test
  void free_failures_above_the_hard_limit_are_refused() {
    assertOutOfRange(() -> throttling().withHardLimit(4, Duration.ofHours(24)), "signInThrottling.freeFailures");
  }

  @Test
  void a_longer_hard_lockout_makes_failures_remembered_at_least_as_long() {
    MembershipPolicy.SignInThrottling longer = throttling().withHardLimit(100, Duration.ofDays(3));

    assertThat(longer.hardLockout()).isEqualTo(Duration.ofDays(3));
    assertThat(longer.forgetAfter()).isEqualTo(Duration.ofDays(3));
    assertOutOfRange(() -> longer.withForgetAfter(Duration.ofDays(2)), "signInThrottling.forgetAfter");
  }

  @Test
  void a_longest_wait_beyond_the_hard_lockout_is_refused() {
    assertOutOfRange(() -> throttling().withBackoff(5, Duration.ofSeconds(30), Duration.ofHours(25)),
        "signInThrottling.maxWait");
  }

  @Test
  void trust_in_a_source_may_be_switched_off_but_not_be_negative() {
    assertThat(throttling().withTrustedSourceFor(Duration.ZERO).trustedSourceFor()).isZero();
    assertOutOfRange(() -> throttling().withTrustedSourceFor(Duration.ofDays(-1)), "signInThrottling.trustedSourceFor");
  }

  @Test
  void the_policy_carries_the_throttling_it_is_given() {
    MembershipPolicy.SignInThrottling throttling = throttling().withBackoff(3, Duration.ofSeconds(1), Duration.ofMinutes(1));

    assertThat(MembershipPolicy.defaults().withSignInThrottling(throttling).signInThrottling()).isEqualTo(throttling);
  }

  private static MembershipPolicy.SignInThrottling throttling() {
    return MembershipPolicy.SignInThrottling.defaults();
  }

  @Test
  void sign_up_links_last_a_day_an_address_gets_five_sign_up_e_mails_a_source_twenty_sign_ups_before_waiting_and_ten_existence_answers_a_day() {
    MembershipPolicy.SignUpRules rules = MembershipPolicy.defaults().signUpRules();

    assertThat(rules.verificationTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(rules.signUpEmailsPerAddressPerDay()).isEqualTo(5);
    assertThat(rules.signUpsPerSourceBeforeWaiting()).isEqualTo(20);
    assertThat(rules.existenceAnswersPerOrganisationPerDay()).isEqualTo(10);
    assertThat(rules.existenceAnswersPerAccountPerDay()).isEqualTo(10);
  }

  @Test
  void sign_up_rules_outside_their_ranges_are_refused() {
    MembershipPolicy.SignUpRules rules = MembershipPolicy.SignUpRules.defaults();
    assertOutOfRange(() -> rules.withVerificationTtl(Duration.ofMinutes(4)), "signUpRules.verificationTtl");
    assertOutOfRange(() -> rules.withVerificationTtl(Duration.ofDays(7).plusSeconds(1)), "signUpRules.verificationTtl");
    assertOutOfRange(() -> rules.withSignUpEmailsPerAddressPerDay(0), "signUpRules.signUpEmailsPerAddressPerDay");
    assertOutOfRange(() -> rules.withSignUpEmailsPerAddressPerDay(21), "signUpRules.signUpEmailsPerAddressPerDay");
    assertOutOfRange(() -> rules.withSignUpsPerSourceBeforeWaiting(0), "signUpRules.signUpsPerSourceBeforeWaiting");
    assertOutOfRange(() -> rules.withSignUpsPerSourceBeforeWaiting(1_000_001),
        "signUpRules.signUpsPerSourceBeforeWaiting");
    assertOutOfRange(() -> rules.withExistenceAnswersPerOrganisationPerDay(0),
        "signUpRules.existenceAnswersPerOrganisationPerDay");
    assertOutOfRange(() -> rules.withExistenceAnswersPerOrganisationPerDay(101),
        "signUpRules.existenceAnswersPerOrganisationPerDay");
    assertOutOfRange(() -> rules.withExistenceAnswersPerAccountPerDay(0), "signUpRules.existenceAnswersPerAccountPerDay");
    assertOutOfRange(() -> rules.withExistenceAnswersPerAccountPerDay(101),
        "signUpRules.existenceAnswersPerAccountPerDay");
    assertThat(MembershipPolicy.defaults().withSignUpRules(rules.withVerificationTtl(Duration.ofDays(7))
        .withSignUpEmailsPerAddressPerDay(20).withSignUpsPerSourceBeforeWaiting(1_000_000)
        .withExistenceAnswersPerOrganisationPerDay(100).withExistenceAnswersPerAccountPerDay(100)).signUpRules())
        .isEqualTo(new MembershipPolicy.SignUpRules(Duration.ofDays(7), 20, 1_000_000, 100, 100));
  }

  @Test
  void an_organisation_sends_200_invitations_a_day_by_default_and_at_most_5000_by_policy() {
    assertThat(MembershipPolicy.defaults().invitationsPerDay()).isEqualTo(200);
    assertThat(MembershipPolicy.defaults().withInvitationsPerDay(5000).invitationsPerDay()).isEqualTo(5000);
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationsPerDay(5001), "invitationsPerDay");
    assertOutOfRange(() -> MembershipPolicy.defaults().withInvitationsPerDay(0), "invitationsPerDay");
  }

  @Test
  void the_outbox_tries_20_times_leases_for_10_minutes_and_keeps_delivered_rows_30_days_by_default() {
    MembershipPolicy.OutboxPolicy outbox = MembershipPolicy.defaults().outbox();

    assertThat(outbox.maxAttempts()).isEqualTo(20);
    assertThat(outbox.lease()).isEqualTo(Duration.ofMinutes(10));
    assertThat(outbox.deliveredRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(MembershipPolicy.defaults().withOutbox(outbox.withMaxAttempts(3)).outbox().maxAttempts()).isEqualTo(3);
  }

  @Test
  void outbox_settings_out_of_their_bounds_are_refused() {
    MembershipPolicy.OutboxPolicy outbox = MembershipPolicy.OutboxPolicy.defaults();

    assertOutOfRange(() -> outbox.withMaxAttempts(0), "maxAttempts");
    assertOutOfRange(() -> outbox.withMaxAttempts(101), "maxAttempts");
    assertOutOfRange(() -> outbox.withLease(Duration.ofSeconds(9)), "lease");
    assertOutOfRange(() -> outbox.withLease(Duration.ofHours(25)), "lease");
    assertOutOfRange(() -> outbox.withDeliveredRetention(Duration.ofHours(23)), "deliveredRetention");
    assertOutOfRange(() -> outbox.withDeliveredRetention(Duration.ofDays(3651)), "deliveredRetention");
  }

  private static void assertOutOfRange(ThrowingCallable call, String field) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
      assertThat(e.fields()).singleElement().satisfies(f -> {
        assertThat(f.field()).isEqualTo(field);
        assertThat(f.code()).isEqualTo("out_of_range");
      });
    });
  }
}
