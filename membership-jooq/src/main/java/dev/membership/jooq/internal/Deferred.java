package dev.membership.jooq.internal;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Query;
import org.jooq.TableRecord;
import org.jspecify.annotations.Nullable;

/**
 * The writes of a unit of work that nothing in it waits for (audit and account events, outbox rows,
 * grant rows, a new invitation or membership), kept until the next statement or the end of the work
 * and then sent together as one batch: one round trip where the driver batches. Every statement of
 * the transaction sends the kept writes first ({@link #start}), so a read sees them as if they had
 * been sent at once; a taken unique key of a kept insert is reported as that insert's conflict, and a
 * kept guarded update ({@link #update}) that changed no row as its lost race, once the batch is sent
 * (the transaction is then good only for rollback, which the exception brings about).
 */
final class Deferred implements ExecuteListener {
  private final List<Query> queries = new ArrayList<>();
  /** For each kept query, at the same index, what it answers when it changed no row; null if unguarded. */
  private final List<@Nullable Supplier<? extends RuntimeException>> guards = new ArrayList<>();
  /** Whether writes are kept for a batch; in a read's transaction they are sent at once. */
  private final boolean keeps;
  private @Nullable Supplier<? extends RuntimeException> conflict;
  private @Nullable DSLContext sql;
  private boolean sending;

  Deferred(boolean keeps) {
    this.keeps = keeps;
  }

  /** The transaction's statements, which this listens to. */
  void attach(DSLContext transaction) {
    sql = transaction;
  }

  /** Keeps {@code query} for the next batch. */
  void add(Query query) {
    if (keeps) {
      keep(query, null);
    } else {
      query.execute();
    }
  }

  /**
   * Keeps {@code update}, which must change exactly one row (an optimistic update guarded by its
   * version): when it changes none, sending it throws {@code lost}. The driver's count of each
   * statement of the batch tells (H2's, pgjdbc's and MariaDB Connector/J's do: StatementCountsBehaviour
   * and the contract's lost races run on each).
   */
  void update(Query update, Supplier<? extends RuntimeException> lost) {
    if (keeps) {
      keep(update, lost);
    } else {
      requireOne(update.execute(), lost);
    }
  }

  private void keep(Query query, @Nullable Supplier<? extends RuntimeException> lost) {
    queries.add(query);
    guards.add(lost);
  }

  /** Keeps the insert of {@code record}. */
  void insert(TableRecord<?> record) {
    add(attached().insertInto(record.getTable()).set(record));
  }

  /** The transaction {@link #attach} named; a kept write before it is a bug of the store. */
  private DSLContext attached() {
    return Objects.requireNonNull(sql, "Deferred used before attach(transaction)");
  }

  /** Keeps the insert of {@code record}, whose taken unique key is {@code conflict} (as {@link SqlSupport#guardedInsert}). */
  void insert(TableRecord<?> record, Supplier<? extends RuntimeException> conflict) {
    insert(attached().insertInto(record.getTable()).set(record), conflict);
  }

  /** Keeps {@code insert}, whose taken unique key is {@code conflict}; a second such insert sends the first. */
  void insert(Query insert, Supplier<? extends RuntimeException> conflict) {
    if (!keeps || this.conflict != null) {
      send();
      SqlSupport.guardedInsert(insert::execute, conflict);
      return;
    }
    this.conflict = conflict;
    keep(insert, null);
  }

  /**
   * Sends the kept writes: one statement alone, several as one batch; then checks that each guarded
   * update changed its row.
   */
  void send() {
    if (queries.isEmpty() || sending) {
      return;
    }
    List<Query> batch = List.copyOf(queries);
    List<@Nullable Supplier<? extends RuntimeException>> lost = new ArrayList<>(guards);
    Supplier<? extends RuntimeException> guard = conflict;
    queries.clear();
    guards.clear();
    conflict = null;
    sending = true;
    try {
      int[][] counts = new int[1][];
      SqlSupport.guardedInsert(() -> counts[0] = batch.size() == 1
          ? new int[] {batch.get(0).execute()}
          : attached().batch(batch).execute(), guard);
      for (int i = 0; i < lost.size(); i++) {
        Supplier<? extends RuntimeException> ifLost = lost.get(i);
        if (ifLost != null) {
          requireOne(counts[0].length == batch.size() ? counts[0][i] : Statement.SUCCESS_NO_INFO, ifLost);
        }
      }
    } finally {
      sending = false;
    }
  }

  /**
   * Throws {@code lost} unless the count is one row. A driver that ran a statement of a batch without
   * counting its rows ({@code SUCCESS_NO_INFO}) cannot say whether a guarded update won: that is a
   * bug of this store on that driver, never taken for a win.
   */
  private static void requireOne(int count, Supplier<? extends RuntimeException> lost) {
    if (count == Statement.SUCCESS_NO_INFO) {
      throw new IllegalStateException("the driver did not count the rows of a guarded update in a batch");
    }
    if (count != 1) {
      throw lost.get();
    }
  }

  @Override
  public void start(ExecuteContext ctx) {
    send();
  }
}
