package dev.membership.spring.boot.autoconfigure;

import dev.membership.Memberships;
import dev.membership.Outbox;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
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
  private final Duration shutdownTimeout;
  private volatile @Nullable ScheduledExecutorService executor; // only while running

  public MembershipOutboxDispatcher(Memberships membership, MembershipProperties.Dispatcher settings) {
    this.outbox = Objects.requireNonNull(membership, "membership").outbox();
    this.interval = requirePositive(settings.interval(), "membership.outbox.dispatcher.interval");
    this.purgeInterval = requirePositive(settings.purgeInterval(), "membership.outbox.dispatcher.purge-interval");
    this.shutdownTimeout = settings.shutdownTimeout();
  }

  private static Duration requirePositive(Duration duration, String property) {
    if (duration.isNegative() || duration.isZero()) {
      throw new MembershipConfigurationException(property + " must be more than zero.",
          "Set " + property + " to a positive duration such as 1m, or turn the dispatcher off with"
              + " membership.outbox.dispatcher.enabled=false.");
    }
    return duration;
  }

  // The periodic tasks' futures are not kept: each task catches its own failures (a task that threw
  // would silently stop repeating), and stop() ends them by shutting the executor down.
  @Override
  @SuppressWarnings("FutureReturnValueIgnored")
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "membership-outbox");
      thread.setDaemon(true);
      return thread;
    });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    pool.scheduleWithFixedDelay(this::deliver, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    pool.scheduleWithFixedDelay(this::purge, purgeInterval.toMillis(), purgeInterval.toMillis(), TimeUnit.MILLISECONDS);
    executor = pool;
  }

  /** One run: everything due now. A failure is logged; the next run comes all the same. */
  void deliver() {
    try {
      outbox.deliverDue();
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "The outbox dispatcher's run failed; the notifications wait for the next run: "
          + e.getClass().getName());
    }
  }

  void purge() {
    try {
      while (outbox.purgeDelivered() == Outbox.PURGE_BATCH && !Thread.currentThread().isInterrupted()) {
        // more were waiting: one bounded transaction after another
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "Purging delivered notifications failed; the next purge retries: "
          + e.getClass().getName());
    }
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    executor = null;
    running.shutdown();
    try {
      if (!running.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warning("The outbox dispatcher did not finish within " + shutdownTimeout + "; interrupting it");
        running.shutdownNow();
        running.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
