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
    assertThat(policy.signInFailuresBeforeThrottle()).isPositive();
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
    assertOutOfRange(() -> new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 63, 5, Duration.ofMinutes(15)),
        "maxPasswordLength");
  }

  @Test
  void a_maximum_password_length_above_2048_is_refused_so_every_accepted_password_is_normalised_whole() {
    assertOutOfRange(() -> new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 2049, 5, Duration.ofMinutes(15)),
        "maxPasswordLength");
    assertThat(new MembershipPolicy(Duration.ofDays(7), Duration.ofDays(7), 15, 2048, 5, Duration.ofMinutes(15))
        .maxPasswordLength()).isEqualTo(2048);
  }

  @Test
  void a_minimum_above_the_maximum_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withMinPasswordLength(2000), "maxPasswordLength");
  }

  @Test
  void a_throttle_of_zero_failures_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withSignInThrottle(0, Duration.ofMinutes(1)),
        "signInFailuresBeforeThrottle");
  }

  @Test
  void a_zero_or_negative_throttle_window_is_refused() {
    assertOutOfRange(() -> MembershipPolicy.defaults().withSignInThrottle(5, Duration.ZERO), "throttleWindow");
    assertOutOfRange(() -> MembershipPolicy.defaults().withSignInThrottle(5, Duration.ofMinutes(-1)), "throttleWindow");
  }

  @Test
  void sign_up_links_last_a_day_and_an_address_gets_five_sign_up_e_mails_and_an_organisation_ten_existence_answers_a_day() {
    MembershipPolicy.SignUpRules rules = MembershipPolicy.defaults().signUpRules();

    assertThat(rules.verificationTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(rules.signUpEmailsPerAddressPerDay()).isEqualTo(5);
    assertThat(rules.existenceAnswersPerOrganisationPerDay()).isEqualTo(10);
  }

  @Test
  void sign_up_rules_outside_their_ranges_are_refused() {
    MembershipPolicy.SignUpRules rules = MembershipPolicy.SignUpRules.defaults();
    assertOutOfRange(() -> rules.withVerificationTtl(Duration.ofMinutes(4)), "signUpRules.verificationTtl");
    assertOutOfRange(() -> rules.withVerificationTtl(Duration.ofDays(7).plusSeconds(1)), "signUpRules.verificationTtl");
    assertOutOfRange(() -> rules.withSignUpEmailsPerAddressPerDay(0), "signUpRules.signUpEmailsPerAddressPerDay");
    assertOutOfRange(() -> rules.withSignUpEmailsPerAddressPerDay(21), "signUpRules.signUpEmailsPerAddressPerDay");
    assertOutOfRange(() -> rules.withExistenceAnswersPerOrganisationPerDay(0),
        "signUpRules.existenceAnswersPerOrganisationPerDay");
    assertOutOfRange(() -> rules.withExistenceAnswersPerOrganisationPerDay(101),
        "signUpRules.existenceAnswersPerOrganisationPerDay");
    assertThat(MembershipPolicy.defaults().withSignUpRules(rules.withVerificationTtl(Duration.ofDays(7))
        .withSignUpEmailsPerAddressPerDay(20).withExistenceAnswersPerOrganisationPerDay(100)).signUpRules())
        .isEqualTo(new MembershipPolicy.SignUpRules(Duration.ofDays(7), 20, 100));
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
