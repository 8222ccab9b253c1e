package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.InvitationStore}: an invitation reads back exactly as written through each of its states, and an address has at most one pending invitation per organisation. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class InvitationStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void an_invitation_reads_back_as_written_through_each_of_its_states() {
    Organisation acme = organisation("acme");
    entitlement(acme, "analytics", Optional.empty());
    Account owner = account("owner@acme.test");
    Account pat = account("pat@x.test");
    JoinRequest request = newJoinRequest(acme, pat, MS);
    inTx(tx -> tx.joinRequests().insert(request));
    Invitation pending = new Invitation(InvitationId.random(), acme.id(), pat.email(), Role.ADMIN.id(), keys("analytics"),
        InvitationStatus.PENDING, TokenHash.of("round-trip"), MS.plusSeconds(3600), owner.id(), Optional.of(request.id()), 1,
        MS, MS, Optional.empty(), 0);
    inTx(tx -> tx.invitations().insert(pending));
    assertThat(find(tx -> tx.invitations().find(acme.id(), pending.id()))).contains(pending);
    assertThat(find(tx -> tx.invitations().findByTokenHash(TokenHash.of("round-trip")))).contains(pending);

    Invitation resent = tx(tx -> tx.invitations().update(pending.resend(TokenHash.of("round-trip-2"), MS.plusSeconds(7200), pending.invitedBy(),
        MS.plusMillis(50))));
    Invitation accepted = tx(tx -> tx.invitations().update(resent.accept(pat.id(), MS.plusMillis(60))));

    assertThat(resent.sendCount()).isEqualTo(2);
    assertThat(find(tx -> tx.invitations().find(acme.id(), pending.id()))).contains(accepted);
    assertThat(find(tx -> tx.invitations().findByTokenHash(TokenHash.of("round-trip-2")))).contains(accepted);
    assertThat(find(tx -> tx.invitations().findPending(acme.id(), pat.email()))).isEmpty();
    assertThat(accepted.acceptedBy()).contains(pat.id());
  }

  @Test
  void a_second_pending_invitation_to_the_same_address_is_refused_ignoring_case() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Invitation first = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);

    assertFailsWith(ErrorCode.INVITATION_ALREADY_PENDING,
        () -> inTx(tx -> tx.invitations().insert(newInvitation(acme, " Ana@ACME.test", Role.ADMIN.id(), owner))));

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@acme.test")))).map(Invitation::id)
        .contains(first.id());
  }

  @Test
  void a_cancelled_or_accepted_invitation_does_not_block_a_new_pending_one() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Invitation cancelled = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    inTx(tx -> tx.invitations().update(cancelled.cancel(at(10))));
    Invitation accepted = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);
    inTx(tx -> tx.invitations().update(accepted.accept(owner.id(), at(20))));

    Invitation third = invitation(acme, "ana@acme.test", Role.MEMBER.id(), owner);

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@acme.test")))).map(Invitation::id)
        .contains(third.id());
  }

  @Test
  void the_same_address_may_be_invited_by_two_organisations() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    Account owner = account("owner@x.test");

    Invitation toAcme = invitation(acme, "ana@x.test", Role.MEMBER.id(), owner);
    Invitation toGlobex = invitation(globex, "ana@x.test", Role.MEMBER.id(), owner);

    assertThat(find(tx -> tx.invitations().findPending(acme.id(), email("ana@x.test")))).map(Invitation::id).contains(toAcme.id());
    assertThat(find(tx -> tx.invitations().findPending(globex.id(), email("ana@x.test")))).map(Invitation::id)
        .contains(toGlobex.id());
  }
}
