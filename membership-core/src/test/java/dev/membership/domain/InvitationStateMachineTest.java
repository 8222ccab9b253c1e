package dev.membership.domain;

import static dev.membership.domain.MembershipStateMachineTest.assertIllegal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvitationStateMachineTest {
  private static final Instant SENT = Instant.parse("2026-03-01T09:00:00Z");
  private static final Duration TTL = Duration.ofDays(7);
  private static final Instant EXPIRY = SENT.plus(TTL);
  private static final TokenHash FIRST_TOKEN = TokenHash.of("first-token");

  private static Invitation pending() {
    return Invitation.issue(OrganisationId.random(), EmailAddress.of("ana@acme.test"), Role.ADMIN.id(),
        Set.of(EntitlementKey.of("analytics")), FIRST_TOKEN, EXPIRY, AccountId.random(), Optional.empty(), SENT);
  }

  @Test
  void a_new_invitation_is_pending_sent_once_and_open_until_its_expiry() {
    Invitation invitation = pending();

    assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(invitation.sendCount()).isEqualTo(1);
    assertThat(invitation.acceptedBy()).isEmpty();
    assertThat(invitation.isOpenAt(SENT)).isTrue();
    assertThat(invitation.isOpenAt(EXPIRY.minusMillis(1))).isTrue();
    assertThat(invitation.statusAt(EXPIRY.minusMillis(1))).isEqualTo(InvitationStatus.PENDING);
  }

  @Test
  void a_pending_invitation_past_its_expiry_shows_as_expired_and_no_longer_opens() {
    Invitation invitation = pending();

    assertThat(invitation.statusAt(EXPIRY)).isEqualTo(InvitationStatus.EXPIRED);
    assertThat(invitation.statusAt(EXPIRY.plus(Duration.ofDays(3)))).isEqualTo(InvitationStatus.EXPIRED);
    assertThat(invitation.isOpenAt(EXPIRY)).isFalse();
    assertThat(invitation.status()).as("expiry is read from the clock, never stored").isEqualTo(InvitationStatus.PENDING);
  }

  @Test
  void accepting_before_expiry_records_who_accepted_and_when() {
    AccountId ana = AccountId.random();
    Instant when = SENT.plus(Duration.ofDays(2));

    Invitation accepted = pending().accept(ana, when);

    assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(accepted.acceptedBy()).contains(ana);
    assertThat(accepted.updatedAt()).isEqualTo(when);
    assertThat(accepted.isOpenAt(when)).isFalse();
    assertThat(accepted.statusAt(EXPIRY.plusSeconds(1))).as("an accepted invitation never shows as expired")
        .isEqualTo(InvitationStatus.ACCEPTED);
  }

  @Test
  void accepting_after_expiry_is_refused_as_a_transition_from_expired() {
    Invitation invitation = pending();
    for (Instant when : List.of(EXPIRY, EXPIRY.plus(Duration.ofDays(1)))) {
      assertThatThrownBy(() -> invitation.accept(AccountId.random(), when))
          .isInstanceOfSatisfying(IllegalStateTransitionException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_EXPIRED);
            assertThat(e.from()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(e.to()).isEqualTo(InvitationStatus.ACCEPTED);
          });
    }
  }

  @Test
  void an_accepted_invitation_cannot_be_accepted_again_cancelled_replaced_or_resent() {
    Invitation accepted = pending().accept(AccountId.random(), SENT.plusSeconds(10));
    Instant later = SENT.plusSeconds(20);

    assertIllegal(() -> accepted.accept(AccountId.random(), later), InvitationStatus.ACCEPTED, InvitationStatus.ACCEPTED);
    assertIllegal(() -> accepted.cancel(later), InvitationStatus.ACCEPTED, InvitationStatus.CANCELLED);
    assertIllegal(() -> accepted.replace(EXPIRY.plusSeconds(1)), InvitationStatus.ACCEPTED, InvitationStatus.CANCELLED);
    assertIllegal(() -> accepted.resend(TokenHash.of("again"), later.plus(TTL), accepted.invitedBy(), later),
        InvitationStatus.ACCEPTED, InvitationStatus.PENDING);
  }

  @Test
  void a_cancelled_invitation_cannot_be_accepted_or_resent() {
    Invitation cancelled = pending().cancel(SENT.plusSeconds(10));
    Instant later = SENT.plusSeconds(20);

    assertThat(cancelled.status()).isEqualTo(InvitationStatus.CANCELLED);
    assertThat(cancelled.statusAt(EXPIRY.plusSeconds(1))).isEqualTo(InvitationStatus.CANCELLED);
    assertIllegal(() -> cancelled.accept(AccountId.random(), later), InvitationStatus.CANCELLED, InvitationStatus.ACCEPTED);
    assertIllegal(() -> cancelled.resend(TokenHash.of("again"), later.plus(TTL), cancelled.invitedBy(), later),
        InvitationStatus.CANCELLED, InvitationStatus.PENDING);
    assertIllegal(() -> cancelled.cancel(later), InvitationStatus.CANCELLED, InvitationStatus.CANCELLED);
  }

  @Test
  void an_expired_invitation_that_a_new_one_replaces_is_closed_as_cancelled_and_can_no_longer_be_resent() {
    Invitation replaced = pending().replace(EXPIRY);
    Instant later = EXPIRY.plusSeconds(1);

    assertThat(replaced.status()).isEqualTo(InvitationStatus.CANCELLED);
    assertIllegal(() -> replaced.resend(TokenHash.of("again"), later.plus(TTL), replaced.invitedBy(), later),
        InvitationStatus.CANCELLED, InvitationStatus.PENDING);
    assertIllegal(() -> replaced.cancel(later), InvitationStatus.CANCELLED, InvitationStatus.CANCELLED);
  }

  @Test
  void only_an_expired_invitation_can_be_replaced() {
    assertIllegal(() -> pending().replace(EXPIRY.minusMillis(1)), InvitationStatus.PENDING, InvitationStatus.CANCELLED);
  }

  @Test
  void an_expired_invitation_can_be_cancelled() {
    assertThat(pending().cancel(EXPIRY.plusSeconds(5)).status()).isEqualTo(InvitationStatus.CANCELLED);
  }

  @Test
  void resend_rotates_the_token_hash_bumps_the_send_count_and_renews_the_expiry() {
    Invitation first = pending();
    Instant resentAt = SENT.plus(Duration.ofDays(5));
    TokenHash newToken = TokenHash.of("second-token");

    Invitation resent = first.resend(newToken, resentAt.plus(TTL), first.invitedBy(), resentAt);

    assertThat(resent.tokenHash()).isEqualTo(newToken).isNotEqualTo(FIRST_TOKEN);
    assertThat(resent.sendCount()).isEqualTo(2);
    assertThat(resent.expiresAt()).isEqualTo(resentAt.plus(TTL)).isAfter(first.expiresAt());
    assertThat(resent.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(resent.id()).isEqualTo(first.id());
    assertThat(resent.createdAt()).isEqualTo(SENT);
    assertThat(resent.updatedAt()).isEqualTo(resentAt);
    assertThat(resent.isOpenAt(first.expiresAt())).as("open past the old expiry").isTrue();
  }

  @Test
  void an_invitation_that_ran_out_of_time_can_be_resent_and_then_accepted() {
    Instant late = EXPIRY.plus(Duration.ofDays(2));
    Invitation resent = pending().resend(TokenHash.of("fresh"), late.plus(TTL), pending().invitedBy(), late);

    assertThat(resent.statusAt(late)).isEqualTo(InvitationStatus.PENDING);
    assertThat(resent.accept(AccountId.random(), late.plusSeconds(5)).status()).isEqualTo(InvitationStatus.ACCEPTED);
  }

  @Test
  void every_resend_counts() {
    Invitation invitation = pending();
    for (int i = 0; i < 3; i++) {
      invitation = invitation.resend(TokenHash.of("token-" + i), EXPIRY, invitation.invitedBy(), SENT);
    }
    assertThat(invitation.sendCount()).isEqualTo(4);
    assertThat(invitation.tokenHash()).isEqualTo(TokenHash.of("token-2"));
  }

  @Test
  void a_token_hash_is_the_sha256_of_the_token_and_differs_per_token() {
    assertThat(TokenHash.of("abc").hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(TokenHash.of("first-token")).isEqualTo(TokenHash.of("first-token")).isNotEqualTo(TokenHash.of("first-tokeN"));
  }
}
