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
 * grant rows, a new invitation or membership, guarded status changes, the member counts), kept until
 * the next statement or the end of the work and then sent together as one statement: each kept write
 * ({@link Write}) has its text rendered once per store and shape, with its values bound ({@link
 * JdbcWrites}); on PostgreSQL several go as one statement of several (one round trip, each part
 * server-prepared once the driver has seen it often enough). On H2 and MariaDB several go as one jOOQ
 * batch (MariaDB runs several statements in one only when the host allows it), as do all of them
 * when the configuration inlines values ({@code STATIC_STATEMENT}). Every statement of the
 * transaction sends the kept writes first ({@link #start}), so a read sees them as if they had been
 * sent at once; a taken unique key of a kept insert is reported as that insert's conflict, and a kept
 * guarded update ({@link #update}) that changed no row as its lost race, once the batch is sent (the
 * transaction is then good only for rollback, which the exception brings about).
 */
final class Deferred implements ExecuteListener {
  private final List<Write> writes = new ArrayList<>();
  /** For each kept write, at the same index, what it answers when it changed no row; null if unguarded. */
  private final List<@Nullable Supplier<? extends RuntimeException>> guards = new ArrayList<>();
  /** Whether writes are kept for a batch; in a read's transaction they are sent at once. */
  private final boolean keeps;
  /** The store's kept texts of writes. */
  private final JdbcWrites.Texts texts;
  private @Nullable Supplier<? extends RuntimeException> conflict;
  private @Nullable DSLContext sql;
  private boolean sending;

  Deferred(boolean keeps, JdbcWrites.Texts texts) {
    this.keeps = keeps;
    this.texts = texts;
  }

  /** The transaction's statements, which this listens to. */
  void attach(DSLContext transaction) {
    sql = transaction;
  }

  /** Keeps {@code write} for the next batch. */
  void add(Write write) {
    if (keeps) {
      keep(write, null);
    } else {
      run(List.of(write));
    }
  }

  /**
   * Keeps {@code update}, which must change exactly one row (an optimistic update guarded by its
   * version): when it changes none, sending it throws {@code lost}. The driver's count of each
   * statement tells (H2's and MariaDB Connector/J's for each statement of a batch, pgjdbc's for each
   * part of a statement of several: StatementCountsBehaviour and the contract's lost races run on each).
   */
  void update(Write update, Supplier<? extends RuntimeException> lost) {
    if (keeps) {
      keep(update, lost);
    } else {
      requireOne(run(List.of(update))[0], lost);
    }
  }

  private void keep(Write write, @Nullable Supplier<? extends RuntimeException> lost) {
    writes.add(write);
    guards.add(lost);
  }

  /** Keeps the insert of {@code record}. */
  void insert(TableRecord<?> record) {
    add(Write.insert(record));
  }

  /** The transaction {@link #attach} named; a kept write before it is a bug of the store. */
  private DSLContext attached() {
    return Objects.requireNonNull(sql, "Deferred used before attach(transaction)");
  }

  /** Keeps the insert of {@code record}, whose taken unique key is {@code conflict} (as {@link SqlSupport#guardedInsert}). */
  void insert(TableRecord<?> record, Supplier<? extends RuntimeException> conflict) {
    insert(Write.insert(record), conflict);
  }

  /** Keeps {@code insert}, whose taken unique key is {@code conflict}; a second such insert sends the first. */
  void insert(Write insert, Supplier<? extends RuntimeException> conflict) {
    if (!keeps || this.conflict != null) {
      send();
      SqlSupport.guardedInsert(() -> run(List.of(insert)), conflict);
      return;
    }
    this.conflict = conflict;
    keep(insert, null);
  }

  /**
   * Sends the kept writes: one statement alone, several as one statement (PostgreSQL) or one batch;
   * then checks that each guarded update changed its row.
   */
  void send() {
    if (writes.isEmpty() || sending) {
      return;
    }
    List<Write> batch = List.copyOf(writes);
    List<@Nullable Supplier<? extends RuntimeException>> lost = new ArrayList<>(guards);
    Supplier<? extends RuntimeException> guard = conflict;
    writes.clear();
    guards.clear();
    conflict = null;
    sending = true;
    try {
      int[][] counts = new int[1][];
      SqlSupport.guardedInsert(() -> counts[0] = run(batch), guard);
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

  /** Runs {@code batch} and returns each write's row count, in order. */
  private int[] run(List<Write> batch) {
    DSLContext sql = attached();
    if (batch.size() == 1 ? JdbcWrites.bound(sql) : JdbcWrites.joins(sql)) {
      return JdbcWrites.execute(sql, texts, batch);
    }
    if (batch.size() == 1) {
      return new int[] {batch.get(0).query(sql).execute()};
    }
    List<Query> queries = new ArrayList<>(batch.size());
    for (Write write : batch) {
      queries.add(write.query(sql));
    }
    return sql.batch(queries).execute();
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
