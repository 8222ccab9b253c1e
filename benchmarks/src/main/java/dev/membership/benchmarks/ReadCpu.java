package dev.membership.benchmarks;

import dev.membership.AccessCache;
import dev.membership.Memberships;
import dev.membership.domain.AccountId;
import dev.membership.domain.Permission;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import dev.membership.query.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The calling thread's CPU and allocation per call of the reads of issue 12, beside raw JDBC (not
 * JMH: a main, since the figures are per call and CPU time is the thread's own, which a loaded machine
 * disturbs far less than wall time): {@code page} ({@code members().list}, page of 50), {@code
 * pageJdbcKeyset}, {@code check} ({@code access().has}), {@code checkJdbcPrimaryKey}, and {@code
 * organisations} ({@code organisations().of}, page of 50), and the access cache ({@code
 * Memberships.Builder.accessCache}): {@code checkCachedHit} ({@code has} answered from the cache),
 * {@code checkCachedMiss} ({@code has} through a cache of one entry, over 1,000 members in turn: every
 * call reads the store and keeps its answer) beside {@code checkMembers} (the same members without a
 * cache), on the data of {@link RawSqlBenchmark}
 * (schema {@code bench_list}, 20,000 members).
 * Each round runs every operation 10 times in a row, in turn; the first rounds are warm-up.
 *
 * {@code pageJdbcSameSql} runs the very text and values the library sent for the page (captured once by an
 * execute listener) on a plain {@code PreparedStatement}, reading every column as text: the part of
 * {@code page} that is the statement itself.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.ReadCpu [depth] [rounds] [op,op|all] [members]}</pre>
 */
public final class ReadCpu {
  private ReadCpu() {}

  public static void main(String[] args) throws Exception {
    String depth = args.length > 0 ? args[0] : "first";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    // Only the operations named here (comma-separated), e.g. for a profile of one of them.
    java.util.Set<String> only = args.length > 2 && !args[2].equals("all") ? java.util.Set.of(args[2].split(","))
        : java.util.Set.of();
    MemberListBenchmark list = new MemberListBenchmark();
    // bench_list is re-seeded when it holds another number of members (about a minute per million).
    list.members = args.length > 3 ? Long.parseLong(args[3]) : 20000;
    list.depth = depth;
    list.setUp();
    try {
      String keyset = String.format(RawSqlBenchmark.KEYSET, list.after.length == 0 ? "" : "AND (m.email, m.id) > (?, ?)");
      Map<String, Callable<?>> ops = new LinkedHashMap<>();
      ops.put("page", list::page);
      SameSql same = SameSql.of(list);
      ops.put("pageJdbcSameSql", () -> same.run(list.database.dataSource()));
      ops.put("pageJdbcKeyset", () -> RawSqlBenchmark.keysetPage(list.database.dataSource(), keyset,
          list.organisation.toString(), list.after));
      ops.put("check", () -> list.membership.access().has(list.owner, list.organisation, Permission.MANAGE_MEMBERS));
      ops.put("checkJdbcPrimaryKey", () -> check(list));
      ops.put("organisations", () -> list.membership.organisations().of(list.owner, PageRequest.first(50)));
      // The access cache: a second library on the same store, as a host would build it with the cache on.
      Memberships cached = cachedLibrary(list, AccessCache.of(10_000, AccessCache.MAX_STALENESS));
      Memberships missing = cachedLibrary(list, AccessCache.of(1, AccessCache.MAX_STALENESS));
      AccountId[] members = activeMembers(list, 1000);
      int[] next = {0};
      ops.put("checkCachedHit", () -> cached.access().has(list.owner, list.organisation, Permission.MANAGE_MEMBERS));
      ops.put("checkCachedMiss", () -> missing.access().has(members[next[0]++ % members.length], list.organisation,
          Permission.VIEW_MEMBERS));
      ops.put("checkMembers", () -> list.membership.access().has(members[next[0]++ % members.length], list.organisation,
          Permission.VIEW_MEMBERS));
      if (!only.isEmpty()) {
        ops.keySet().retainAll(only);
      }
      com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().threadId();
      int warmup = rounds / 2;
      int batch = 10;
      Map<String, long[][]> samples = new LinkedHashMap<>();
      ops.keySet().forEach(k -> samples.put(k, new long[3][rounds * batch]));
      for (int round = -warmup; round < rounds; round++) {
        for (Map.Entry<String, Callable<?>> op : ops.entrySet()) {
          long[][] s = samples.get(op.getKey());
          for (int i = 0; i < batch; i++) {
            long cpu = threads.getThreadCpuTime(id);
            long bytes = threads.getThreadAllocatedBytes(id);
            long t = System.nanoTime();
            op.getValue().call();
            long wall = System.nanoTime() - t;
            if (round >= 0) {
              int at = round * batch + i;
              s[0][at] = wall;
              s[1][at] = threads.getThreadCpuTime(id) - cpu;
              s[2][at] = threads.getThreadAllocatedBytes(id) - bytes;
            }
          }
        }
      }
      System.out.printf("%n%-20s %12s %12s %12s %14s%n", "operation (" + depth + ")", "wall p50 us", "CPU p50 us",
          "CPU mean us", "alloc mean KB");
      for (Map.Entry<String, long[][]> e : samples.entrySet()) {
        long[][] s = e.getValue();
        System.out.printf("%-20s %12.1f %12.1f %12.1f %14.1f%n", e.getKey(), median(s[0]) / 1e3, median(s[1]) / 1e3,
            mean(s[1]) / 1e3, mean(s[2]) / 1024.0);
      }
    } finally {
      list.tearDown();
    }
  }

  /** The median of {@code values} (also {@link WriteCpu}'s). */
  static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The mean of {@code values} (also {@link WriteCpu}'s). */
  static double mean(long[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static Memberships cachedLibrary(MemberListBenchmark list, AccessCache cache) {
    return Memberships.builder()
        .store(list.database.store())
        .invitationLinks(token -> URI.create("https://app.test/invitations/" + token))
        .accessCache(cache)
        .build();
  }

  /** Active members of the organisation with a password of their own (whose check says yes). */
  private static AccountId[] activeMembers(MemberListBenchmark list, int count) throws SQLException {
    List<AccountId> found = new ArrayList<>();
    try (Connection c = list.database.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "SELECT m.account_id FROM membership_member m JOIN membership_account a ON a.id = m.account_id"
            + " WHERE m.organisation_id = ? AND m.status = 'ACTIVE' AND a.credential_state = 'PERSONAL' LIMIT ?")) {
      s.setString(1, list.organisation.toString());
      s.setInt(2, count);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(AccountId.of(r.getString(1)));
        }
      }
    }
    if (found.size() < 2) {
      throw new IllegalStateException("the seeded organisation has too few active members for the miss path");
    }
    return found.toArray(AccountId[]::new);
  }

  /** The text and values of the library's page statement, captured once, run by hand. */
  private record SameSql(String sql, Object[] values) {
    static SameSql of(MemberListBenchmark list) {
      java.util.List<SameSql> seen = new java.util.ArrayList<>();
      org.jooq.ExecuteListener capture = new org.jooq.ExecuteListener() {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void executeEnd(org.jooq.ExecuteContext ctx) {
          Object[] values = java.util.stream.Stream.of(ctx.params())
              .map(p -> p.getValue() == null ? null : ((org.jooq.Converter) p.getConverter()).to(p.getValue()))
              .toArray();
          seen.add(new SameSql(ctx.sql(), values));
        }
      };
      dev.membership.jooq.JooqMembershipStore store = dev.membership.jooq.JooqMembershipStore
          .builder(list.database.dataSource()).executeListener(capture).build();
      dev.membership.testkit.TestMembership.on(store).membership().members().list(list.owner, list.organisation, list.query);
      if (seen.size() != 1) {
        throw new IllegalStateException("the page should be one statement, was " + seen.size());
      }
      return seen.get(0);
    }

    int run(javax.sql.DataSource ds) throws SQLException {
      try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          s.setObject(i + 1, values[i]);
        }
        int cells = 0;
        try (ResultSet r = s.executeQuery()) {
          int n = r.getMetaData().getColumnCount();
          while (r.next()) {
            for (int i = 1; i <= n; i++) {
              if (r.getString(i) != null) {
                cells++;
              }
            }
          }
        }
        return cells;
      }
    }
  }

  /** The role and status by the membership's unique key, as {@link RawSqlBenchmark#checkJdbcPrimaryKey}. */
  private static boolean check(MemberListBenchmark list) throws SQLException {
    try (Connection c = list.database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement(RawSqlBenchmark.ACCESS)) {
      s.setString(1, list.organisation.toString());
      s.setString(2, list.owner.toString());
      try (ResultSet r = s.executeQuery()) {
        return r.next() && r.getString(2).equals("ACTIVE") && r.getString(1).equals("owner");
      }
    }
  }
}
