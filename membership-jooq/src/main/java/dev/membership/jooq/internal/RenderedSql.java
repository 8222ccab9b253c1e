package dev.membership.jooq.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.StatementType;

/**
 * The SQL text of the store's fixed-shape statements, rendered from the jOOQ model once per store and
 * shape and then only re-bound, so a hot read (the permission check) renders nothing per call.
 *
 * <p>A configuration that renders values inline (jOOQ's {@code STATIC_STATEMENT}) gets the query
 * built and rendered on each call instead, since its text holds the values.
 */
public final class RenderedSql {
  private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

  /**
   * The query of {@code shape}, its rows typed as {@code fields}; {@code build} makes the query with
   * {@code binds} (each used once, in order, as a bind value: jOOQ {@code Param}s, so each value is
   * bound through its column's converter).
   */
  ResultQuery<Record> select(DSLContext sql, String shape, Field<?>[] fields, Supplier<ResultQuery<Record>> build,
      Param<?>... binds) {
    if (sql.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      return build.get();
    }
    String text = texts.get(shape);
    if (text == null) {
      text = sql.render(build.get());
      texts.putIfAbsent(shape, text);
    }
    return sql.resultQuery(text, (Object[]) binds).coerce(fields);
  }
}
