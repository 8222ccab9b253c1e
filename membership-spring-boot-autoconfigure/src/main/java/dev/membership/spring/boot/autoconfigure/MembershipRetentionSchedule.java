package dev.membership.spring.boot.autoconfigure;

import dev.membership.Memberships;
import dev.membership.Organisations;
import java.time.Duration;
import java.util.Objects;
import java.util.logging.Logger;
import org.springframework.context.SmartLifecycle;

/**
 * This instance's retention upkeep, a managed bean: once the context has started it runs {@code
 * organisations().purgeDeleted()} (organisations deleted longer ago than {@code
 * membership.organisations.deleted-retention}) and {@code retention().purge()} (delivered
 * notifications, answered join requests and ended invitations past their retention) every {@code
 * membership.retention.schedule.interval} (hourly by default), the first time one minute after the
 * start (or one interval, if shorter), on one thread of its own. {@code
 * membership.retention.schedule.enabled=false} turns it off, for a host that schedules them itself.
 *
 * <p>Every instance of a fleet may run it at the same time, by the library's design: both calls work
 * in short transactions of bounded size, each row is deleted (and counted) by one instance only, and
 * an organisation is purged under its own lock, so instances neither fail each other nor purge
 * anything twice.
 *
 * <p>A run that fails is logged with the error's stable code (or its class), never its message, and
 * the next run comes all the same. Stopping (the context closing) lets a run in progress finish for
 * up to {@code shutdown-timeout}, then interrupts it between two transactions.
 */
public final class MembershipRetentionSchedule implements SmartLifecycle {
  private static final Logger LOG = Logger.getLogger(MembershipRetentionSchedule.class.getName());
  private static final Duration FIRST_RUN_AFTER = Duration.ofMinutes(1);

  private final Memberships membership;
  private final Duration interval;
  private final UpkeepThread thread;

  public MembershipRetentionSchedule(Memberships membership, MembershipProperties.Schedule settings) {
    this.membership = Objects.requireNonNull(membership, "membership");
    this.interval = UpkeepThread.requirePositive(settings.interval(), "membership.retention.schedule.interval",
        "membership.retention.schedule.enabled");
    this.thread = new UpkeepThread("membership-retention", settings.shutdownTimeout(), LOG);
  }

  @Override
  public void start() {
    Duration first = interval.compareTo(FIRST_RUN_AFTER) < 0 ? interval : FIRST_RUN_AFTER;
    thread.start(new UpkeepThread.Task(this::run, first, interval));
  }

  /** One run: deleted organisations past their retention, then the rest past theirs. */
  void run() {
    thread.runLogged("Purging deleted organisations", () -> {
      while (membership.organisations().purgeDeleted() >= Organisations.PURGE_BATCH
          && !Thread.currentThread().isInterrupted()) {
        // more were waiting: one bounded transaction after another
      }
    });
    if (!Thread.currentThread().isInterrupted()) {
      thread.runLogged("The retention purge", membership.retention()::purge);
    }
  }

  @Override
  public void stop() {
    thread.stop();
  }

  @Override
  public boolean isRunning() {
    return thread.isRunning();
  }

  /** Stops with the outbox dispatcher, after the web server. */
  @Override
  public int getPhase() {
    return MembershipOutboxDispatcher.PHASE;
  }
}
