package dev.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.error.ErrorCode;
import dev.membership.error.IllegalStateTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One walk per state machine over every (from, to) pair of its status type: the table on the status
 * type says exactly the moves written out here, and the domain operation that leads to {@code to},
 * applied to a value in {@code from}, succeeds when the table has the move and otherwise fails with
 * the code written out here. A pair no operation leads to is checked on the table alone.
 */
class StateTransitionTablesTest {
  private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");
  private static final Instant T1 = T0.plusSeconds(60);
  private static final Instant T2 = T0.plusSeconds(120);
  private static final Instant EXPIRY = T0.plus(Duration.ofDays(7));

  // ---- membership ----

  private static final Set<String> MEMBERSHIP_MOVES =
      Set.of("ACTIVE->DEACTIVATED", "ACTIVE->REMOVED", "DEACTIVATED->ACTIVE", "DEACTIVATED->REMOVED");

  static Stream<Arguments> membershipPairs() {
    return pairs(MembershipStatus.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("membershipPairs")
  void every_membership_status_pair_is_allowed_or_refused_as_the_table_says(MembershipStatus from, MembershipStatus to) {
    Membership active = Membership.start(OrganisationId.random(), AccountId.random(), Role.MEMBER.id(),
        Set.of(EntitlementKey.of("analytics")), MembershipOrigin.INVITATION, T0);
    Membership value = switch (from) {
      case ACTIVE -> active;
      case DEACTIVATED -> active.deactivate(T1);
      case REMOVED -> active.remove(T1);
    };
    UnaryOperator<Membership> move = switch (to) {
      case ACTIVE -> m -> m.reactivate(T2);
      case DEACTIVATED -> m -> m.deactivate(T2);
      case REMOVED -> m -> m.remove(T2);
    };
    ErrorCode refusal = from == MembershipStatus.REMOVED ? ErrorCode.MEMBER_ALREADY_REMOVED
        : from == to && to == MembershipStatus.ACTIVE ? ErrorCode.MEMBER_ALREADY_ACTIVE
        : from == to ? ErrorCode.MEMBER_ALREADY_DEACTIVATED
        : ErrorCode.ILLEGAL_STATE_TRANSITION;

    walk(MEMBERSHIP_MOVES, from, to, from.canMoveTo(to), Optional.of(() -> move.apply(value).status()), refusal);
  }

  // ---- invitation (stored statuses; EXPIRED is read from the clock, and final if an old row holds it) ----

  private static final Set<String> INVITATION_MOVES = Set.of("PENDING->PENDING", "PENDING->ACCEPTED", "PENDING->CANCELLED");

  static Stream<Arguments> invitationPairs() {
    return pairs(InvitationStatus.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("invitationPairs")
  void every_invitation_status_pair_is_allowed_or_refused_as_the_table_says(InvitationStatus from, InvitationStatus to) {
    Invitation pending = Invitation.issue(OrganisationId.random(), EmailAddress.of("ana@acme.test"), Role.MEMBER.id(),
        Set.of(), TokenHash.of("first"), EXPIRY, AccountId.random(), Optional.empty(), T0);
    Invitation value = switch (from) {
      case PENDING -> pending;
      case ACCEPTED -> pending.accept(AccountId.random(), T1);
      case CANCELLED -> pending.cancel(T1);
      case EXPIRED -> new Invitation(pending.id(), pending.organisationId(), pending.email(), pending.roleId(),
          pending.grants(), InvitationStatus.EXPIRED, pending.tokenHash(), pending.expiresAt(), pending.invitedBy(),
          pending.joinRequestId(), 1, T0, EXPIRY, Optional.empty(), 1);
    };
    Optional<Function<Invitation, Invitation>> move = switch (to) {
      case PENDING -> Optional.of(i -> i.resend(TokenHash.of("second"), T2.plus(Duration.ofDays(7)), i.invitedBy(), T2));
      case ACCEPTED -> Optional.of(i -> i.accept(AccountId.random(), T2));
      case CANCELLED -> Optional.of(i -> i.cancel(T2));
      case EXPIRED -> Optional.empty(); // no operation: the clock expires an invitation
    };
    ErrorCode refusal = switch (from) {
      case ACCEPTED -> ErrorCode.INVITATION_ALREADY_ACCEPTED;
      case CANCELLED, EXPIRED -> ErrorCode.INVITATION_ALREADY_CANCELLED;
      case PENDING -> ErrorCode.ILLEGAL_STATE_TRANSITION;
    };

    walk(INVITATION_MOVES, from, to, from.canMoveTo(to), move.map(m -> () -> m.apply(value).status()), refusal);
  }

  // ---- join request ----

  private static final Set<String> JOIN_REQUEST_MOVES = Set.of("PENDING->APPROVED", "PENDING->DENIED", "PENDING->WITHDRAWN");

  static Stream<Arguments> joinRequestPairs() {
    return pairs(JoinRequestStatus.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("joinRequestPairs")
  void every_join_request_status_pair_is_allowed_or_refused_as_the_table_says(JoinRequestStatus from, JoinRequestStatus to) {
    AccountId reviewer = AccountId.random();
    JoinRequest pending = JoinRequest.open(OrganisationId.random(), AccountId.random(), Optional.empty(), T0);
    JoinRequest value = switch (from) {
      case PENDING -> pending;
      case APPROVED -> pending.approve(reviewer, T1);
      case DENIED -> pending.deny(reviewer, T1);
      case WITHDRAWN -> pending.withdraw(T1);
    };
    Optional<Function<JoinRequest, JoinRequest>> move = switch (to) {
      case PENDING -> Optional.empty(); // only JoinRequest.open makes a pending request
      case APPROVED -> Optional.of(r -> r.approve(reviewer, T2));
      case DENIED -> Optional.of(r -> r.deny(reviewer, T2));
      case WITHDRAWN -> Optional.of(r -> r.withdraw(T2));
    };
    ErrorCode refusal = switch (from) {
      case APPROVED, DENIED -> ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED;
      case WITHDRAWN -> ErrorCode.JOIN_REQUEST_WITHDRAWN;
      case PENDING -> ErrorCode.ILLEGAL_STATE_TRANSITION;
    };

    walk(JOIN_REQUEST_MOVES, from, to, from.canMoveTo(to), move.map(m -> () -> m.apply(value).status()), refusal);
  }

  // ---- sign-up (address verification) ----

  private static final Set<String> SIGN_UP_MOVES = Set.of("AWAITING_VERIFICATION->VERIFIED", "AWAITING_VERIFICATION->ENDED");

  static Stream<Arguments> signUpPairs() {
    return pairs(SignUpStatus.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("signUpPairs")
  void every_sign_up_status_pair_is_allowed_or_refused_as_the_table_says(SignUpStatus from, SignUpStatus to) {
    EmailAddress ana = EmailAddress.of("ana@acme.test");
    SignUp awaiting = SignUp.awaiting(ana, "Ana", new PasswordHash("$test$ana"), TokenHash.of("token"), EXPIRY, T0);
    SignUp value = switch (from) {
      case AWAITING_VERIFICATION -> awaiting;
      case OWNER_NOTIFIED -> SignUp.ownerNotified(ana, T0);
      case VERIFIED -> awaiting.verify(T1);
      case ENDED -> awaiting.end(T1);
    };
    Optional<Function<SignUp, SignUp>> move = switch (to) {
      case AWAITING_VERIFICATION, OWNER_NOTIFIED -> Optional.empty(); // only made new, never moved to
      case VERIFIED -> Optional.of(s -> s.verify(T2));
      case ENDED -> Optional.of(s -> s.end(T2));
    };

    walk(SIGN_UP_MOVES, from, to, from.canMoveTo(to), move.map(m -> () -> m.apply(value).status()),
        ErrorCode.ILLEGAL_STATE_TRANSITION);
  }

  // ---- organisation ----

  private static final Set<String> ORGANISATION_MOVES = Set.of("ACTIVE->DELETED");

  static Stream<Arguments> organisationPairs() {
    return pairs(OrganisationStatus.values());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("organisationPairs")
  void every_organisation_status_pair_is_allowed_or_refused_as_the_table_says(OrganisationStatus from, OrganisationStatus to) {
    Organisation active = Organisation.create("Acme", T0);
    Organisation value = from == OrganisationStatus.ACTIVE ? active : active.delete();
    Optional<Function<Organisation, Organisation>> move =
        to == OrganisationStatus.DELETED ? Optional.of(Organisation::delete) : Optional.empty();
    ErrorCode refusal = from == OrganisationStatus.DELETED ? ErrorCode.ORGANISATION_DELETED : ErrorCode.ILLEGAL_STATE_TRANSITION;

    walk(ORGANISATION_MOVES, from, to, from.canMoveTo(to), move.map(m -> () -> m.apply(value).status()), refusal);
  }

  // ---- the walk ----

  @SafeVarargs
  private static <S extends Enum<S>> Stream<Arguments> pairs(S... statuses) {
    return Arrays.stream(statuses).flatMap(from -> Arrays.stream(statuses).map(to -> Arguments.of(from, to)));
  }

  private interface Move {
    Enum<?> status();
  }

  private static void walk(Set<String> expectedMoves, Enum<?> from, Enum<?> to, boolean tableAllows,
      Optional<Move> move, ErrorCode refusal) {
    boolean expected = expectedMoves.contains(from + "->" + to);
    assertThat(tableAllows).as("the table's answer for %s -> %s", from, to).isEqualTo(expected);
    if (move.isEmpty()) {
      return;
    }
    if (expected) {
      assertThat(move.get().status()).isEqualTo(to);
    } else {
      assertThatThrownBy(() -> move.get().status())
          .isInstanceOfSatisfying(IllegalStateTransitionException.class, e -> {
            assertThat(e.code()).as("code of %s -> %s", from, to).isEqualTo(refusal);
            assertThat(Map.of("from", e.from(), "to", e.to())).isEqualTo(Map.of("from", from, "to", to));
          });
    }
  }
}
