package dev.membership.spring.boot.autoconfigure;

import dev.membership.Memberships;
import dev.membership.Outbox;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's outbox dispatcher, a managed bean: once the context has started it runs {@code
 * outbox().deliverDue()} every {@code membership.outbox.dispatcher.interval} and purges delivered
 * notifications every {@code purge-interval}, on one thread of its own. Every instance of a fleet
 * may run one: claims are leased in the database, so each notification goes to one dispatcher at a
 * time, and a dead instance's claims are due again when their lease ends.
 *
 * <p>Stopping (the context closing, a graceful shutdown) lets a run in progress finish for up to
 * {@code shutdown-timeout}, then interrupts it: the dispatcher gives back what it had claimed and not
 * yet sent, for another instance or the next start. It stops after the web server (a lower phase), so
 * requests still being served can still write to the outbox.
 */
public final class MembershipOutboxDispatcher implements SmartLifecycle {
  private static final Logger LOG = Logger.getLogger(MembershipOutboxDispatcher.class.getName());

  /** Stops after the web server's graceful shutdown and the web server itself. */
  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Outbox outbox;
  private final Duration interval;
  private final Duration purgeInterval;
  private final UpkeepThread thread;

  public MembershipOutboxDispatcher(Memberships membership, MembershipProperties.Dispatcher settings) {
    this.outbox = Objects.requireNonNull(membership, "membership").outbox();
    this.interval = UpkeepThread.requirePositive(settings.interval(), "membership.outbox.dispatcher.interval",
        "membership.outbox.dispatcher.enabled");
    this.purgeInterval = UpkeepThread.requirePositive(settings.purgeInterval(),
        "membership.outbox.dispatcher.purge-interval", "membership.outbox.dispatcher.enabled");
    this.thread = new UpkeepThread("membership-outbox", settings.shutdownTimeout(), LOG);
  }

  @Override
  public void start() {
    thread.start(new UpkeepThread.Task(this::deliver, Duration.ZERO, interval),
        new UpkeepThread.Task(this::purge, purgeInterval, purgeInterval));
  }

  /** One run: everything due now. A failure is logged; the next run comes all the same. */
  void deliver() {
    thread.runLogged("The outbox dispatcher's run (the notifications wait for the next one)", outbox::deliverDue);
  }

  void purge() {
    thread.runLogged("Purging delivered notifications", () -> {
      while (outbox.purgeDelivered() == Outbox.PURGE_BATCH && !Thread.currentThread().isInterrupted()) {
        // more were waiting: one bounded transaction after another
      }
    });
  }

  @Override
  public void stop() {
    thread.stop();
  }

  @Override
  public boolean isRunning() {
    return thread.isRunning();
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
