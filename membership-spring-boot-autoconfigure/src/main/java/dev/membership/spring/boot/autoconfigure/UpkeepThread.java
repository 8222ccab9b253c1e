package dev.membership.spring.boot.autoconfigure;

import dev.membership.error.MembershipException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * One daemon thread of its own that runs a bean's periodic tasks while the bean runs: what the outbox
 * dispatcher and the retention schedule share. Each task catches its own failures (a task that threw
 * would silently stop repeating); stopping lets a run in progress finish for up to the shutdown
 * timeout, then interrupts it.
 */
final class UpkeepThread {
  private final String name;
  private final Duration shutdownTimeout;
  private final Logger log;
  private volatile @Nullable ScheduledExecutorService executor; // only while running

  UpkeepThread(String name, Duration shutdownTimeout, Logger log) {
    this.name = name;
    this.shutdownTimeout = shutdownTimeout;
    this.log = log;
  }

  /** A periodic task: first after {@code initialDelay}, then {@code delay} after the end of each run. */
  record Task(Runnable run, Duration initialDelay, Duration delay) {}

  // The periodic tasks' futures are not kept: stop() ends them by shutting the executor down.
  @SuppressWarnings("FutureReturnValueIgnored")
  synchronized void start(Task... tasks) {
    if (executor != null) {
      return;
    }
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    pool.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    for (Task task : tasks) {
      pool.scheduleWithFixedDelay(task.run(), task.initialDelay().toMillis(), task.delay().toMillis(),
          TimeUnit.MILLISECONDS);
    }
    executor = pool;
  }

  synchronized void stop() {
    ScheduledExecutorService running = executor;
    if (running == null) {
      return;
    }
    executor = null;
    running.shutdown();
    try {
      if (!running.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warning("The " + name + " thread did not finish within " + shutdownTimeout + "; interrupting it");
        running.shutdownNow();
        running.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  boolean isRunning() {
    return executor != null;
  }

  /**
   * Runs {@code work}; a failure is logged as {@code what} failed, with the error's stable code (or
   * its class), never its message, which may quote data. The next run comes all the same.
   */
  void runLogged(String what, Runnable work) {
    try {
      work.run();
    } catch (MembershipException e) {
      log.log(Level.WARNING, what + " failed with " + e.code() + "; the next run retries");
    } catch (RuntimeException | Error e) {
      log.log(Level.WARNING, what + " failed: " + e.getClass().getName() + "; the next run retries");
    }
  }

  static Duration requirePositive(Duration duration, String property, String offSwitch) {
    if (duration.isNegative() || duration.isZero()) {
      throw new MembershipConfigurationException(property + " must be more than zero.",
          "Set " + property + " to a positive duration such as 1m, or turn it off with " + offSwitch + "=false.");
    }
    return duration;
  }
}
