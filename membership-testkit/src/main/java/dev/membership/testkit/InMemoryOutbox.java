package dev.membership.testkit;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.error.InvalidInputException;
import dev.membership.query.Cursor;
import dev.membership.query.DeadLetter;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.OutboxStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The outbox of the in-memory store. Guarded by the store's lock like everything else in it; each
 * transaction sees it through {@link #in}, which registers how to undo each write.
 */
final class InMemoryOutbox {
  private static final Comparator<Row> DUE_ORDER = Comparator.comparing(Row::nextAttemptAt)
      .thenComparing(r -> r.notification().id().toString());
  private static final Comparator<Row> WRITTEN_ORDER = Comparator.comparing((Row r) -> r.notification().createdAt())
      .thenComparing(r -> r.notification().id().toString());
  private static final Comparator<Row> DEAD_ORDER = Comparator.comparing((Row r) -> r.deadAt().orElseThrow())
      .thenComparing(r -> r.notification().id().toString());

  private final Map<NotificationId, Row> rows = new HashMap<>();

  /** One notification and its delivery bookkeeping. */
  private record Row(Notification notification, int attempts, Instant nextAttemptAt, Optional<Instant> deliveredAt,
      Optional<Instant> deadAt, Optional<UUID> lease, String lastError) {

    boolean pending() {
      return deliveredAt.isEmpty() && deadAt.isEmpty();
    }

    boolean heldUnder(OutboxLease held) {
      return pending() && lease.equals(Optional.of(held.id()));
    }

    boolean dead() {
      return deadAt.isPresent() && deliveredAt.isEmpty();
    }
  }

  /** Deletes at most {@code limit} notifications about {@code organisation}; how many it deleted. */
  int purgeAbout(OrganisationId organisation, int limit, Consumer<Runnable> undoLog) {
    List<NotificationId> about = rows.values().stream()
        .filter(r -> r.notification().organisationId().filter(organisation::equals).isPresent())
        .map(r -> r.notification().id())
        .limit(Math.max(0, limit))
        .toList();
    for (NotificationId id : about) {
      Row previous = rows.remove(id);
      undoLog.accept(() -> rows.put(id, previous));
    }
    return about.size();
  }

  /** Every notification written and not purged or discarded, oldest first (then by id, as written). */
  List<Notification> notifications() {
    return rows.values().stream().map(Row::notification)
        .sorted(Comparator.comparing(Notification::createdAt).thenComparing(n -> n.id().toString()))
        .toList();
  }

  /**
   * The port as one transaction sees it: {@code undoLog} receives the step that undoes each write
   * (and refuses it once the transaction has ended).
   */
  OutboxStore in(Consumer<Runnable> undoLog) {
    return new OutboxStore() {
      private void put(Row row) {
        NotificationId id = row.notification().id();
        Row previous = rows.get(id);
        undoLog.accept(() -> {
          if (previous == null) {
            rows.remove(id);
          } else {
            rows.put(id, previous);
          }
        });
        rows.put(id, row);
      }

      private void delete(NotificationId id) {
        Row previous = rows.get(id);
        if (previous != null) {
          undoLog.accept(() -> rows.put(id, previous));
          rows.remove(id);
        }
      }

      @Override
      public void enqueue(Notification notification) {
        if (rows.containsKey(notification.id())) {
          throw new IllegalStateException("duplicate id " + notification.id());
        }
        put(new Row(notification, 0, notification.createdAt(), Optional.empty(), Optional.empty(), Optional.empty(),
            ""));
      }

      @Override
      public List<ClaimedNotification> claimDue(Instant now, OutboxLease lease, int limit) {
        // Per recipient only the oldest pending notification (as written) is claimable: the next waits
        // until it is delivered or dead, so one recipient's notifications go in order, one at a time.
        Map<EmailAddress, Row> oldestPending = new HashMap<>();
        rows.values().stream().filter(Row::pending)
            .forEach(r -> oldestPending.merge(r.notification().recipient(), r, (a, b) -> WRITTEN_ORDER.compare(a, b) <= 0 ? a : b));
        List<Row> due = oldestPending.values().stream()
            .filter(r -> !r.nextAttemptAt().isAfter(now))
            .sorted(DUE_ORDER)
            .limit(Math.max(0, limit))
            .toList();
        List<ClaimedNotification> claimed = new ArrayList<>();
        for (Row r : due) {
          put(new Row(r.notification(), r.attempts() + 1, lease.until(), r.deliveredAt(), r.deadAt(),
              Optional.of(lease.id()), r.lastError()));
          claimed.add(new ClaimedNotification(r.notification(), r.attempts() + 1));
        }
        return claimed;
      }

      @Override
      public void markDelivered(NotificationId id, Instant at) {
        Row r = rows.get(id);
        if (r != null && r.deliveredAt().isEmpty()) {
          put(new Row(r.notification().withoutLink(), r.attempts(), r.nextAttemptAt(), Optional.of(at),
              Optional.empty(), Optional.empty(), ""));
        }
      }

      @Override
      public boolean markFailed(NotificationId id, OutboxLease lease, Instant nextAttemptAt, String error) {
        Row r = rows.get(id);
        if (r == null || !r.heldUnder(lease)) {
          return false;
        }
        put(new Row(r.notification(), r.attempts(), nextAttemptAt, Optional.empty(), Optional.empty(), Optional.empty(),
            error));
        return true;
      }

      @Override
      public int release(Collection<NotificationId> ids, OutboxLease lease, Instant dueAt) {
        int released = 0;
        for (NotificationId id : ids) {
          Row r = rows.get(id);
          if (r != null && r.heldUnder(lease)) {
            put(new Row(r.notification(), r.attempts() - 1, dueAt, Optional.empty(), Optional.empty(),
                Optional.empty(), r.lastError()));
            released++;
          }
        }
        return released;
      }

      @Override
      public boolean markDead(NotificationId id, OutboxLease lease, Instant at, String error) {
        Row r = rows.get(id);
        if (r == null || !r.heldUnder(lease)) {
          return false;
        }
        put(new Row(r.notification(), r.attempts(), r.nextAttemptAt(), Optional.empty(), Optional.of(at),
            Optional.empty(), error));
        return true;
      }

      @Override
      public Page<DeadLetter> deadLetters(PageRequest page) {
        Stream<Row> dead = rows.values().stream().filter(Row::dead).sorted(DEAD_ORDER);
        if (page.after().isPresent()) {
          List<String> key = Cursor.decode(page.after().get(), 2);
          Instant at = instant(key.get(0));
          dead = dead.filter(r -> r.deadAt().get().isAfter(at)
              || (r.deadAt().get().equals(at) && r.notification().id().toString().compareTo(key.get(1)) > 0));
        }
        List<DeadLetter> letters = dead.limit(page.limit() + 1L)
            .map(r -> new DeadLetter(r.notification(), r.attempts(), r.lastError(), r.deadAt().get()))
            .toList();
        return Page.of(letters, page.limit(),
            d -> Cursor.encode(d.deadSince().toString(), d.notification().id().toString()));
      }

      @Override
      public boolean retry(NotificationId id, Instant now) {
        Row r = rows.get(id);
        if (r == null || !r.dead()) {
          return false;
        }
        put(new Row(r.notification(), 0, now, Optional.empty(), Optional.empty(), Optional.empty(), ""));
        return true;
      }

      @Override
      public boolean discard(NotificationId id) {
        Row r = rows.get(id);
        if (r == null || !r.dead()) {
          return false;
        }
        delete(id);
        return true;
      }

      @Override
      public int purgeDelivered(Instant deliveredBefore, int limit) {
        List<NotificationId> old = rows.values().stream()
            .filter(r -> r.deliveredAt().isPresent() && r.deliveredAt().get().isBefore(deliveredBefore))
            .limit(Math.max(0, limit))
            .map(r -> r.notification().id())
            .toList();
        old.forEach(this::delete);
        return old.size();
      }

      @Override
      public int deleteTo(EmailAddress recipient) {
        List<NotificationId> to = rows.values().stream()
            .filter(r -> r.notification().recipient().equals(recipient))
            .map(r -> r.notification().id())
            .toList();
        to.forEach(this::delete);
        return to.size();
      }

      @Override
      public int countWritten(OrganisationId organisation, NotificationType type, Instant since, int atMost) {
        return (int) rows.values().stream()
            .map(Row::notification)
            .filter(n -> n.organisationId().equals(Optional.of(organisation)) && n.type() == type && n.createdAt().isAfter(since))
            .limit(Math.max(0, atMost))
            .count();
      }
    };
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      throw InvalidInputException.of("cursor", "malformed", "is not a cursor of this list");
    }
  }
}
