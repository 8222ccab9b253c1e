package dev.membership.jooq.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * The SQL text of the store's reads, rendered from the jOOQ model once per store and shape and then
 * only re-bound, so a hot read (the permission check, the members page, an account's organisations)
 * builds and renders nothing per call.
 *
 * <p>A shape's query is built once with named parameters ({@link #bind}: {@code DSL.param(name,
 * column)}), rendered with them as {@code :name}, and kept as JDBC text with a {@code ?} for each
 * place a parameter stands, in order; a call supplies each name's value ({@link Binds}), bound
 * through its column's converter. A configuration that renders values inline (jOOQ's {@code
 * STATIC_STATEMENT}) gets the query built on each call, with the values bound into it.
 */
public final class RenderedSql {
  /** Where a parameter of {@link #bind} stands in text rendered with named parameters. */
  private static final Pattern NAMED = Pattern.compile(":(" + Binds.PREFIX + "[A-Za-z0-9_]+)");

  private final ConcurrentHashMap<String, Text> texts = new ConcurrentHashMap<>();

  /** A shape's JDBC text and the name of the parameter at each {@code ?}. */
  private record Text(String sql, List<String> names) {}

  /** The named parameter {@code name} of a shape's query, typed (and converted) as {@code column}. */
  static <T> Param<T> bind(String name, Field<T> column) {
    return DSL.param(Binds.PREFIX + name, column);
  }

  /**
   * The query of {@code shape}, its rows typed as {@code fields}: {@code build} makes it with
   * parameters of {@link #bind} (the same shape, the same query), {@code binds} gives their values.
   */
  ResultQuery<Record> select(DSLContext sql, String shape, Field<?>[] fields, Supplier<? extends ResultQuery<?>> build,
      Binds binds) {
    if (sql.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      ResultQuery<?> query = build.get();
      binds.values.forEach((name, value) -> query.bind(Binds.PREFIX + name, value.getValue()));
      return sql.resultQuery(sql.render(query)).coerce(fields);
    }
    Text text = texts.get(shape);
    if (text == null) {
      ResultQuery<?> query = build.get();
      for (Map.Entry<String, Param<?>> param : query.getParams().entrySet()) {
        String name = param.getKey();
        if (!param.getValue().isInline() && !name.startsWith(Binds.PREFIX)) {
          throw new IllegalStateException("a value of " + shape + " is neither inline nor a named parameter: " + name);
        }
      }
      text = text(sql.renderNamedParams(query));
      texts.putIfAbsent(shape, text);
    }
    Object[] values = new Object[text.names.size()];
    for (int i = 0; i < values.length; i++) {
      String name = text.names.get(i);
      Param<?> value = binds.values.get(name.substring(Binds.PREFIX.length()));
      if (value == null) {
        throw new IllegalStateException("no value for " + name + " in " + shape);
      }
      values[i] = value;
    }
    return sql.resultQuery(text.sql, values).coerce(fields);
  }

  /** Text rendered with named parameters, as JDBC text with its parameters' names in order. */
  private static Text text(String named) {
    List<String> names = new ArrayList<>();
    Matcher m = NAMED.matcher(named);
    StringBuilder jdbc = new StringBuilder(named.length());
    while (m.find()) {
      names.add(m.group(1));
      m.appendReplacement(jdbc, "?");
    }
    m.appendTail(jdbc);
    return new Text(jdbc.toString(), List.copyOf(names));
  }

  /** The values of one call's named parameters, each bound through its column's converter. */
  static final class Binds {
    static final String PREFIX = "b_";
    private final Map<String, Param<?>> values = new HashMap<>();

    <T> Binds put(String name, T value, Field<T> column) {
      values.put(name, DSL.val(value, column));
      return this;
    }
  }
}
