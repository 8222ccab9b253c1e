package dev.membership.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.AccountId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.JooqMembershipStore;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.query.MemberQuery;
import dev.membership.spi.NotificationSender;
import dev.membership.testkit.FastTestPasswordHasher;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fleet on one PostgreSQL: 1, 2 and 4 application instances (a pool and a {@link Memberships}
 * each, in this JVM) share one schema and a fixed number of worker threads (8 by default), split
 * evenly, running mixed traffic: 70% reads (the members page, a permission check), 15% invitations,
 * 15% accepts of delivered invitations as new accounts. Delivery after commit is off: every instance
 * runs its own outbox dispatcher ({@code deliverDue()} every 50 ms), as the starter does, and the
 * outbox latency is the time from a notification's commit to its sender call. Not JMH: a main that
 * prints one table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.FleetBenchmark [seconds] [workers] [rounds]
 * </pre>
 *
 * Defaults: 20 s, 8 workers, 2 rounds (1, 2, 4 instances, then 4, 2, 1). Works in schema {@code bench_fleet}, dropped before and after. The password hasher is the testkit's
 * fast one: Argon2 would make the accepts measure the CPU, not the fleet.
 */
public final class FleetBenchmark {
  private static final String SCHEMA = "bench_fleet";
  private static final String PASSWORD = "correct horse battery staple";
  private static final int ORGANISATIONS = 40;

  private final List<Instance> instances = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> tokens = new ConcurrentLinkedQueue<>();
  private final AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
  private final AtomicInteger sequence = new AtomicInteger();
  private final List<AccountId> owners = new ArrayList<>();
  private final List<OrganisationId> organisations = new ArrayList<>();
  private final Samples outbox = new Samples();

  private record Instance(HikariDataSource pool, Memberships membership) {}

  /** Latencies in nanoseconds, appended by many threads. */
  private static final class Samples {
    private long[] values = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized void clear() {
      size = 0;
    }

    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    System.out.printf(Locale.ROOT, "fleet on PostgreSQL %s, schema %s: %d worker threads in all, %d s measured per"
        + " run after 5 s of warm-up%n%n", Databases.PG_HOST, SCHEMA, workers, seconds);
    System.out.println("| instances | ops/s | read p50 / p99 ms | invite p50 / p99 ms | accept p50 / p99 ms"
        + " | outbox latency p50 / p99 ms | outbox delivered | errors |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    // The first round also warms the JIT up; later rounds run the sizes in the other order, so a
    // machine getting busier or quieter during the run shows as a difference between rounds.
    List<Integer> order = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      order.addAll(round % 2 == 0 ? List.of(1, 2, 4) : List.of(4, 2, 1));
    }
    for (int count : order) {
      Databases.drop("postgresql", SCHEMA);
      try (MembershipDatabase seeded = Databases.postgres(SCHEMA)) {
        new FleetBenchmark().run(count, workers, seconds);
      }
    }
    Databases.drop("postgresql", SCHEMA);
  }

  private Memberships build(HikariDataSource pool, NotificationSender sender, boolean afterCommit) {
    return Memberships.builder()
        .store(JooqMembershipStore.create(pool))
        .passwordHasher(new FastTestPasswordHasher())
        .policy(MembershipPolicy.defaults().withInvitationsPerDay(MembershipPolicy.MAX_INVITATIONS_PER_DAY))
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(sender)
        .deliverNotificationsAfterCommit(afterCommit)
        .build();
  }

  private static HikariDataSource pool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl("jdbc:postgresql://" + Databases.PG_HOST + "/test?currentSchema=" + SCHEMA);
    config.setUsername(Databases.PG_USER);
    config.setPassword("");
    config.setMaximumPoolSize(size);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new HikariDataSource(config);
  }

  private void seed() {
    List<Notification> mail = new ArrayList<>();
    try (HikariDataSource pool = pool("seed", 2)) {
      Memberships seeding = build(pool, mail::add, true);
      for (int i = 0; i < ORGANISATIONS; i++) {
        String email = "owner" + i + "@fleet.test";
        seeding.accounts().register(Registration.of(email, "Owner " + i, PASSWORD));
        String link = mail.getLast().link().orElseThrow().toString();
        AccountId owner = seeding.accounts().verifyEmail(link.substring(link.lastIndexOf('/') + 1),
            Password.of(PASSWORD)).id();
        owners.add(owner);
        organisations.add(seeding.organisations().create(owner, "Fleet org " + i).id());
      }
    }
  }

  private void run(int count, int workers, int seconds) throws Exception {
    seed();
    Clock clock = Clock.systemUTC();
    int perInstance = Math.max(1, workers / count);
    for (int i = 0; i < count; i++) {
      HikariDataSource pool = pool("instance-" + i, perInstance + 2);
      NotificationSender sender = notification -> {
        if (notification.createdAt().toEpochMilli() >= measureFrom.get()) {
          outbox.add(Duration.between(notification.createdAt(), clock.instant()).toNanos());
        }
        if (notification.type() == NotificationType.INVITATION) {
          String link = notification.link().orElseThrow().toString();
          tokens.add(link.substring(link.lastIndexOf('/') + 1));
        }
      };
      instances.add(new Instance(pool, build(pool, sender, false)));
    }
    long warmEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
    Samples reads = new Samples();
    Samples invites = new Samples();
    Samples accepts = new Samples();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger ops = new AtomicInteger();
    AtomicInteger delivered = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (Instance instance : instances) {
      threads.add(Thread.ofPlatform().name("dispatcher").start(() -> {
        while (System.nanoTime() < end) {
          try {
            int sent = instance.membership().outbox().deliverDue();
            if (System.nanoTime() > warmEnd) {
              delivered.addAndGet(sent);
            }
            Thread.sleep(50);
          } catch (InterruptedException e) {
            return;
          } catch (RuntimeException e) {
            errors.incrementAndGet();
          }
        }
      }));
      for (int w = 0; w < perInstance; w++) {
        threads.add(Thread.ofPlatform().name("worker").start(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          boolean measuring = false;
          while (true) {
            long now = System.nanoTime();
            if (now >= end) {
              return;
            }
            if (!measuring && now >= warmEnd) {
              measuring = true;
              measureFrom.compareAndSet(Long.MAX_VALUE, Instant.now().toEpochMilli());
            }
            int org = random.nextInt(ORGANISATIONS);
            double choice = random.nextDouble();
            Samples into;
            long start = System.nanoTime();
            try {
              Memberships membership = instance.membership();
              if (choice < 0.70) {
                into = reads;
                if (random.nextBoolean()) {
                  membership.members().list(owners.get(org), organisations.get(org), MemberQuery.all());
                } else {
                  membership.access().has(owners.get(org), organisations.get(org), Permission.MANAGE_MEMBERS);
                }
              } else {
                String token = choice < 0.85 ? null : tokens.poll();
                if (token == null) {
                  into = invites;
                  membership.invitations().invite(owners.get(org), organisations.get(org),
                      Invite.of("m" + sequence.incrementAndGet() + "@fleet.test", Role.MEMBER));
                } else {
                  into = accepts;
                  membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Member", PASSWORD));
                }
              }
            } catch (RuntimeException e) {
              errors.incrementAndGet();
              continue;
            }
            if (measuring) {
              into.add(System.nanoTime() - start);
              ops.incrementAndGet();
            }
          }
        }));
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    instances.forEach(i -> i.pool().close());
    long[] o = outbox.sorted();
    System.out.printf(Locale.ROOT, "| %d | %.0f | %s | %s | %s | %s | %d | %d |%n", count, ops.get() / (double) seconds,
        percentiles(reads.sorted()), percentiles(invites.sorted()), percentiles(accepts.sorted()), percentiles(o),
        delivered.get(), errors.get());
  }

  private static String percentiles(long[] sorted) {
    if (sorted.length == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f / %.2f", sorted[(int) (sorted.length * 0.50)] / 1e6,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
  }
}
