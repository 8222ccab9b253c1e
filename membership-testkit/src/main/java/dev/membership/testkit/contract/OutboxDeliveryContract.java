package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.MembershipPolicy.OutboxPolicy;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.DeadLetter;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.spi.OutboxLease;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import dev.membership.testkit.TestMembership;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: how the outbox delivers, as a host sees it. The sender is called outside any
 * transaction; whatever it throws fails that one notification; failures are retried with backoff up
 * to a maximum of attempts, then become dead letters the host lists, retries or discards; a crashed
 * dispatcher's claims are delivered by another once its lease ends; delivered rows are purged after a
 * retention.
 */
public abstract class OutboxDeliveryContract extends StoreContractSupport {

  /** A test's error that is neither an exception nor a failure of the JVM. */
  static final class SenderBug extends Error {
    SenderBug(String message) {
      super(message);
    }
  }

  /**
   * A host's sender: records every call, and throws for an address whatever it was told to, until
   * told otherwise.
   */
  static final class ScriptedSender implements NotificationSender {
    final List<Notification> calls = new CopyOnWriteArrayList<>();
    final List<Notification> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, Supplier<? extends Throwable>> failures = new ConcurrentHashMap<>();
    private volatile Consumer<Notification> onEachCall = n -> {};

    void failFor(String email, Supplier<? extends Throwable> failure) {
      failures.put(email, failure);
    }

    void fixed(String email) {
      failures.remove(email);
    }

    void onEachCall(Consumer<Notification> action) {
      onEachCall = action;
    }

    @Override
    public void send(Notification notification) throws Exception {
      calls.add(notification);
      onEachCall.accept(notification);
      Supplier<? extends Throwable> failure = failures.get(notification.recipient().value());
      if (failure != null) {
        Throwable t = failure.get();
        if (t instanceof Exception e) {
          throw e;
        }
        throw (Error) t;
      }
      delivered.add(notification);
    }

    List<Notification> callsTo(String email) {
      return calls.stream().filter(n -> n.recipient().value().equals(email)).toList();
    }

    List<Notification> deliveredTo(String email) {
      return delivered.stream().filter(n -> n.recipient().value().equals(email)).toList();
    }
  }

  /** A host: the library on this test's store with a test clock, an owner and an organisation. */
  final class Host {
    final MutableClock clock = MutableClock.standard();
    final ScriptedSender sender = new ScriptedSender();
    final Memberships library;
    final AccountId olga;
    final OrganisationId acme;

    Host(MembershipStore store, MembershipPolicy policy, boolean deliverAfterCommit) {
      this(store, policy, deliverAfterCommit, Optional.empty());
    }

    /** With {@code executor} for the deliveries after commit, or the library's own thread in the background. */
    Host(MembershipStore store, MembershipPolicy policy, boolean deliverAfterCommit, Optional<Executor> executor) {
      this(store, policy, deliverAfterCommit, executor, true);
    }

    /** With the builder's default delivery (in the committing thread) unless {@code background}. */
    Host(MembershipStore store, MembershipPolicy policy, boolean deliverAfterCommit, boolean background) {
      this(store, policy, deliverAfterCommit, Optional.empty(), background);
    }

    private Host(MembershipStore store, MembershipPolicy policy, boolean deliverAfterCommit, Optional<Executor> executor,
        boolean background) {
      Memberships.Builder builder = Memberships.builder()
          .store(store)
          .clock(clock)
          .passwordHasher(new FastTestPasswordHasher())
          .notifications(sender)
          .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
          .policy(policy)
          .deliverNotificationsAfterCommit(deliverAfterCommit);
      executor.ifPresent(builder::notificationExecutor);
      if (executor.isEmpty() && background) {
        builder.deliverNotificationsInBackground();
      }
      library = builder.build();
      // Written straight to the store: signing up would leave its own e-mail in the outbox.
      olga = library.accounts().findByEmail("olga@acme.test").map(a -> a.id())
          .orElseGet(() -> account("olga@acme.test").id());
      acme = library.organisations().create(olga, "Acme").id();
    }

    void invite(String... emails) {
      for (String email : emails) {
        library.invitations().invite(olga, acme, Invite.of(email, Role.MEMBER));
        settle();
      }
    }

    /** Waits for the deliveries after commit the library runs on its own thread (when turned on). */
    void settle() {
      try {
        assertThat(library.outbox().awaitDeliveries(Duration.ofSeconds(30))).as("deliveries after commit finished").isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    List<DeadLetter> deadLetters() {
      return library.outbox().deadLetters(PageRequest.first(PageRequest.MAX_LIMIT)).items();
    }

    NotificationId deadLetterTo(String email) {
      return deadLetters().stream().filter(d -> d.notification().recipient().value().equals(email))
          .findFirst().orElseThrow(() -> new AssertionError("no dead letter to " + email)).notification().id();
    }
  }

  private Host host(OutboxPolicy outbox) {
    return new Host(store(), MembershipPolicy.defaults().withOutbox(outbox), false);
  }

  private Host host() {
    return host(OutboxPolicy.defaults());
  }

  @Test
  void a_sender_that_throws_an_error_fails_only_that_notification_and_the_rest_of_the_batch_is_delivered_once() {
    Host host = host();
    host.invite("ana@acme.test", "bo@acme.test", "cy@acme.test");
    host.sender.failFor("bo@acme.test", () -> new SenderBug("the template engine broke"));

    int delivered = host.library.outbox().deliverDue();
    int again = host.library.outbox().deliverDue();
    host.clock.advance(Duration.ofMinutes(5));
    int later = host.library.outbox().deliverDue();

    assertThat(delivered).isEqualTo(2);
    assertThat(again).isZero();
    assertThat(later).isZero();
    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(1);
    assertThat(host.sender.callsTo("cy@acme.test")).hasSize(1);
    assertThat(host.sender.callsTo("bo@acme.test")).hasSize(2);
    host.sender.fixed("bo@acme.test");
    host.clock.advance(Duration.ofHours(1));
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);
    assertThat(host.sender.deliveredTo("bo@acme.test")).hasSize(1);
  }

  @Test
  void one_recipients_notifications_are_delivered_in_the_order_written_in_one_run_and_a_failing_one_holds_back_the_rest() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(2));
    host.invite("ana@acme.test", "bo@acme.test");
    // A second invitation to each, from another organisation, written a second later.
    host.clock.advance(Duration.ofSeconds(1));
    OrganisationId globex = host.library.organisations().create(host.olga, "Globex").id();
    host.library.invitations().invite(host.olga, globex, Invite.of("ana@acme.test", Role.MEMBER));
    host.library.invitations().invite(host.olga, globex, Invite.of("bo@acme.test", Role.MEMBER));
    host.sender.failFor("bo@acme.test", () -> new IOException("the mailbox is full"));

    assertThat(host.library.outbox().deliverDue()).as("both of Ana's, one claim after the other").isEqualTo(2);
    assertThat(host.sender.deliveredTo("ana@acme.test")).extracting(n -> n.data().get("organisationName"))
        .containsExactly("Acme", "Globex");
    assertThat(host.sender.callsTo("bo@acme.test")).as("Bo's second waits behind the first").hasSize(1)
        .extracting(n -> n.data().get("organisationName")).containsExactly("Acme");

    host.sender.fixed("bo@acme.test");
    host.clock.advance(Duration.ofMinutes(1));
    assertThat(host.library.outbox().deliverDue()).isEqualTo(2);
    assertThat(host.sender.deliveredTo("bo@acme.test")).extracting(n -> n.data().get("organisationName"))
        .containsExactly("Acme", "Globex");
  }

  @Test
  void an_out_of_memory_error_from_the_sender_is_counted_against_its_notification_and_thrown_on() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(1));
    host.invite("ana@acme.test", "bo@acme.test");
    host.sender.failFor("ana@acme.test", () -> new OutOfMemoryError("simulated"));

    assertThatThrownBy(() -> host.library.outbox().deliverDue()).isInstanceOf(OutOfMemoryError.class);

    assertThat(host.sender.callsTo("bo@acme.test")).as("nothing more is sent after it").isEmpty();
    assertThat(host.deadLetters()).extracting(d -> d.notification().recipient().value(), DeadLetter::lastError)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("ana@acme.test", "java.lang.OutOfMemoryError"));
    // The rest of the batch was given back unattempted: due at once, its one attempt still to come.
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);
    assertThat(host.sender.deliveredTo("bo@acme.test")).hasSize(1);
  }

  @Test
  void failed_deliveries_are_retried_after_30_seconds_doubling_up_to_an_hour() {
    Host host = host();
    host.invite("ana@acme.test");
    host.sender.failFor("ana@acme.test", () -> new IOException("the mail server is down"));
    host.library.outbox().deliverDue();
    List<Long> waits = new ArrayList<>();

    for (int attempt = 2; attempt <= 10; attempt++) {
      long waited = 0;
      Duration step = Duration.ofSeconds(15);
      while (host.sender.callsTo("ana@acme.test").size() < attempt) {
        host.clock.advance(step);
        waited += step.toSeconds();
        host.library.outbox().deliverDue();
      }
      waits.add(waited);
    }

    assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3600L, 3600L);
  }

  @Test
  void a_notification_that_always_fails_becomes_a_dead_letter_after_the_maximum_attempts_and_is_no_longer_retried() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(3));
    host.invite("ana@acme.test", "bo@acme.test");
    host.sender.failFor("ana@acme.test", () -> new IOException("no such mailbox"));

    for (int run = 0; run < 10; run++) {
      host.library.outbox().deliverDue();
      host.clock.advance(Duration.ofHours(1));
    }

    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(3);
    assertThat(host.sender.deliveredTo("bo@acme.test")).hasSize(1);
    assertThat(host.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.notification().recipient().value()).isEqualTo("ana@acme.test");
      assertThat(letter.notification().type()).isEqualTo(NotificationType.INVITATION);
      assertThat(letter.notification().link()).isPresent();
      assertThat(letter.attempts()).isEqualTo(3);
      assertThat(letter.lastError()).isEqualTo("java.io.IOException");
    });
    host.clock.advance(Duration.ofDays(3));
    assertThat(host.library.outbox().deliverDue()).isZero();
    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(3);
  }

  @Test
  void a_host_lists_retries_and_discards_dead_letters() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(1));
    host.invite("ana@acme.test", "bo@acme.test", "cy@acme.test");
    for (String email : List.of("ana@acme.test", "bo@acme.test", "cy@acme.test")) {
      host.sender.failFor(email, () -> new IOException("the mail provider refused it"));
    }
    host.library.outbox().deliverDue();

    List<DeadLetter> listed = walk(2, page -> host.library.outbox().deadLetters(page));
    assertThat(listed).extracting(d -> d.notification().recipient().value())
        .containsExactlyInAnyOrder("ana@acme.test", "bo@acme.test", "cy@acme.test");
    NotificationId toAna = host.deadLetterTo("ana@acme.test");
    NotificationId toBo = host.deadLetterTo("bo@acme.test");
    host.sender.fixed("ana@acme.test");
    host.library.outbox().retry(toAna);
    host.library.outbox().discard(toBo);
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);

    assertThat(host.sender.deliveredTo("ana@acme.test")).hasSize(1);
    assertThat(host.deadLetters()).extracting(d -> d.notification().recipient().value()).containsExactly("cy@acme.test");
    assertFailsWith(ErrorCode.DEAD_LETTER_NOT_FOUND, () -> host.library.outbox().retry(toBo));
    assertFailsWith(ErrorCode.DEAD_LETTER_NOT_FOUND, () -> host.library.outbox().discard(toAna));
    assertFailsWith(ErrorCode.DEAD_LETTER_NOT_FOUND, () -> host.library.outbox().retry(NotificationId.random()));
    host.clock.advance(Duration.ofDays(1));
    assertThat(host.library.outbox().deliverDue()).isZero();
    assertThat(host.sender.callsTo("bo@acme.test")).hasSize(1);
  }

  @Test
  void a_retried_dead_letter_is_delivered_once_with_the_same_idempotency_key() {
    Host host = new Host(store(), MembershipPolicy.defaults().withOutbox(OutboxPolicy.defaults().withMaxAttempts(2)),
        true);
    host.sender.failFor("ana@acme.test", () -> new IOException("the mail server is down"));
    host.invite("ana@acme.test");
    host.clock.advance(Duration.ofSeconds(30));
    host.library.outbox().deliverDue();
    NotificationId dead = host.deadLetterTo("ana@acme.test");
    host.sender.fixed("ana@acme.test");

    host.library.outbox().retry(dead);
    host.settle();

    assertThat(host.sender.deliveredTo("ana@acme.test")).singleElement().satisfies(n -> {
      assertThat(n.id()).isEqualTo(dead);
      assertThat(n.idempotencyKey()).isEqualTo(host.sender.callsTo("ana@acme.test").getFirst().idempotencyKey());
      assertThat(n.link()).isPresent();
    });
    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(3);
    assertThat(host.deadLetters()).isEmpty();
    host.clock.advance(Duration.ofDays(1));
    assertThat(host.library.outbox().deliverDue()).isZero();
    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(3);
  }

  @Test
  void delivered_notifications_older_than_the_retention_are_purged_and_newer_or_undelivered_ones_kept() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(1).withDeliveredRetention(Duration.ofDays(30)));
    host.invite("old@acme.test", "dead@acme.test");
    host.sender.failFor("dead@acme.test", () -> new IOException("no such mailbox"));
    host.library.outbox().deliverDue();
    host.clock.advance(Duration.ofDays(20));
    host.invite("recent@acme.test");
    host.library.outbox().deliverDue();
    host.invite("pending@acme.test");
    host.clock.advance(Duration.ofDays(10).plusSeconds(1));

    assertThat(host.library.outbox().purgeDelivered()).isEqualTo(1);
    assertThat(host.library.outbox().purgeDelivered()).isZero();

    assertThat(writtenToAcme(host)).isEqualTo(3);
    assertThat(host.deadLetters()).extracting(d -> d.notification().recipient().value()).containsExactly("dead@acme.test");
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);
    assertThat(host.sender.deliveredTo("pending@acme.test")).hasSize(1);
    host.clock.advance(Duration.ofDays(30).plusSeconds(1));
    assertThat(host.library.outbox().purgeDelivered()).isEqualTo(2);
    assertThat(writtenToAcme(host)).isEqualTo(1);
  }

  private long writtenToAcme(Host host) {
    return count(tx -> tx.outbox().countWritten(host.acme, NotificationType.INVITATION, Instant.EPOCH, 100));
  }

  @Test
  void a_lease_held_by_a_dead_dispatcher_expires_and_another_dispatcher_delivers() {
    Host host = host();
    host.invite("ana@acme.test");
    Instant crashedAt = host.clock.instant();
    inTx(tx -> tx.outbox().claimDue(crashedAt, OutboxLease.until(crashedAt.plus(OutboxPolicy.DEFAULT_LEASE)), 50));

    assertThat(host.library.outbox().deliverDue()).isZero();
    host.clock.advance(OutboxPolicy.DEFAULT_LEASE.minusSeconds(1));
    assertThat(host.library.outbox().deliverDue()).isZero();
    host.clock.advance(Duration.ofSeconds(1));
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);

    assertThat(host.sender.calls).singleElement()
        .satisfies(n -> assertThat(n.recipient().value()).isEqualTo("ana@acme.test"));
  }

  @Test
  void a_notification_whose_last_attempt_never_finished_becomes_a_dead_letter_without_being_sent_again() {
    Host host = host(OutboxPolicy.defaults().withMaxAttempts(1));
    host.invite("ana@acme.test");
    Instant crashedAt = host.clock.instant();
    inTx(tx -> tx.outbox().claimDue(crashedAt, OutboxLease.until(crashedAt.plus(OutboxPolicy.DEFAULT_LEASE)), 50));
    host.clock.advance(OutboxPolicy.DEFAULT_LEASE);

    assertThat(host.library.outbox().deliverDue()).isZero();

    assertThat(host.sender.calls).isEmpty();
    assertThat(host.deadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.attempts()).isEqualTo(2);
      assertThat(letter.lastError()).contains("lease expired");
    });
  }

  @Test
  void a_dispatcher_whose_lease_ran_out_mid_batch_leaves_the_rest_to_the_next_run() {
    Host host = host();
    host.invite("ana@acme.test", "bo@acme.test");
    // Sending the first takes longer than the lease: the second is no longer this dispatcher's to send.
    host.sender.onEachCall(n -> host.clock.advance(OutboxPolicy.DEFAULT_LEASE.plusSeconds(1)));

    int first = host.library.outbox().deliverDue();
    host.sender.onEachCall(n -> {});
    int second = host.library.outbox().deliverDue();

    assertThat(first).isEqualTo(1);
    assertThat(second).isEqualTo(1);
    assertThat(host.sender.calls).extracting(n -> n.recipient().value()).containsExactly("ana@acme.test", "bo@acme.test");
  }

  @Test
  void the_sender_is_called_with_no_transaction_open() {
    ObservedStore observed = new ObservedStore(store());
    Host host = new Host(observed, MembershipPolicy.defaults(), true);
    List<Integer> openAtEachCall = new CopyOnWriteArrayList<>();
    List<Boolean> storeUsable = new CopyOnWriteArrayList<>();
    host.sender.onEachCall(n -> {
      openAtEachCall.add(observed.openTransactions());
      // A sender that reads the store itself, e.g. to render the e-mail, finds it free.
      storeUsable.add(observed.inTransaction(tx -> tx.organisations().find(n.organisationId().orElseThrow()).isPresent()));
    });
    host.sender.failFor("bo@acme.test", () -> new IOException("the mail server is down"));

    host.invite("ana@acme.test", "bo@acme.test");
    host.clock.advance(Duration.ofMinutes(1));
    host.library.outbox().deliverDue();

    assertThat(openAtEachCall).hasSize(3).containsOnly(0);
    assertThat(storeUsable).hasSize(3).containsOnly(true);
  }

  @Test
  void a_delivery_the_store_fails_to_record_stops_the_run_gives_the_rest_back_and_is_sent_again_after_the_lease() {
    ObservedStore observed = new ObservedStore(store());
    Host host = new Host(observed, MembershipPolicy.defaults(), false);
    host.invite("ana@acme.test", "bo@acme.test", "cy@acme.test");
    observed.failNextDeliveryRecord();

    assertThatThrownBy(() -> host.library.outbox().deliverDue()).isInstanceOf(IllegalStateException.class);
    assertThat(host.sender.calls).extracting(n -> n.recipient().value()).containsExactly("ana@acme.test");
    assertThat(host.library.outbox().deliverDue()).as("the rest, given back untried").isEqualTo(2);
    host.clock.advance(OutboxPolicy.DEFAULT_LEASE);
    assertThat(host.library.outbox().deliverDue()).as("ana's, whose delivery was never recorded").isEqualTo(1);

    assertThat(host.sender.callsTo("bo@acme.test")).hasSize(1);
    assertThat(host.sender.callsTo("cy@acme.test")).hasSize(1);
    assertThat(host.sender.callsTo("ana@acme.test")).hasSize(2)
        .extracting(Notification::idempotencyKey).containsOnly(host.sender.callsTo("ana@acme.test").getFirst().idempotencyKey());
  }

  // ---- delivery after commit, off the command's thread

  @Test
  void a_command_returns_at_its_commit_while_the_sender_is_still_busy_with_an_earlier_notification()
      throws InterruptedException {
    Host host = new Host(store(), MembershipPolicy.defaults(), true);
    CountDownLatch sending = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> sentFrom = new CopyOnWriteArrayList<>();
    host.sender.onEachCall(n -> {
      sentFrom.add(Thread.currentThread());
      sending.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    host.library.invitations().invite(host.olga, host.acme, Invite.of("ana@acme.test", Role.MEMBER));
    assertThat(sending.await(30, TimeUnit.SECONDS)).as("Ana's invitation is being sent").isTrue();
    // The sender holds Ana's e-mail: Bo's invitation still returns at its commit.
    host.library.invitations().invite(host.olga, host.acme, Invite.of("bo@acme.test", Role.MEMBER));
    assertThat(host.sender.delivered).isEmpty();
    release.countDown();
    host.settle();

    assertThat(host.sender.deliveredTo("ana@acme.test")).hasSize(1);
    assertThat(host.sender.deliveredTo("bo@acme.test")).as("delivered by the run that was busy, once").hasSize(1);
    assertThat(sentFrom).hasSize(2).doesNotContain(Thread.currentThread());
    assertThat(host.library.outbox().deliverDue()).as("nothing left for a scheduled run").isZero();
  }

  @Test
  void notifications_committed_from_many_threads_at_once_are_each_delivered_once_without_a_scheduled_run()
      throws InterruptedException {
    Host host = new Host(store(), MembershipPolicy.defaults(), true);
    int threads = 4;
    int each = 5;
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> inviting = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      inviting.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
          for (int i = 0; i < each; i++) {
            host.library.invitations().invite(host.olga, host.acme, Invite.of("p" + thread + "-" + i + "@acme.test", Role.MEMBER));
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    start.countDown();
    for (Thread thread : inviting) {
      thread.join();
    }
    host.settle();

    assertThat(failures).isEmpty();
    assertThat(host.sender.calls).hasSize(threads * each);
    assertThat(host.sender.calls.stream().map(Notification::id).collect(java.util.stream.Collectors.toSet()))
        .hasSize(threads * each);
    Set<String> recipients = new java.util.HashSet<>();
    host.sender.calls.forEach(n -> recipients.add(n.recipient().value()));
    assertThat(recipients).hasSize(threads * each);
    assertThat(host.library.outbox().deliverDue()).isZero();
  }

  @Test
  void by_default_the_mail_is_sent_in_the_committing_thread_before_the_command_returns() {
    Host host = new Host(store(), MembershipPolicy.defaults(), true, false);
    List<Thread> sentFrom = new CopyOnWriteArrayList<>();
    host.sender.onEachCall(n -> sentFrom.add(Thread.currentThread()));

    host.library.invitations().invite(host.olga, host.acme, Invite.of("ana@acme.test", Role.MEMBER));

    assertThat(host.sender.deliveredTo("ana@acme.test")).hasSize(1);
    assertThat(sentFrom).containsExactly(Thread.currentThread());
  }

  @Test
  void with_the_hosts_executor_running_in_the_callers_thread_the_mail_is_sent_before_the_command_returns() {
    Host host = new Host(store(), MembershipPolicy.defaults(), true, Optional.of(Runnable::run));

    host.library.invitations().invite(host.olga, host.acme, Invite.of("ana@acme.test", Role.MEMBER));

    assertThat(host.sender.deliveredTo("ana@acme.test")).hasSize(1);
  }

  @Test
  void a_closed_library_delivers_nothing_after_commit_and_its_notifications_wait_for_the_scheduled_run() {
    Host host = new Host(store(), MembershipPolicy.defaults(), true);
    host.library.close();

    host.library.invitations().invite(host.olga, host.acme, Invite.of("ana@acme.test", Role.MEMBER));

    assertThat(host.sender.calls).isEmpty();
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);
    assertThat(host.sender.deliveredTo("ana@acme.test")).hasSize(1);
  }

  @Test
  void with_delivery_after_commit_turned_off_nothing_is_sent_until_the_scheduled_run() throws InterruptedException {
    Host host = host();

    host.invite("ana@acme.test");
    assertThat(host.library.outbox().awaitDeliveries(Duration.ofSeconds(30))).isTrue();

    assertThat(host.sender.calls).isEmpty();
    assertThat(host.library.outbox().deliverDue()).isEqualTo(1);
  }
}
