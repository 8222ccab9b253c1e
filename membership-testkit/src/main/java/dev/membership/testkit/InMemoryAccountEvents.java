package dev.membership.testkit;

import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountId;
import dev.membership.error.InvalidInputException;
import dev.membership.query.Cursor;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.AccountEventStore;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The accounts' histories of the in-memory store. Guarded by the store's lock like everything else in
 * it; each transaction sees them through {@link #in}, which registers how to undo an append.
 */
final class InMemoryAccountEvents {
  private static final Comparator<AccountEvent> NEWEST_FIRST = Comparator.comparing(AccountEvent::occurredAt)
      .thenComparing(e -> e.id().toString()).reversed();

  private final Map<AccountId, List<AccountEvent>> byAccount = new HashMap<>();

  /**
   * The port as one transaction sees it: {@code undoLog} receives the step that undoes each append
   * (and refuses it once the transaction has ended).
   */
  AccountEventStore in(Consumer<Runnable> undoLog) {
    return new AccountEventStore() {
      @Override
      public void append(AccountEvent event) {
        List<AccountEvent> history = byAccount.computeIfAbsent(event.accountId(), a -> new ArrayList<>());
        undoLog.accept(() -> history.remove(history.size() - 1)); // undone in reverse order: the last one
        history.add(event);
      }

      @Override
      public Page<AccountEvent> page(AccountId account, PageRequest page) {
        Stream<AccountEvent> rows = byAccount.getOrDefault(account, List.of()).stream().sorted(NEWEST_FIRST);
        if (page.after().isPresent()) {
          List<String> key = Cursor.decode(page.after().get(), 2);
          Instant at = instant(key.get(0));
          rows = rows.filter(e -> e.occurredAt().isBefore(at)
              || (e.occurredAt().equals(at) && e.id().toString().compareTo(key.get(1)) < 0));
        }
        return Page.of(rows.limit(page.limit() + 1L).toList(), page.limit(),
            e -> Cursor.encode(e.occurredAt().toString(), e.id().toString()));
      }

      @Override
      public int deleteHistory(AccountId account) {
        List<AccountEvent> history = byAccount.remove(account);
        if (history == null) {
          return 0;
        }
        undoLog.accept(() -> byAccount.put(account, history));
        return history.size();
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
