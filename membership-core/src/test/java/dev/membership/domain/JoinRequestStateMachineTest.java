package dev.membership.domain;

import static dev.membership.domain.MembershipStateMachineTest.assertIllegal;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinRequestStateMachineTest {
  private static final Instant ASKED = Instant.parse("2026-04-01T08:00:00Z");
  private static final Instant DECIDED = ASKED.plusSeconds(3600);
  private static final Instant LATER = DECIDED.plusSeconds(3600);

  private static JoinRequest pending() {
    return JoinRequest.open(OrganisationId.random(), AccountId.random(), Optional.of("I work on the CRM team"), ASKED);
  }

  @Test
  void a_new_join_request_is_pending_with_its_message_and_undecided() {
    JoinRequest request = pending();

    assertThat(request.status()).isEqualTo(JoinRequestStatus.PENDING);
    assertThat(request.message()).contains("I work on the CRM team");
    assertThat(request.decidedBy()).isEmpty();
    assertThat(request.decidedAt()).isEmpty();
    assertThat(request.createdAt()).isEqualTo(ASKED);
  }

  @Test
  void approving_records_the_reviewer_and_the_time() {
    AccountId reviewer = AccountId.random();

    JoinRequest approved = pending().approve(reviewer, DECIDED);

    assertThat(approved.status()).isEqualTo(JoinRequestStatus.APPROVED);
    assertThat(approved.decidedBy()).contains(reviewer);
    assertThat(approved.decidedAt()).contains(DECIDED);
  }

  @Test
  void denying_records_the_reviewer_and_keeps_everything_else() {
    JoinRequest request = pending();
    AccountId reviewer = AccountId.random();

    JoinRequest denied = request.deny(reviewer, DECIDED);

    assertThat(denied.status()).isEqualTo(JoinRequestStatus.DENIED);
    assertThat(denied.decidedBy()).contains(reviewer);
    assertThat(denied.decidedAt()).contains(DECIDED);
    assertThat(denied.accountId()).isEqualTo(request.accountId());
    assertThat(denied.message()).isEqualTo(request.message());
  }

  @Test
  void the_requester_withdrawing_has_no_reviewer() {
    JoinRequest withdrawn = pending().withdraw(DECIDED);

    assertThat(withdrawn.status()).isEqualTo(JoinRequestStatus.WITHDRAWN);
    assertThat(withdrawn.decidedBy()).isEmpty();
    assertThat(withdrawn.decidedAt()).contains(DECIDED);
  }

  @Test
  void an_approved_request_cannot_be_decided_again() {
    JoinRequest approved = pending().approve(AccountId.random(), DECIDED);
    assertIllegal(() -> approved.approve(AccountId.random(), LATER), JoinRequestStatus.APPROVED, JoinRequestStatus.APPROVED);
    assertIllegal(() -> approved.deny(AccountId.random(), LATER), JoinRequestStatus.APPROVED, JoinRequestStatus.DENIED);
    assertIllegal(() -> approved.withdraw(LATER), JoinRequestStatus.APPROVED, JoinRequestStatus.WITHDRAWN);
  }

  @Test
  void a_denied_request_cannot_be_approved_afterwards() {
    JoinRequest denied = pending().deny(AccountId.random(), DECIDED);
    assertIllegal(() -> denied.approve(AccountId.random(), LATER), JoinRequestStatus.DENIED, JoinRequestStatus.APPROVED);
    assertIllegal(() -> denied.withdraw(LATER), JoinRequestStatus.DENIED, JoinRequestStatus.WITHDRAWN);
  }

  @Test
  void a_withdrawn_request_cannot_be_approved_or_denied() {
    JoinRequest withdrawn = pending().withdraw(DECIDED);
    assertIllegal(() -> withdrawn.approve(AccountId.random(), LATER), JoinRequestStatus.WITHDRAWN, JoinRequestStatus.APPROVED);
    assertIllegal(() -> withdrawn.deny(AccountId.random(), LATER), JoinRequestStatus.WITHDRAWN, JoinRequestStatus.DENIED);
    assertIllegal(() -> withdrawn.withdraw(LATER), JoinRequestStatus.WITHDRAWN, JoinRequestStatus.WITHDRAWN);
  }
}
