package dev.membership.jooq.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.StatementType;
import org.jspecify.annotations.Nullable;

/**
 * Runs kept writes ({@link Write}) on one JDBC {@code PreparedStatement} of the transaction's
 * connection: each shape's text is rendered once per store, with a {@code ?} for each value, and the
 * values are bound through their columns' converters, so that a unit of work renders no SQL for its
 * kept writes. On PostgreSQL several kept writes go as one statement of several, separated by
 * {@code ;}: pgjdbc sends them in one round trip and, once a text has run often enough on a connection
 * ({@code prepareThreshold}), runs each part as a server-prepared statement, so PostgreSQL no longer
 * parses and plans them on every call. Each part's row count is read in order; one the driver did not
 * report is {@link Statement#SUCCESS_NO_INFO}.
 *
 * <p>The configuration's execute listeners see the statement as one ({@link WriteContext}): {@code
 * start}, {@code renderStart}/{@code renderEnd} (with the kept text, which a listener may replace),
 * {@code prepare*}, {@code bind*}, {@code execute*}, {@code exception} and {@code end}, in jOOQ's order.
 * The binding, the query timeout, the listeners' sequence and the translation of failures are {@link
 * Jdbc}'s, shared with kept reads.
 */
final class JdbcWrites {
  private JdbcWrites() {}

  /** Where a value of {@link Write} stands in text rendered with named parameters. */
  private static final Pattern NAMED = Pattern.compile(":" + RenderedSql.Binds.PREFIX + "w([0-9]+)");

  /** A shape's JDBC text, and for each {@code ?} in order the index of the write's value it takes. */
  record Text(String sql, int[] slots) {}

  /** The kept texts of a store's writes, by shape. */
  static final class Texts {
    private final ConcurrentHashMap<Object, Text> texts = new ConcurrentHashMap<>();

    Text of(DSLContext sql, Write write) {
      Text text = texts.get(write.shape());
      if (text == null) {
        text = texts.computeIfAbsent(write.shape(), s -> render(sql, write));
      }
      return text;
    }
  }

  /**
   * Whether several kept writes go as one statement of several: on PostgreSQL (pgjdbc splits it and
   * sends the parts at once), when values are bound, not inlined.
   */
  static boolean joins(DSLContext sql) {
    return sql.family() == SQLDialect.POSTGRES && bound(sql);
  }

  /** Whether the configuration binds values (inlining them, jOOQ's {@code STATIC_STATEMENT}, goes through jOOQ). */
  static boolean bound(DSLContext sql) {
    return sql.settings().getStatementType() != StatementType.STATIC_STATEMENT;
  }

  private static Text render(DSLContext sql, Write write) {
    Field<?>[] columns = write.columns();
    Query query = write.build().build(sql, i -> RenderedSql.bind("w" + i, columns[i]));
    for (Map.Entry<String, Param<?>> param : query.getParams().entrySet()) {
      if (!param.getValue().isInline() && !param.getKey().startsWith(RenderedSql.Binds.PREFIX + "w")) {
        throw new IllegalStateException("a value of " + write.shape() + " is neither inline nor a named parameter: "
            + param.getKey());
      }
    }
    String named = sql.renderNamedParams(query);
    List<Integer> slots = new ArrayList<>();
    Matcher m = NAMED.matcher(named);
    StringBuilder jdbc = new StringBuilder(named.length());
    while (m.find()) {
      slots.add(Integer.parseInt(m.group(1)));
      m.appendReplacement(jdbc, "?");
    }
    m.appendTail(jdbc);
    if (jdbc.indexOf(";") >= 0) {
      throw new IllegalStateException("the text of " + write.shape() + " has a ';', which would split it");
    }
    return new Text(jdbc.toString(), slots.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Runs {@code writes} as one statement (their texts joined by {@code ;} when several) on the
   * connection of {@code sql}'s configuration, and returns each one's row count, in order.
   */
  static int[] execute(DSLContext sql, Texts texts, List<Write> writes) {
    int n = writes.size();
    String[] parts = new String[n];
    Text[] kept = new Text[n];
    int size = 0;
    for (int i = 0; i < n; i++) {
      kept[i] = texts.of(sql, writes.get(i));
      parts[i] = kept[i].sql();
      size += kept[i].slots().length;
    }
    @Nullable Object[] values = new Object[size];
    Field<?>[] columns = new Field<?>[size];
    int at = 0;
    for (int i = 0; i < n; i++) {
      Write write = writes.get(i);
      for (int slot : kept[i].slots()) {
        columns[at] = write.columns()[slot];
        values[at] = Jdbc.toDatabase(columns[at].getConverter(), write.values()[slot]);
        at++;
      }
    }
    String text = n == 1 ? parts[0] : String.join("; ", parts);
    return run(sql.configuration(), text, parts, values, columns);
  }

  /**
   * Runs {@code text} (the kept texts {@code parts}, joined by {@code ;} when several) with {@code
   * values} (each as its column's database type) bound as {@code columns}, and returns each part's row
   * count, in order; the configuration's listeners see it as one statement ({@link WriteContext}).
   */
  static int[] run(Configuration configuration, String text, String[] parts, @Nullable Object[] values,
      Field<?>[] columns) {
    int n = parts.length;
    ExecuteListener[] listeners = Jdbc.listeners(configuration);
    if (listeners.length == 0) {
      return Jdbc.quietly(configuration, text, values, columns, false, statement -> counts(statement, statement.execute(), n));
    }
    WriteContext ctx = new WriteContext(configuration, text, parts, values, columns);
    return Jdbc.heard(listeners, ctx, false, statement -> {
      int[] counts = counts(statement, statement.execute(), n);
      ctx.executed(counts);
      return counts;
    }, null);
  }

  /**
   * The row count of each of the {@code n} statements, in order, after {@code execute()} returned
   * {@code result}: one that the driver did not report (no further count) is {@link
   * Statement#SUCCESS_NO_INFO}, which a guarded update refuses. A part that answered rows, or a part
   * beyond the {@code n} (a host listener changed the text), throws: the counts could not be matched
   * to their writes, and a lost race would be read as won.
   */
  private static int[] counts(PreparedStatement statement, boolean result, int n) throws SQLException {
    int[] counts = new int[n];
    Arrays.fill(counts, Statement.SUCCESS_NO_INFO);
    boolean isResultSet = result;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        isResultSet = statement.getMoreResults();
      }
      if (isResultSet) {
        // No kept write answers rows: a listener changed the text, and the counts would be read off by one.
        throw changed();
      }
      int count = statement.getUpdateCount();
      if (count == -1) {
        return counts; // fewer parts ran: their counts stay unknown, which a guarded update refuses
      }
      counts[i] = count;
    }
    if (statement.getMoreResults() || statement.getUpdateCount() != -1) {
      throw changed(); // more parts ran than were kept: whose count is whose is unknown
    }
    return counts;
  }

  /** What a statement of kept writes throws when other parts ran than it was given (a listener changed its text). */
  private static IllegalStateException changed() {
    return new IllegalStateException(
        "the statement of the kept writes ran other parts than it was given: a listener changed its text");
  }
}
