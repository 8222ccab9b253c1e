package dev.membership.jooq.internal;

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
 * been sent at once; a taken unique key of a kept insert is reported as that insert's conflict.
 */
final class Deferred implements ExecuteListener {
  private final List<Query> queries = new ArrayList<>();
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
      queries.add(query);
    } else {
      query.execute();
    }
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
    queries.add(insert);
  }

  /** Sends the kept writes: one statement alone, several as one batch. */
  void send() {
    if (queries.isEmpty() || sending) {
      return;
    }
    List<Query> batch = List.copyOf(queries);
    Supplier<? extends RuntimeException> guard = conflict;
    queries.clear();
    conflict = null;
    sending = true;
    try {
      SqlSupport.guardedInsert(() -> {
        if (batch.size() == 1) {
          batch.get(0).execute();
        } else {
          attached().batch(batch).execute();
        }
      }, guard);
    } finally {
      sending = false;
    }
  }

  @Override
  public void start(ExecuteContext ctx) {
    send();
  }
}
