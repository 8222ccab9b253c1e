package dev.membership.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Delivers the outbox after a command commits, on an executor instead of the command's thread, so
 * the command returns at its commit. One delivery runs at a time per library instance: a commit
 * while one runs asks it to claim once more when it ends (its rows were committed before the ask, so
 * that claim sees them), and commits in a burst share one run. Every notification is still claimed
 * under a lease ({@link OutboxDispatcher}), so this instance, others and a scheduled {@code
 * deliverDue()} never send one twice at once.
 *
 * <p>The executor is the committing thread (the default), the host's ({@code
 * Memberships.Builder.notificationExecutor}) or the library's own ({@code
 * deliverNotificationsInBackground}): one daemon thread, started on the first delivery and ended after a minute without work, shut
 * down by {@link #close}.
 */
public final class AfterCommitDelivery implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AfterCommitDelivery.class.getName());
  private static final int IDLE = 0;
  private static final int RUNNING = 1;
  private static final int AGAIN = 2;

  private final OutboxDispatcher outbox;
  private final Executor executor;
  private final @Nullable ExecutorService own;
  private final Object lock = new Object();
  private int state = IDLE;
  /** Asks so far, and how many of them a finished run has answered (guarded by {@link #lock}). */
  private long asked;
  private long answered;

  AfterCommitDelivery(OutboxDispatcher outbox, @Nullable Executor hosts, boolean inBackground) {
    this.outbox = outbox;
    if (hosts != null) {
      this.executor = hosts;
      this.own = null;
    } else if (!inBackground) {
      this.executor = Runnable::run; // the default: the committing thread delivers before the command returns
      this.own = null;
    } else {
      ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          task -> {
            Thread thread = new Thread(task, "membership-outbox");
            thread.setDaemon(true);
            return thread;
          });
      pool.allowCoreThreadTimeOut(true);
      this.executor = pool;
      this.own = pool;
    }
  }

  /** Asks for a delivery of everything due; returns at once unless the executor runs tasks in the caller's thread. */
  public void request() {
    boolean start;
    synchronized (lock) {
      asked++;
      start = state == IDLE;
      state = start ? RUNNING : AGAIN;
    }
    if (!start) {
      return;
    }
    try {
      executor.execute(this::run);
    } catch (RejectedExecutionException e) {
      // Closed, or the host's executor is full: the notifications wait in the outbox for deliverDue().
      finish(true);
      LOG.log(Level.WARNING, "Delivery after commit was refused by its executor; the notifications stay in the outbox");
    }
  }

  private void run() {
    boolean again = true;
    try {
      while (again) {
        long upTo;
        synchronized (lock) {
          upTo = asked;
          state = RUNNING;
        }
        outbox.deliverDueQuietly();
        synchronized (lock) {
          answered = Math.max(answered, upTo);
          again = state == AGAIN;
          if (!again) {
            state = IDLE;
          }
          lock.notifyAll();
        }
      }
    } finally {
      if (again) {
        finish(false); // an Error left the loop: never leave the next commit waiting on a run that died
      }
    }
  }

  private void finish(boolean answerAll) {
    synchronized (lock) {
      state = IDLE;
      if (answerAll) {
        answered = asked;
      }
      lock.notifyAll();
    }
  }

  /**
   * Waits until the deliveries asked for so far have run (or were refused), at most {@code timeout};
   * whether they have.
   */
  public boolean await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      long target = asked;
      while (answered < target && state != IDLE) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  /** Lets the delivery running finish (up to 10 seconds) and stops the library's own thread; the host's executor is the host's to close. */
  @Override
  public void close() {
    if (own == null) {
      return;
    }
    own.shutdown();
    try {
      if (!own.awaitTermination(10, TimeUnit.SECONDS)) {
        own.shutdownNow();
      }
    } catch (InterruptedException e) {
      own.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
