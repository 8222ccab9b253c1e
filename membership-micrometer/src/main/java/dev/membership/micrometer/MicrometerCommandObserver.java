package dev.membership.micrometer;

import dev.membership.error.ThrottledException;
import dev.membership.spi.CommandObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * Membership's commands in Micrometer: a timer per command and outcome, sign-in outcomes, throttle
 * hits, and an {@link Observation} around each command so that a host's tracing shows it as a span
 * (with the JDBC spans of its transaction inside it, when the host traces JDBC).
 *
 * <ul>
 *   <li>{@value #COMMANDS} (timer): tags {@code command} (e.g. {@code invitations.invite}) and {@code
 *       outcome} ({@code OK}, an error code such as {@code PERMISSION_DENIED}, or a sign-in answer)
 *   <li>{@value #SIGN_INS} (counter): tag {@code outcome} ({@code SIGNED_IN}, {@code FAILED}, {@code
 *       THROTTLED}, {@code PASSWORD_CHANGE_REQUIRED}, {@code TEMPORARY_PASSWORD_EXPIRED})
 *   <li>{@value #THROTTLE_HITS} (counter): tag {@code command}; a sign-in held back or a command
 *       refused with a {@link ThrottledException}
 *   <li>Observation {@value #OBSERVATION}: low-cardinality key values {@code command} and {@code
 *       outcome}; contextual name the command
 * </ul>
 *
 * <p>Tags are never an organisation, an account, an address or a token: their number is bounded by
 * the library's commands and error codes.
 *
 * <pre>{@code
 * Membership.builder()
 *     .observer(new MicrometerCommandObserver(meterRegistry, observationRegistry))
 *     ...
 * }</pre>
 */
public final class MicrometerCommandObserver implements CommandObserver {
  /** The timer of every command. */
  public static final String COMMANDS = "membership.commands";
  /** The counter of sign-in answers. */
  public static final String SIGN_INS = "membership.sign.ins";
  /** The counter of attempts the throttles held back. */
  public static final String THROTTLE_HITS = "membership.throttle.hits";
  /** The name of the Observation around each command. */
  public static final String OBSERVATION = "membership.command";

  private static final String SIGN_IN = "accounts.signIn";
  private static final String THROTTLED = "THROTTLED";

  private final MeterRegistry meters;
  private final ObservationRegistry observations;

  /** Timers and counters only, no spans. */
  public MicrometerCommandObserver(MeterRegistry meters) {
    this(meters, ObservationRegistry.NOOP);
  }

  public MicrometerCommandObserver(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = Objects.requireNonNull(meters, "meters");
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  @Override
  public Scope start(String command) {
    Observation observation = Observation.createNotStarted(OBSERVATION, observations)
        .contextualName(command)
        .lowCardinalityKeyValue("command", command)
        .start();
    Observation.Scope opened = observation.openScope();
    Timer.Sample sample = Timer.start(meters);
    return (outcome, error) -> {
      try {
        sample.stop(Timer.builder(COMMANDS)
            .description("Membership commands by command and outcome")
            .tag("command", command)
            .tag("outcome", outcome)
            .register(meters));
        if (SIGN_IN.equals(command)) {
          Counter.builder(SIGN_INS).description("Sign-in answers by outcome").tag("outcome", outcome)
              .register(meters).increment();
        }
        if (THROTTLED.equals(outcome) || error.filter(ThrottledException.class::isInstance).isPresent()) {
          Counter.builder(THROTTLE_HITS).description("Attempts the throttles held back").tag("command", command)
              .register(meters).increment();
        }
      } finally {
        opened.close();
        observation.lowCardinalityKeyValue("outcome", outcome);
        error.filter(e -> !(e instanceof dev.membership.error.MembershipException)).ifPresent(observation::error);
        observation.stop();
      }
    };
  }
}
