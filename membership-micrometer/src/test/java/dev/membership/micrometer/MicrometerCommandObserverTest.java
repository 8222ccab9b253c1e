package dev.membership.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.error.PermissionDeniedException;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.RecordingNotificationSender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MicrometerCommandObserverTest {
  private static final String PASSWORD = "correct horse battery staple";
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

  {
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
  }
  private final RecordingNotificationSender mailbox = new RecordingNotificationSender();
  private final Memberships membership = Memberships.builder()
      .store(new InMemoryMembershipStore())
      .passwordHasher(new FastTestPasswordHasher())
      .policy(MembershipPolicy.defaults().withSignInThrottling(
          MembershipPolicy.SignInThrottling.defaults().withBackoff(1, Duration.ofMinutes(1), Duration.ofMinutes(15))))
      .notifications(mailbox)
      .invitationLinks(token -> URI.create("https://app.test/i/" + token))
      .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
      .observer(new MicrometerCommandObserver(meters, observations))
      .build();

  private AccountId account(String email) {
    membership.accounts().register(Registration.of(email, "Ann", PASSWORD));
    return membership.accounts().verifyEmail(mailbox.lastVerificationTokenTo(email), Password.of(PASSWORD)).id();
  }

  @Test
  void commands_are_timed_by_command_and_outcome_and_never_tagged_with_an_organisation_or_account() {
    AccountId ann = account("ann@example.com");
    AccountId eve = account("eve@example.com");
    var acme = membership.organisations().create(ann, "Acme");
    membership.invitations().invite(ann, acme.id(), Invite.of("bob@example.com", Role.MEMBER));
    assertThatThrownBy(() -> membership.invitations().invite(eve, acme.id(), Invite.of("x@example.com", Role.MEMBER)))
        .isInstanceOf(PermissionDeniedException.class);

    assertThat(meters.get(MicrometerCommandObserver.COMMANDS).tags("command", "invitations.invite", "outcome", "OK")
        .timer().count()).isEqualTo(1);
    assertThat(meters.get(MicrometerCommandObserver.COMMANDS)
        .tags("command", "invitations.invite", "outcome", "PERMISSION_DENIED").timer().count()).isEqualTo(1);
    for (Meter meter : meters.getMeters()) {
      assertThat(meter.getId().getTags()).allSatisfy(tag -> assertThat(tag.getValue())
          .doesNotContain(acme.id().toString(), ann.toString(), eve.toString(), "@"));
    }
  }

  @Test
  void sign_in_outcomes_and_throttle_hits_are_counted() {
    account("ann@example.com");
    membership.accounts().signIn("ann@example.com", Password.of(PASSWORD), "198.51.100.1");
    membership.accounts().signIn("ann@example.com", Password.of("wrong wrong wrong wrong"), "198.51.100.2");
    membership.accounts().signIn("ann@example.com", Password.of("wrong wrong wrong wrong"), "198.51.100.2");

    assertThat(meters.get(MicrometerCommandObserver.SIGN_INS).tag("outcome", "SIGNED_IN").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(MicrometerCommandObserver.SIGN_INS).tag("outcome", "FAILED").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(MicrometerCommandObserver.SIGN_INS).tag("outcome", "THROTTLED").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(MicrometerCommandObserver.THROTTLE_HITS).tag("command", "accounts.signIn").counter().count())
        .isEqualTo(1);
  }

  @Test
  void each_command_is_an_observation_a_tracer_sees_as_a_span_named_after_it() {
    AccountId ann = account("ann@example.com");
    membership.organisations().create(ann, "Acme");

    assertThat(stopped)
        .filteredOn(c -> "organisations.create".equals(c.getContextualName()))
        .singleElement()
        .satisfies(c -> {
          assertThat(c.getName()).isEqualTo(MicrometerCommandObserver.OBSERVATION);
          assertThat(c.getLowCardinalityKeyValue("command").getValue()).isEqualTo("organisations.create");
          assertThat(c.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("OK");
        });
    TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyRemainingCurrentObservation();
  }

  @Test
  void the_outbox_gauges_read_the_store_at_most_once_per_refresh_for_all_three() {
    AtomicInteger reads = new AtomicInteger();
    OutboxMetrics.bind(meters, () -> {
      reads.incrementAndGet();
      return new OutboxMetrics.Snapshot(3, Duration.ofSeconds(90), 1);
    }, Duration.ofMinutes(1));

    assertThat(meters.get(OutboxMetrics.BACKLOG).gauge().value()).isEqualTo(3);
    assertThat(meters.get(OutboxMetrics.OLDEST_PENDING_AGE).gauge().value()).isEqualTo(90);
    assertThat(meters.get(OutboxMetrics.DEAD_LETTERS).gauge().value()).isEqualTo(1);
    assertThat(reads).hasValue(1);
  }
}
