package dev.membership.jooq.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
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
   * The query of {@code shape} with {@code binds}, its rows typed as {@code fields}; {@code build}
   * makes the query from its bind values (it must use each value once, as a bind value, in order).
   */
  ResultQuery<Record> select(DSLContext sql, String shape, Field<?>[] fields,
      Function<Object[], ResultQuery<Record>> build, Object... binds) {
    if (sql.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      return build.apply(binds);
    }
    String text = texts.get(shape);
    if (text == null) {
      text = sql.render(build.apply(binds));
      texts.putIfAbsent(shape, text);
    }
    return sql.resultQuery(text, binds).coerce(fields);
  }
}
