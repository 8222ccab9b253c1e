package dev.membership.jooq.support;

import java.util.ArrayList;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/** Counts (and remembers) the SQL statements the store executes, as jOOQ reports them. */
public final class StatementCounter implements ExecuteListener {
  private final List<String> statements = new ArrayList<>();

  @Override
  public synchronized void executeEnd(ExecuteContext ctx) {
    statements.add(ctx.sql() != null ? ctx.sql() : String.join("; ", ctx.batchSQL()));
  }

  public synchronized void reset() {
    statements.clear();
  }

  public synchronized int count() {
    return statements.size();
  }

  public synchronized List<String> statements() {
    return List.copyOf(statements);
  }
}
