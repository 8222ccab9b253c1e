package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Organisation;
import dev.membership.error.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.JoinRequestStore}: a request reads back exactly as written, and an account has at most one pending request per organisation. Instants keep their milliseconds (a column that keeps only seconds fails
 * here); a unique key refuses a second row with a {@link dev.membership.error.ConflictException} of
 * the documented code and lets the first one stand.
 */
public abstract class JoinRequestStoreContract extends StoreContractSupport {
  /** An instant with milliseconds, as a real clock gives them. */
  private static final Instant MS = T0.plusMillis(123);

  @Test
  void a_join_request_reads_back_as_written_with_and_without_a_message() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    JoinRequest withMessage = new JoinRequest(JoinRequestId.random(), acme.id(), account("pat@x.test").id(),
        Optional.of("Hello, I'm in sales — \"ünïcödé\" too"), JoinRequestStatus.PENDING, MS, Optional.empty(),
        Optional.empty(), 0);
    JoinRequest silent = JoinRequest.open(acme.id(), account("sam@x.test").id(), Optional.empty(), MS);
    inTx(tx -> {
      tx.joinRequests().insert(withMessage);
      tx.joinRequests().insert(silent);
    });
    assertThat(find(tx -> tx.joinRequests().find(withMessage.id()))).contains(withMessage);
    assertThat(find(tx -> tx.joinRequests().find(silent.id()))).contains(silent);

    JoinRequest approved = tx(tx -> tx.joinRequests().update(withMessage.approve(owner.id(), MS.plusMillis(3))));

    assertThat(find(tx -> tx.joinRequests().find(withMessage.id()))).contains(approved);
    assertThat(approved.decidedBy()).contains(owner.id());
    assertThat(approved.decidedAt()).contains(MS.plusMillis(3));
  }

  @Test
  void a_second_pending_join_request_of_the_same_account_is_refused() {
    Organisation acme = organisation("acme");
    Account bob = account("bob@x.test");
    JoinRequest first = newJoinRequest(acme, bob, at(0));
    inTx(tx -> tx.joinRequests().insert(first));

    assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_PENDING,
        () -> inTx(tx -> tx.joinRequests().insert(newJoinRequest(acme, bob, at(5)))));

    assertThat(find(tx -> tx.joinRequests().findPending(acme.id(), bob.id()))).map(JoinRequest::id).contains(first.id());
  }

  @Test
  void a_decided_join_request_does_not_block_a_new_one() {
    Organisation acme = organisation("acme");
    Account bob = account("bob@x.test");
    Account owner = account("owner@acme.test");
    JoinRequest denied = newJoinRequest(acme, bob, at(0));
    inTx(tx -> tx.joinRequests().insert(denied));
    inTx(tx -> tx.joinRequests().update(denied.deny(owner.id(), at(5))));

    JoinRequest again = newJoinRequest(acme, bob, at(10));
    inTx(tx -> tx.joinRequests().insert(again));

    assertThat(find(tx -> tx.joinRequests().findPending(acme.id(), bob.id()))).map(JoinRequest::id).contains(again.id());
    assertThat(find(tx -> tx.joinRequests().find(denied.id()))).hasValueSatisfying(
        r -> assertThat(r.status()).isEqualTo(JoinRequestStatus.DENIED));
  }
}
