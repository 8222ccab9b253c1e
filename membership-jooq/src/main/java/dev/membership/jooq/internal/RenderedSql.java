package dev.membership.jooq.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.ResultQuery;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * The SQL text of the store's hot reads, rendered from the jOOQ model once per store and shape and
 * then only re-bound and run on a JDBC {@code PreparedStatement} of the transaction's connection
 * ({@link JdbcReads}), so that a hot read (the permission check, the members page, an account's
 * organisations) builds, renders and parses nothing per call.
 *
 * <p>A shape's query is built once with named parameters ({@link #bind}: {@code DSL.param(name,
 * column)}), rendered with them as {@code :name}, and kept as JDBC text with a {@code ?} for each
 * place a parameter stands, in order; a call supplies each name's value ({@link Binds}), bound
 * through its column's converter. A configuration that renders values inline (jOOQ's {@code
 * STATIC_STATEMENT}) gets the query built on each call, with the values bound into it, and run
 * through jOOQ.
 */
public final class RenderedSql {
  /** Where a parameter of {@link #bind} stands in text rendered with named parameters. */
  private static final Pattern NAMED = Pattern.compile(":(" + Binds.PREFIX + "[A-Za-z0-9_]+)");

  /** The kept texts by shape: any value with equality (a string, a record of what decides the text). */
  private final ConcurrentHashMap<Object, Text> texts = new ConcurrentHashMap<>();

  /** The kept texts of the store's writes ({@link JdbcWrites}), by shape. */
  final JdbcWrites.Texts writes = new JdbcWrites.Texts();

  /** A shape's JDBC text and the name of the parameter at each {@code ?}, without {@link Binds#PREFIX}. */
  record Text(String sql, String[] names, JdbcReads.Plan plan) {
    Text(String sql, String[] names) {
      this(sql, names, new JdbcReads.Plan());
    }
  }

  /** The named parameter {@code name} of a shape's query, typed (and converted) as {@code column}. */
  static <T> Param<T> bind(String name, Field<T> column) {
    return DSL.param(Binds.PREFIX + name, column);
  }

  /**
   * The rows of the query of {@code shape}, each read by position as {@code fields} (the query's
   * columns, in order) and mapped by {@code mapper}: {@code build} makes the query with parameters of
   * {@link #bind} (the same shape, the same query), {@code binds} gives their values.
   */
  <T> List<T> fetch(DSLContext sql, Object shape, Field<?>[] fields, Supplier<? extends ResultQuery<?>> build,
      Binds binds, Function<? super Cells.Row, T> mapper) {
    if (sql.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      ResultQuery<?> query = bindInto(build.get(), binds);
      return Cells.fetch(sql.resultQuery(sql.render(query)).coerce(fields), fields, mapper);
    }
    return JdbcReads.fetch(sql.configuration(), kept(sql, shape, build), binds, fields, mapper);
  }

  /**
   * Runs the statement of {@code shape} (an {@code UPDATE} or {@code DELETE}) and returns its row
   * count: {@code build} makes it with parameters of {@link #bind} (the same shape, the same
   * statement), {@code binds} gives their values. The kept text runs as a kept write ({@link
   * JdbcWrites#run}) on a JDBC {@code PreparedStatement}, the values bound through their columns'
   * converters, so that nothing is rendered or parsed per call and the configuration's execute listeners
   * see it as one {@code WRITE}; a configuration that renders values inline gets the statement built on
   * each call, with the values bound into it, and run through jOOQ.
   */
  int execute(DSLContext sql, Object shape, Supplier<? extends Query> build, Binds binds) {
    if (sql.settings().getStatementType() == StatementType.STATIC_STATEMENT) {
      return bindInto(build.get(), binds).execute();
    }
    Text text = kept(sql, shape, build);
    JdbcReads.Bound bound = JdbcReads.bound(text, binds);
    return JdbcWrites.run(sql.configuration(), text.sql(), new String[] {text.sql()}, bound.values(), bound.columns())[0];
  }

  /** The kept text of {@code shape}, rendered from the statement {@code build} makes the first time it is asked for. */
  private Text kept(DSLContext sql, Object shape, Supplier<? extends Query> build) {
    Text text = texts.get(shape);
    return text != null ? text : texts.computeIfAbsent(shape, s -> text(sql, s, build.get()));
  }

  /**
   * {@code query} with the values of {@code binds} bound into it, for a configuration that renders
   * them inline; a value the shape does not use (the page's "now" when it shows every invitation) is
   * not bound.
   */
  private static <Q extends Query> Q bindInto(Q query, Binds binds) {
    Map<String, Param<?>> params = query.getParams();
    for (int i = 0; i < binds.size; i++) {
      if (params.containsKey(Binds.PREFIX + binds.names[i])) {
        query.bind(Binds.PREFIX + binds.names[i], binds.values[i]);
      }
    }
    return query;
  }

  /** The kept text of {@code query}, whose values are inline or named parameters of {@link #bind}. */
  private static Text text(DSLContext sql, Object shape, Query query) {
    for (Map.Entry<String, Param<?>> param : query.getParams().entrySet()) {
      String name = param.getKey();
      if (!param.getValue().isInline() && !name.startsWith(Binds.PREFIX)) {
        throw new IllegalStateException("a value of " + shape + " is neither inline nor a named parameter: " + name);
      }
    }
    String named = sql.renderNamedParams(query);
    List<String> names = new ArrayList<>();
    Matcher m = NAMED.matcher(named);
    StringBuilder jdbc = new StringBuilder(named.length());
    while (m.find()) {
      names.add(m.group(1).substring(Binds.PREFIX.length()));
      m.appendReplacement(jdbc, "?");
    }
    m.appendTail(jdbc);
    return new Text(jdbc.toString(), names.toArray(String[]::new));
  }

  /** The values of one call's named parameters, each with the column whose converter binds it. */
  static final class Binds {
    static final String PREFIX = "b_";
    private String[] names = new String[4];
    private Object[] values = new Object[4];
    private Field<?>[] columns = new Field<?>[4];
    private int size;

    <T> Binds put(String name, T value, Field<T> column) {
      if (size == names.length) {
        names = java.util.Arrays.copyOf(names, size * 2);
        values = java.util.Arrays.copyOf(values, size * 2);
        columns = java.util.Arrays.copyOf(columns, size * 2);
      }
      names[size] = name;
      values[size] = value;
      columns[size] = column;
      size++;
      return this;
    }

    /** Where {@code name} was put; a name of the text without a value is a bug of the store. */
    int indexOf(String name, Text text) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      throw new IllegalStateException("no value for " + name + " in " + text.sql());
    }

    /** How many values were put. */
    int size() {
      return size;
    }

    /** The name put at {@code index}. */
    String name(int index) {
      return names[index];
    }

    Object value(int index) {
      return values[index];
    }

    Field<?> column(int index) {
      return columns[index];
    }
  }
}
