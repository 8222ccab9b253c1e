package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.MembershipPolicy;
import dev.membership.MembershipPolicy.RetentionPolicy;
import dev.membership.PurgeCounts;
import dev.membership.domain.Account;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: retention. {@code retention().purge()} deletes delivered notifications, answered join
 * requests and ended invitations past the time the policy keeps them, in short batches; keeps
 * everything else (pending work, accepted invitations, removed memberships); and two instances
 * purging at once delete, and count, each row once.
 */
public abstract class RetentionContract extends StoreContractSupport {
  private static final Duration KEPT = Duration.ofDays(10);
  private static final MembershipPolicy POLICY = MembershipPolicy.defaults()
      .withOutbox(MembershipPolicy.OutboxPolicy.defaults().withDeliveredRetention(KEPT))
      .withRetention(new RetentionPolicy(KEPT, KEPT));

  private TestMembership instance() {
    TestMembership kit = TestMembership.on(store(), POLICY);
    kit.clock().set(T0.plus(Duration.ofDays(20))); // past retention: what ended before T0 + 10 days
    return kit;
  }

  private Invitation cancelledAt(Organisation organisation, String email, Account by, Instant at) {
    Invitation invitation = invitation(organisation, email, Role.MEMBER.id(), by);
    return tx(t -> t.invitations().update(invitation.cancel(at)));
  }

  @Test
  void the_upkeep_purges_what_is_past_retention_and_keeps_pending_work_accepted_invitations_and_removed_members() {
    Organisation acme = organisation("Acme");
    Account owner = account("owner@acme.test");
    member(acme, owner, Role.OWNER);
    Account gone = account("gone@acme.test");
    var removed = member(acme, gone, Role.MEMBER);
    inTx(t -> t.memberships().update(removed.remove(T0)));
    Instant old = T0;
    Instant recent = T0.plus(Duration.ofDays(15));
    // Invitations: cancelled long ago, expired long ago (pending past its link), accepted long ago,
    // cancelled lately, and an open one.
    Invitation cancelledOld = cancelledAt(acme, "a@x.test", owner, old);
    Invitation expired = invitation(acme, "b@x.test", Role.MEMBER.id(), owner); // link ended T0 + 7 days
    Invitation accepted = invitation(acme, "c@x.test", Role.MEMBER.id(), owner);
    inTx(t -> t.invitations().update(accepted.accept(owner.id(), old)));
    Invitation cancelledLately = cancelledAt(acme, "d@x.test", owner, recent);
    Invitation open = Invitation.issue(acme.id(), email("e@x.test"), Role.MEMBER.id(), keys(),
        dev.membership.domain.TokenHash.of("open-link"), recent.plus(Duration.ofDays(7)), owner.id(),
        java.util.Optional.empty(), recent);
    inTx(t -> t.invitations().insert(open));
    // Join requests: approved, denied, withdrawn long ago; withdrawn lately; pending.
    List<JoinRequest> requests = new ArrayList<>();
    for (String who : List.of("r1", "r2", "r3", "r4", "r5")) {
      Account asker = account(who + "@y.test");
      JoinRequest request = newJoinRequest(acme, asker, old);
      inTx(t -> t.joinRequests().insert(request));
      requests.add(request);
    }
    inTx(t -> {
      t.joinRequests().update(requests.get(0).approve(owner.id(), old));
      t.joinRequests().update(requests.get(1).deny(owner.id(), old));
      t.joinRequests().update(requests.get(2).withdraw(old));
      t.joinRequests().update(requests.get(3).withdraw(recent));
    });
    // Notifications: delivered long ago, delivered lately, pending.
    Notification deliveredOld = newNotification(acme.id(), "n1@x.test", old);
    Notification deliveredLately = newNotification(acme.id(), "n2@x.test", old);
    Notification pending = newNotification(acme.id(), "n3@x.test", old);
    inTx(t -> {
      t.outbox().enqueue(deliveredOld);
      t.outbox().enqueue(deliveredLately);
      t.outbox().enqueue(pending);
      t.outbox().markDelivered(deliveredOld.id(), old);
      t.outbox().markDelivered(deliveredLately.id(), recent);
    });
    assertThat(tx(t -> t.reads().memberCounts(acme.id())).invited()).isEqualTo(2);

    PurgeCounts counts = instance().membership().retention().purge();

    assertThat(counts).isEqualTo(new PurgeCounts(1, 3, 2, false));
    assertThat(find(t -> t.invitations().find(acme.id(), cancelledOld.id()))).isEmpty();
    assertThat(find(t -> t.invitations().find(acme.id(), expired.id()))).isEmpty();
    assertThat(find(t -> t.invitations().find(acme.id(), accepted.id()))).isPresent();
    assertThat(find(t -> t.invitations().find(acme.id(), cancelledLately.id()))).isPresent();
    assertThat(find(t -> t.invitations().find(acme.id(), open.id()))).isPresent();
    assertThat(requests.subList(0, 3)).allSatisfy(r -> assertThat(find(t -> t.joinRequests().find(r.id()))).isEmpty());
    assertThat(requests.subList(3, 5)).allSatisfy(r -> assertThat(find(t -> t.joinRequests().find(r.id()))).isPresent());
    assertThat(find(t -> t.memberships().find(acme.id(), removed.id())).orElseThrow().status())
        .isEqualTo(MembershipStatus.REMOVED);
    // The kept counts follow: the expired invitation no longer counts as pending.
    assertThat(tx(t -> t.reads().memberCounts(acme.id())).invited()).isEqualTo(1);
    assertThat(tx(t -> t.reads().memberCounts(acme.id())).removed()).isEqualTo(1);
    assertThat(dueAt(recent.plus(Duration.ofDays(1)))).extracting(c -> c.notification().id())
        .containsExactly(pending.id());
    // A second run finds nothing left.
    assertThat(instance().membership().retention().purge().total()).isZero();
  }

  @Test
  void two_instances_purging_at_once_delete_and_count_each_row_once() {
    Organisation acme = organisation("Acme");
    Account owner = account("owner@acme.test");
    member(acme, owner, Role.OWNER);
    int rows = 40;
    inTx(t -> {
      for (int i = 0; i < rows; i++) {
        Notification delivered = newNotification(acme.id(), "n" + i + "@x.test", T0);
        t.outbox().enqueue(delivered);
        t.outbox().markDelivered(delivered.id(), T0);
      }
    });
    for (int i = 0; i < rows; i++) {
      cancelledAt(acme, "i" + i + "@x.test", owner, T0);
    }
    TestMembership first = instance();
    TestMembership second = instance();

    List<Callable<PurgeCounts>> both = List.of(() -> first.membership().retention().purge(),
        () -> second.membership().retention().purge());
    List<PurgeCounts> outcomes = Races.race(both);

    assertThat(outcomes.stream().mapToInt(PurgeCounts::deliveredNotifications).sum()).isEqualTo(rows);
    assertThat(outcomes.stream().mapToInt(PurgeCounts::endedInvitations).sum()).isEqualTo(rows);
    assertThat(first.membership().retention().purge().total()).isZero();
    assertThat(tx(t -> t.reads().memberCounts(acme.id())).invited()).isZero();
  }

  @Test
  void a_retention_shorter_than_a_day_or_longer_than_ten_years_is_refused_on_its_field() {
    assertThatThrownBy(() -> new RetentionPolicy(Duration.ofHours(1), KEPT))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("answeredJoinRequests"));
        });
    assertThatThrownBy(() -> RetentionPolicy.defaults().withEndedInvitations(Duration.ofDays(4000)))
        .isInstanceOfSatisfying(MembershipException.class,
            e -> assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("endedInvitations")));
    assertThat(MembershipPolicy.defaults().retention()).isEqualTo(RetentionPolicy.defaults());
    assertThat(new PurgeCounts(1, 2, 3, false).toString()).doesNotContain("@");
  }
}
