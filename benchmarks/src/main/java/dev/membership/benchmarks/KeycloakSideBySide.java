package dev.membership.benchmarks;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.jooq.MembershipDatabase;
import dev.membership.MembershipPolicy;
import dev.membership.query.Cursor;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.TestMembership;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The library side by side with Keycloak (issue 12), not JMH: a main that seeds the same organisation
 * of {@code members} members into the library's schema ({@code bench_keycloak} in database
 * {@code test}) and into a Keycloak 26 (realm {@code membership-bench}, database {@code keycloak}, both
 * on the same PostgreSQL), starts Keycloak on loopback from the distribution that the Maven profile
 * {@code keycloak} unpacked into {@code benchmarks/target/keycloak}, and then measures, interleaved
 * (each round runs every operation on every side, the order of the sides rotating from round to round):
 *
 * <ul>
 *   <li>a member page of 50 at the first, middle and last page: Keycloak's
 *       {@code GET /admin/realms/{realm}/organizations/{id}/members?first=&max=50}, the library's
 *       {@code members().list}, and a hand-written keyset query of the same rows through JDBC;</li>
 *   <li>"is a member": Keycloak's {@code GET .../organizations/{id}/members/{userId}}, the library's
 *       {@code access().check(member, org, VIEW_MEMBERS)}, and JDBC by the membership's unique key;</li>
 *   <li>an account's organisations: Keycloak's {@code GET .../organizations/members/{userId}/organizations},
 *       the library's {@code organisations().of(account, first page of 50)}, and a JDBC join;</li>
 *   <li>adding a member: Keycloak's {@code POST .../organizations/{id}/members} with a user id, the
 *       library's {@code invitations().invite} + {@code accept} by the signed-in account, and
 *       {@code joinRequests().request} + {@code approve} + {@code accept}; JDBC does invite + accept by
 *       hand: the same reads and writes as the library's, one statement per round trip, in the same two
 *       transactions (two commits: the owner's invitation, then the account's acceptance).</li>
 * </ul>
 *
 * <p>It prints medians and p90 with the ratios, the library's CPU time and allocation per call on the
 * calling thread, Keycloak's process CPU per call, the library's heap after GC and this JVM's RSS against
 * Keycloak's RSS, and writes the table to {@code benchmarks/target/keycloak-side-by-side.md}. Run on
 * request only (see benchmarks/README.md, "Side by side with Keycloak"):
 *
 * <pre>{@code
 * ./mvnw -B -pl benchmarks -am -DskipTests -Pkeycloak package
 * java -cp benchmarks/target/benchmarks.jar dev.membership.benchmarks.KeycloakSideBySide [members] [rounds]
 * }</pre>
 *
 * <p>System properties: {@code keycloak.home} (default: the unpacked distribution), {@code keycloak.port}
 * (18080), {@code keycloak.url} (use a Keycloak already running there instead of starting one),
 * {@code keycloak.batch} (calls per side, operation and round; 10), {@code keycloak.warmup} (rounds not
 * counted; 3), {@code keycloak.dev} ({@code true}: {@code start-dev} instead of {@code start}),
 * {@code keycloak.reseed} ({@code true}: seed the realm again even if it holds the data),
 * {@code keycloak.seed} ({@code api}: seed through the admin API only, slow; see {@link #seedThroughApi}).
 */
public final class KeycloakSideBySide {
  static final String REALM = "membership-bench";
  static final String KC_DATABASE = "keycloak";
  static final String SCHEMA = "bench_keycloak";
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "admin";
  static final int PAGE = 50;
  /** Warm-up calls before the rounds: the library's and JDBC's reads, each add, Keycloak's pages and other reads. */
  static final int LIBRARY_WARMUP = 1500;
  static final int ADD_WARMUP = 200;
  static final int KEYCLOAK_PAGE_WARMUP = 100;
  static final int KEYCLOAK_WARMUP = 500;

  private static final String ORGANISATIONS_OF = "SELECT o.id, o.name, m.id, m.role_id, m.status, m.joined_at"
      + " FROM membership_member m JOIN membership_organisation o ON o.id = m.organisation_id"
      + " WHERE m.live_account_id = ? AND o.status = 'ACTIVE' ORDER BY o.name_lower, o.id LIMIT 51";
  private static final String INSERT_MEMBER = "INSERT INTO membership_member (id, organisation_id, account_id,"
      + " live_account_id, email, role_id, status, origin, grant_keys, suspended_at, joined_at,"
      + " updated_at, version) VALUES (?, ?, ?, ?, ?, 'member', 'ACTIVE', 'INVITATION', '', NULL, ?, ?, 0)";
  private static final String INSERT_AUDIT = "INSERT INTO membership_audit_event (id, organisation_id, actor_id,"
      + " action, subject_account_id, subject, occurred_at, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

  enum Side { KEYCLOAK, LIBRARY, JDBC }

  /** One call of one side; returns a value checked once, so the work cannot be skipped. */
  @FunctionalInterface
  interface Call {
    Object run() throws Exception;
  }

  /** One row of the table: the three sides of one operation (a side may be missing). */
  record Operation(String name, Map<Side, Call> calls) {}

  /** Per operation and side: wall time of every counted call, and the calling thread's CPU and allocation. */
  static final class Samples {
    final List<Long> nanos = new ArrayList<>();
    long cpu;
    long allocated;
    long calls;
    /** Keycloak only: its process's CPU (user + system) over the batches, in clock ticks. */
    long serverTicks;

    long percentile(double p) {
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      if (sorted.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p * sorted.length) - 1;
      return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
  }

  private final int members;
  private final int rounds;
  private final int batch = Integer.getInteger("keycloak.batch", 10);
  private final int warmup = Integer.getInteger("keycloak.warmup", 3);
  private final int extra;
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private KeycloakServer server;
  private KeycloakAdmin keycloak;
  private String kcOrganisation;
  private String kcMember;
  private final Deque<String> kcNewUsers = new ArrayDeque<>();
  private final List<String> kcAdded = new ArrayList<>();

  private MembershipDatabase database;
  private Memberships library;
  private DataSource dataSource;
  private OrganisationId organisation;
  private AccountId owner;
  private AccountId member;
  private final Map<String, PageRequest> libraryPages = new LinkedHashMap<>();
  private final Map<String, String[]> keysetAfter = new LinkedHashMap<>();
  private final Map<String, Integer> keycloakFirst = new LinkedHashMap<>();
  private final Deque<AccountId> inviteAccounts = new ArrayDeque<>();
  private final Deque<AccountId> requestAccounts = new ArrayDeque<>();
  private final Deque<String[]> jdbcAccounts = new ArrayDeque<>();
  private volatile String lastInvitationToken;

  private KeycloakSideBySide(int members, int rounds) {
    this.members = members;
    this.rounds = rounds;
    this.extra = (warmup + rounds) * batch + ADD_WARMUP + 20;
  }

  public static void main(String[] args) throws Exception {
    int members = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    new KeycloakSideBySide(members, rounds).run();
  }

  private void run() throws Exception {
    String loadBefore = uptime();
    System.out.println("start: " + Instant.now() + "; " + loadBefore);
    try {
      startKeycloak();
      seedKeycloak();
      seedLibrary();
      List<Operation> operations = operations();
      check(operations);
      Map<String, Map<Side, Samples>> results = measure(operations);
      String loadAfter = uptime();
      String report = report(operations, results, loadBefore, loadAfter);
      System.out.println();
      System.out.println(report);
      Path out = Path.of(System.getProperty("keycloak.report", "benchmarks/target/keycloak-side-by-side.md"));
      if (out.getParent() != null && Files.isDirectory(out.getParent())) {
        Files.writeString(out, report);
        System.out.println("written to " + out.toAbsolutePath());
      }
    } finally {
      cleanUp();
    }
  }

  // ---------------------------------------------------------------- Keycloak

  private void startKeycloak() throws Exception {
    String url = System.getProperty("keycloak.url");
    if (url == null) {
      createDatabaseIfMissing(KC_DATABASE);
      int port = Integer.getInteger("keycloak.port", 18080);
      Path home = Path.of(System.getProperty("keycloak.home", KeycloakServer.defaultHome()));
      server = KeycloakServer.start(home, port, Boolean.getBoolean("keycloak.dev"));
      url = "http://127.0.0.1:" + port;
    }
    keycloak = new KeycloakAdmin(url, ADMIN, ADMIN_PASSWORD);
  }

  private void seedKeycloak() throws Exception {
    boolean reuse = false;
    if (keycloak.status("/admin/realms/" + REALM) == 200) {
      String organisations = keycloak.get("/admin/realms/" + REALM + "/organizations?search=Big&exact=true");
      List<String> ids = KeycloakAdmin.values(organisations, "id");
      if (!ids.isEmpty()) {
        String count = keycloak.get("/admin/realms/" + REALM + "/organizations/" + ids.get(0) + "/members/count");
        String users = keycloak.get("/admin/realms/" + REALM + "/users/count?username=x");
        reuse = Long.parseLong(count.trim()) == members && Long.parseLong(users.trim()) >= extra
            && !Boolean.getBoolean("keycloak.reseed");
      }
      if (!reuse) {
        System.out.println("Keycloak: realm " + REALM + " holds other data; deleting it");
        keycloak.delete("/admin/realms/" + REALM);
      }
    }
    if (!reuse) {
      int extraUsers = Math.max(extra, 1000);
      long start = System.nanoTime();
      int status = keycloak.post("/admin/realms", realmJson(), Duration.ofMinutes(5));
      if (status != 201) {
        throw new IllegalStateException("Keycloak refused the realm import: HTTP " + status);
      }
      long copying = System.nanoTime();
      if ("api".equals(System.getProperty("keycloak.seed"))) {
        seedThroughApi(members, extraUsers);
      } else {
        copyUsers(members, extraUsers);
        keycloak.post("/admin/realms/" + REALM + "/clear-realm-cache", "", Duration.ofMinutes(1));
        keycloak.post("/admin/realms/" + REALM + "/clear-user-cache", "", Duration.ofMinutes(1));
        System.out.printf("Keycloak: realm %s imported through the admin API (organisation Big, its member m000000, the"
            + " user x000000 outside it) in %.1f s; those two users copied by SQL to %,d members and %,d users outside"
            + " in %.1f s%n", REALM, (copying - start) / 1e9, members, extraUsers, (System.nanoTime() - copying) / 1e9);
      }
      vacuumAnalyze("jdbc:postgresql://" + Databases.PG_HOST + "/" + KC_DATABASE);
      String count = keycloak.get("/admin/realms/" + REALM + "/organizations?search=Big&exact=true");
      String id = KeycloakAdmin.values(count, "id").get(0);
      long seen = Long.parseLong(keycloak.get("/admin/realms/" + REALM + "/organizations/" + id + "/members/count").trim());
      if (seen != members) {
        throw new IllegalStateException("Keycloak counts " + seen + " members after seeding, not " + members);
      }
    } else {
      System.out.println("Keycloak: realm " + REALM + " already seeded with " + members + " members; reused");
      vacuumAnalyze("jdbc:postgresql://" + Databases.PG_HOST + "/" + KC_DATABASE);
    }
    String organisations = keycloak.get("/admin/realms/" + REALM + "/organizations?search=Big&exact=true");
    kcOrganisation = KeycloakAdmin.values(organisations, "id").get(0);
    kcMember = KeycloakAdmin.values(keycloak.get("/admin/realms/" + REALM + "/users?exact=true&username="
        + String.format("m%06d", members / 2)), "id").get(0);
    String extras = keycloak.get("/admin/realms/" + REALM + "/users?briefRepresentation=true&username=x&first=0&max="
        + extra);
    kcNewUsers.addAll(KeycloakAdmin.values(extras, "id"));
    if (kcNewUsers.size() < extra) {
      throw new IllegalStateException("Keycloak: expected " + extra + " users outside the organisation");
    }
    keycloakFirst.put("first", 0);
    keycloakFirst.put("middle", members / 2);
    keycloakFirst.put("last", members - PAGE);
  }

  /**
   * The realm with organisations on, the organisation Big with one member, m000000, and one user outside
   * it, x000000: written by Keycloak itself (one {@code POST /admin/realms}), so the rows are its own.
   * A single import of 20,000 users and members is one transaction that Keycloak's 300 s transaction
   * timeout aborted on the loaded 2-core machine, and 20,000 add-member calls take minutes: the users and
   * memberships are copied from these two by {@link #copyUsers}, the way the library's side is seeded.
   */
  static String realmJson() {
    return "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"organizationsEnabled\":true,\"users\":["
        + "{\"username\":\"m000000\",\"email\":\"m000000@big.test\",\"firstName\":\"Member\",\"lastName\":\"0\","
        + "\"enabled\":true,\"emailVerified\":true},"
        + "{\"username\":\"x000000\",\"email\":\"x000000@big.test\",\"firstName\":\"Member\",\"lastName\":\"0\","
        + "\"enabled\":true,\"emailVerified\":true}],"
        + "\"organizations\":[{\"name\":\"Big\",\"alias\":\"big\",\"enabled\":true,"
        + "\"domains\":[{\"name\":\"big.test\"}],\"members\":[{\"username\":\"m000000\"}]}]}";
  }

  /**
   * {@code -Dkeycloak.seed=api}: the same data through the admin API only, to measure that route: users
   * by {@code POST .../partialImport} in batches of 500, then one {@code POST .../organizations/{id}/members}
   * per member, 4 requests in flight.
   */
  private void seedThroughApi(int members, int extraUsers) throws Exception {
    String organisation = KeycloakAdmin.values(keycloak.get("/admin/realms/" + REALM + "/organizations?search=Big&exact=true"),
        "id").get(0);
    long start = System.nanoTime();
    List<String> memberIds = new ArrayList<>();
    for (String[] kind : new String[][] {{"m", Integer.toString(members)}, {"x", Integer.toString(extraUsers)}}) {
      int count = Integer.parseInt(kind[1]);
      for (int from = 1; from < count; from += 500) {
        StringBuilder json = new StringBuilder("{\"ifResourceExists\":\"FAIL\",\"users\":[");
        for (int i = from; i < Math.min(count, from + 500); i++) {
          String name = String.format("%s%06d", kind[0], i);
          json.append(i > from ? "," : "").append("{\"username\":\"").append(name).append("\",\"email\":\"").append(name)
              .append("@big.test\",\"firstName\":\"Member\",\"lastName\":\"").append(i)
              .append("\",\"enabled\":true,\"emailVerified\":true}");
        }
        keycloak.refreshTokenIfDue();
        String answer = keycloak.postForBody("/admin/realms/" + REALM + "/partialImport", json.append("]}").toString());
        if (kind[0].equals("m")) {
          memberIds.addAll(KeycloakAdmin.values(answer, "id"));
        }
      }
    }
    long users = System.nanoTime();
    System.out.printf("Keycloak: %,d users by partialImport (batches of 500) in %.1f s%n", members + extraUsers - 2,
        (users - start) / 1e9);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> added = new ArrayList<>();
      for (String id : memberIds) {
        added.add(pool.submit(() -> keycloak.post("/admin/realms/" + REALM + "/organizations/" + organisation + "/members",
            "\"" + id + "\"", Duration.ofMinutes(1))));
      }
      for (int i = 0; i < added.size(); i++) {
        if (added.get(i).get() != 201) {
          throw new IllegalStateException("Keycloak add member: HTTP " + added.get(i).get());
        }
        if (i % 500 == 0) {
          keycloak.refreshTokenIfDue();
        }
      }
    } finally {
      pool.shutdown();
    }
    System.out.printf("Keycloak: %,d members added one POST each, 4 in flight, in %.1f s (%.0f/s)%n", memberIds.size(),
        (System.nanoTime() - users) / 1e9, memberIds.size() / ((System.nanoTime() - users) / 1e9));
  }

  /**
   * Copies Keycloak's template users: {@code user_entity} rows with new ids, names and addresses, their
   * role mappings, and for the members the template's organisation group membership
   * ({@code user_group_membership}, how Keycloak 26 records an organisation's members). One transaction.
   */
  static void copyUsers(int members, int extraUsers) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + Databases.PG_HOST + "/" + KC_DATABASE,
        Databases.PG_USER, ""); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      String realm;
      try (ResultSet r = s.executeQuery("SELECT id FROM realm WHERE name = '" + REALM + "'")) {
        r.next();
        realm = r.getString(1);
      }
      for (String[] kind : new String[][] {{"m", Integer.toString(members - 1)}, {"x", Integer.toString(extraUsers - 1)}}) {
        s.execute("INSERT INTO user_entity (id, email, email_constraint, email_verified, enabled, federation_link,"
            + " first_name, last_name, realm_id, username, created_timestamp, service_account_client_link, not_before,"
            + " last_modified_timestamp)"
            + " SELECT gen_random_uuid()::text, n.name || '@big.test', n.name || '@big.test', t.email_verified, t.enabled,"
            + " t.federation_link, t.first_name, n.g::text, t.realm_id, n.name, t.created_timestamp,"
            + " t.service_account_client_link, t.not_before, t.last_modified_timestamp"
            + " FROM user_entity t, (SELECT g, '" + kind[0] + "' || lpad(g::text, 6, '0') AS name"
            + " FROM generate_series(1, " + kind[1] + ") g) n"
            + " WHERE t.realm_id = '" + realm + "' AND t.username = '" + kind[0] + "000000'");
      }
      s.execute("INSERT INTO user_role_mapping (role_id, user_id) SELECT t.role_id, u.id"
          + " FROM user_role_mapping t JOIN user_entity tu ON tu.id = t.user_id, user_entity u"
          + " WHERE tu.realm_id = '" + realm + "' AND tu.username = 'm000000' AND u.realm_id = '" + realm + "'"
          + " AND u.username NOT IN ('m000000', 'x000000')");
      s.execute("INSERT INTO user_group_membership (group_id, user_id, membership_type)"
          + " SELECT t.group_id, u.id, t.membership_type"
          + " FROM user_group_membership t JOIN user_entity tu ON tu.id = t.user_id, user_entity u"
          + " WHERE tu.realm_id = '" + realm + "' AND tu.username = 'm000000' AND u.realm_id = '" + realm + "'"
          + " AND u.username LIKE 'm%' AND u.username <> 'm000000'");
      c.commit();
    }
  }

  // ---------------------------------------------------------------- library

  private void seedLibrary() throws SQLException {
    long start = System.nanoTime();
    Databases.drop("postgresql", SCHEMA);
    database = Databases.postgres(SCHEMA);
    dataSource = database.dataSource();
    MembershipPolicy policy = MembershipPolicy.defaults().withInvitationsPerDay(MembershipPolicy.MAX_INVITATIONS_PER_DAY);
    TestMembership kit = TestMembership.on(database.store(), policy);
    owner = kit.account("owner@big.test");
    organisation = kit.membership().organisations().create(owner, "Big").id();
    kit.join(organisation, owner, "template@big.test", Role.MEMBER);
    String o = organisation.toString();
    // The same shape as Keycloak's realm: members m000000.., the owner and the template among them
    // (members - 2 copies), and accounts x000000.. outside the organisation for the adds.
    Seeds.run(dataSource,
        "INSERT INTO membership_account (id, email, display_name, display_name_lower, password_hash, credential_state,"
            + " temporary_password_expires_at, created_by_organisation_id, last_sign_in_at, created_at, version)"
            + " SELECT gen_random_uuid()::text, CASE WHEN g <= " + (members - 2) + " THEN 'm' || lpad((g - 1)::text, 6, '0')"
            + " ELSE 'x' || lpad((g - " + (members - 1) + ")::text, 6, '0') END || '@big.test', 'Member ' || g,"
            + " 'member ' || g, t.password_hash, t.credential_state, t.temporary_password_expires_at,"
            + " t.created_by_organisation_id, t.last_sign_in_at, t.created_at, t.version"
            + " FROM membership_account t, generate_series(1, " + (members - 2 + 3L * extra) + ") g"
            + " WHERE t.email = 'template@big.test'",
        Seeds.copyTemplateMembership(o),
        "VACUUM ANALYZE");
    System.out.printf("library: seeded schema %s with %,d members and %,d accounts outside, in %.1f s%n", SCHEMA,
        members, 3 * extra, (System.nanoTime() - start) / 1e9);
    library = Memberships.builder().deliverNotificationsInBackground()
        .store(database.store())
        .passwordHasher(new FastTestPasswordHasher())
        .policy(policy)
        .invitationLinks(token -> {
          // the link is made inside the command; the notification itself is sent later, in the background
          lastInvitationToken = token;
          return URI.create("https://app.test/i/" + token);
        })
        .emailVerificationLinks(token -> URI.create("https://app.test/v/" + token))
        .notifications(notification -> {})
        .build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM membership_member WHERE organisation_id = '" + o + "'")) {
        r.next();
        if (r.getLong(1) != members) {
          throw new IllegalStateException("library: seeded " + r.getLong(1) + " members, not " + members);
        }
      }
      try (ResultSet r = s.executeQuery("SELECT id FROM membership_account WHERE email = '"
          + String.format("m%06d", members / 2) + "@big.test'")) {
        r.next();
        member = AccountId.of(r.getString(1));
      }
      try (ResultSet r = s.executeQuery("SELECT id, email FROM membership_account WHERE email LIKE 'x%' ORDER BY email")) {
        int i = 0;
        while (r.next()) {
          AccountId id = AccountId.of(r.getString(1));
          switch (i++ % 3) {
            case 0 -> inviteAccounts.add(id);
            case 1 -> requestAccounts.add(id);
            default -> jdbcAccounts.add(new String[] {r.getString(1), r.getString(2)});
          }
        }
      }
    }
    libraryPages.put("first", PageRequest.first(PAGE));
    keysetAfter.put("first", new String[0]);
    for (Map.Entry<String, Integer> depth : Map.of("middle", members / 2, "last", members - PAGE - 1).entrySet()) {
      try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
          "SELECT email, id FROM membership_member WHERE organisation_id = ? ORDER BY email, id OFFSET ? LIMIT 1")) {
        s.setString(1, o);
        s.setLong(2, depth.getValue());
        try (ResultSet r = s.executeQuery()) {
          r.next();
          libraryPages.put(depth.getKey(), PageRequest.first(PAGE).after(Cursor.encode(r.getString(1), r.getString(2))));
          keysetAfter.put(depth.getKey(), new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
  }

  // ---------------------------------------------------------------- operations

  private List<Operation> operations() {
    String members = "/admin/realms/" + REALM + "/organizations/" + kcOrganisation + "/members";
    List<Operation> list = new ArrayList<>();
    for (String depth : List.of("first", "middle", "last")) {
      MemberQuery query = MemberQuery.all().withPage(libraryPages.get(depth));
      String[] after = keysetAfter.get(depth);
      String keyset = String.format(RawSqlBenchmark.KEYSET, after.length == 0 ? "" : "AND (m.email, m.id) > (?, ?)");
      String kcPath = members + "?first=" + keycloakFirst.get(depth) + "&max=" + PAGE;
      list.add(new Operation("member page of 50, " + depth + " page", calls(
          () -> rows(keycloak.get(kcPath)),
          () -> library.members().list(owner, organisation, query).items().size(),
          () -> keysetPage(keyset, after))));
    }
    list.add(new Operation("is a member (permission check)", calls(
        () -> keycloak.get(members + "/" + kcMember).length(),
        () -> {
          library.access().check(member, organisation, Permission.VIEW_MEMBERS);
          return 1;
        },
        this::checkByKey)));
    list.add(new Operation("an account's organisations", calls(
        () -> rows(keycloak.get("/admin/realms/" + REALM + "/organizations/members/" + kcMember + "/organizations")),
        () -> library.organisations().of(member, PageRequest.first(PAGE)).items().size(),
        this::organisationsOf)));
    list.add(new Operation("add a member: Keycloak POST members / library invite + accept", calls(
        () -> {
          String user = kcNewUsers.pop();
          int status = keycloak.post(members, "\"" + user + "\"", Duration.ofSeconds(60));
          if (status != 201) {
            throw new IllegalStateException("Keycloak add member: HTTP " + status);
          }
          kcAdded.add(user);
          return status;
        },
        () -> {
          AccountId account = inviteAccounts.pop();
          step("invite", () -> library.invitations().invite(owner, organisation, Invite.of(emails.get(account), Role.MEMBER)));
          return step("accept (after invite)", () -> library.invitations().accept(account, lastInvitationToken).id());
        },
        this::inviteAcceptByHand)));
    list.add(new Operation("add a member: library join request + approve + accept", new LinkedHashMap<>(Map.of(
        Side.LIBRARY, () -> {
          AccountId account = requestAccounts.pop();
          JoinRequest request = (JoinRequest) step("join request", () -> library.joinRequests().request(account, organisation));
          step("approve", () -> library.joinRequests().approve(owner, organisation, request.id()));
          return step("accept (after approve)", () -> library.invitations().accept(account, lastInvitationToken).id());
        }))));
    return list;
  }

  /** The addresses of the seeded accounts outside the organisation, read before the timed calls start. */
  private final Map<AccountId, String> emails = new LinkedHashMap<>();

  /** Wall time of each library call inside the adds, counted rounds only. */
  private final Map<String, Samples> steps = new LinkedHashMap<>();
  private boolean counting;

  private Object step(String name, Call call) throws Exception {
    long start = System.nanoTime();
    Object result = call.run();
    if (counting) {
      steps.computeIfAbsent(name, n -> new Samples()).nanos.add(System.nanoTime() - start);
    }
    return result;
  }

  private static Map<Side, Call> calls(Call keycloak, Call library, Call jdbc) {
    Map<Side, Call> calls = new LinkedHashMap<>();
    calls.put(Side.KEYCLOAK, keycloak);
    calls.put(Side.LIBRARY, library);
    calls.put(Side.JDBC, jdbc);
    return calls;
  }

  private static int rows(String json) {
    int rows = 0;
    for (int i = json.indexOf("\"id\""); i >= 0; i = json.indexOf("\"id\"", i + 1)) {
      rows++;
    }
    return rows;
  }

  private Object keysetPage(String sql, String[] after) throws SQLException {
    return Math.min(RawSqlBenchmark.keysetPage(dataSource, sql, organisation.toString(), after).size(), PAGE);
  }

  private Object checkByKey() throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RawSqlBenchmark.ACCESS)) {
      s.setString(1, organisation.toString());
      s.setString(2, member.toString());
      try (ResultSet r = s.executeQuery()) {
        if (!r.next() || !r.getString(2).equals("ACTIVE")) {
          throw new IllegalStateException("not a member");
        }
        return r.getString(1);
      }
    }
  }

  private Object organisationsOf() throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ORGANISATIONS_OF)) {
      s.setString(1, member.toString());
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
              r.getLong(6)});
        }
      }
      return rows.size();
    }
  }

  /** The least a direct add needs: the membership row and its audit event, one transaction. */
  /**
   * Invite + accept by hand, as a careful hand-written JDBC implementation would do them: the owner's
   * invitation in one transaction (the owner's access, the organisation locked, no member or pending
   * invitation for the address, then the invitation, its audit event, the e-mail in the outbox and the
   * member count), committed; the account's acceptance in a second (the invitation by its token's hash,
   * the organisation locked, not a member yet, the invitation accepted guarded by its version, the
   * membership, its audit event, the owner's notification, the counts), committed. One prepared
   * statement per round trip.
   */
  private Object inviteAcceptByHand() throws SQLException {
    String[] account = jdbcAccounts.pop();
    String o = organisation.toString();
    String invitation = UUID.randomUUID().toString();
    String tokenHash = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    long now = nanos(Instant.now());
    inTransaction(c -> {
      requireRow(query(c, "SELECT role_id, status FROM membership_member WHERE organisation_id = ? AND live_account_id = ?",
          o, owner.toString()), "the owner's access");
      requireRow(query(c, "SELECT status FROM membership_organisation WHERE id = ? FOR UPDATE", o), "the organisation");
      try (PreparedStatement s = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM membership_member WHERE organisation_id = ?"
          + " AND email = ? AND status <> 'REMOVED'), EXISTS (SELECT 1 FROM membership_invitation WHERE organisation_id = ?"
          + " AND pending_email = ?)")) {
        bind(s, o, account[1], o, account[1]);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next() || r.getBoolean(1) || r.getBoolean(2)) {
            throw new IllegalStateException("by hand: already a member or invited");
          }
        }
      }
      update(c, "INSERT INTO membership_invitation (id, organisation_id, email, pending_email, role_id, grant_keys, status,"
          + " token_hash, expires_at, invited_by, join_request_id, send_count, created_at, updated_at, accepted_by, version)"
          + " VALUES (?, ?, ?, ?, 'member', '', 'PENDING', ?, ?, ?, NULL, 1, ?, ?, NULL, 0)",
          invitation, o, account[1], account[1], tokenHash, now + 7 * 86_400_000_000_000L, owner.toString(), now, now);
      update(c, INSERT_AUDIT, UUID.randomUUID().toString(), o, owner.toString(), "INVITATION_SENT", null, account[1], now, "{}");
      update(c, INSERT_OUTBOX, UUID.randomUUID().toString(), "INVITATION", o, account[1], "{}",
          "https://app.test/i/" + tokenHash, now, now, now);
      update(c, "UPDATE membership_member_count SET tally = tally + 1 WHERE organisation_id = ? AND kind = 'INVITED'", o);
    });
    inTransaction(c -> {
      long version;
      try (PreparedStatement s = c.prepareStatement("SELECT id, organisation_id, email, status, expires_at, version"
          + " FROM membership_invitation WHERE token_hash = ?")) {
        bind(s, tokenHash);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next() || !r.getString(4).equals("PENDING")) {
            throw new IllegalStateException("by hand: no pending invitation");
          }
          version = r.getLong(6);
        }
      }
      requireRow(query(c, "SELECT status FROM membership_organisation WHERE id = ? FOR UPDATE", o), "the organisation");
      if (query(c, "SELECT id FROM membership_member WHERE organisation_id = ? AND live_account_id = ?", o, account[0])) {
        throw new IllegalStateException("by hand: already a member");
      }
      if (update(c, "UPDATE membership_invitation SET status = 'ACCEPTED', pending_email = NULL, accepted_by = ?,"
          + " updated_at = ?, version = ? WHERE id = ? AND version = ?", account[0], now, version + 1, invitation, version) != 1) {
        throw new IllegalStateException("by hand: the invitation changed");
      }
      update(c, INSERT_MEMBER, UUID.randomUUID().toString(), o, account[0], account[0], account[1], now, now);
      update(c, INSERT_AUDIT, UUID.randomUUID().toString(), o, account[0], "MEMBER_JOINED", account[0], account[1], now, "{}");
      update(c, INSERT_OUTBOX, UUID.randomUUID().toString(), "MEMBER_JOINED", o, "owner@big.test", "{}", null, now, now, now);
      update(c, "UPDATE membership_member_count SET tally = tally + CASE kind WHEN 'ACTIVE' THEN 1 ELSE -1 END"
          + " WHERE organisation_id = ? AND kind IN ('ACTIVE', 'INVITED')", o);
    });
    return 1;
  }

  private static final String INSERT_OUTBOX = "INSERT INTO membership_outbox (id, notification_type, organisation_id,"
      + " recipient, data, link, created_at, attempts, next_attempt_at, delivered_at, last_error, dead_at, lease_id)"
      // Written as delivered already: the library's background delivery, running in this JVM, must not take these up.
      + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, NULL, NULL)";

  @FunctionalInterface
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Work work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private static void bind(PreparedStatement s, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      s.setObject(i + 1, values[i]);
    }
  }

  /** Whether the query found a row. */
  private static boolean query(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static void requireRow(boolean found, String what) {
    if (!found) {
      throw new IllegalStateException("by hand: " + what + " not found");
    }
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, values);
      return s.executeUpdate();
    }
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }

  /** Every call once, checking what it returns: a wrong endpoint or an empty page fails here, not in the table. */
  private void check(List<Operation> operations) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, email FROM membership_account WHERE email LIKE 'x%'")) {
      while (r.next()) {
        emails.put(AccountId.of(r.getString(1)), r.getString(2));
      }
    }
    for (Operation operation : operations) {
      for (Map.Entry<Side, Call> side : operation.calls().entrySet()) {
        keycloak.refreshTokenIfDue();
        Object result = side.getValue().run();
        if (operation.name().startsWith("member page") && !Integer.valueOf(PAGE).equals(result)) {
          throw new IllegalStateException(side.getKey() + " " + operation.name() + ": " + result + " rows, not " + PAGE);
        }
        if (operation.name().startsWith("an account") && !Integer.valueOf(1).equals(result)) {
          throw new IllegalStateException(side.getKey() + " " + operation.name() + ": " + result + " organisations, not 1");
        }
      }
    }
    System.out.println("checked: every side returns a full page, the member, one organisation, an added member");
  }

  // ---------------------------------------------------------------- measuring

  private Map<String, Map<Side, Samples>> measure(List<Operation> operations) throws Exception {
    // Every side is warmed up first (JIT, caches, pools), then the uncounted rounds below.
    long warm = System.nanoTime();
    for (int i = 0; i < LIBRARY_WARMUP; i++) {
      for (Operation operation : operations) {
        if (!operation.name().startsWith("add")) {
          operation.calls().get(Side.LIBRARY).run();
          operation.calls().get(Side.JDBC).run();
        } else if (i < ADD_WARMUP) {
          for (Side side : List.of(Side.LIBRARY, Side.JDBC)) {
            Call call = operation.calls().get(side);
            if (call != null) {
              call.run();
            }
          }
        }
      }
    }
    long keycloakWarm = System.nanoTime();
    System.out.printf("warmed the library and JDBC up (%,d calls of each read, %d of each add) in %.1f s%n",
        LIBRARY_WARMUP, ADD_WARMUP, (keycloakWarm - warm) / 1e9);
    for (Operation operation : operations) {
      Call call = operation.calls().get(Side.KEYCLOAK);
      if (call == null || operation.name().startsWith("add")) {
        continue;
      }
      int calls = operation.name().startsWith("member page") ? KEYCLOAK_PAGE_WARMUP : KEYCLOAK_WARMUP;
      for (int i = 0; i < calls; i++) {
        keycloak.refreshTokenIfDue();
        call.run();
      }
    }
    // Adds on users that are removed again (untimed), so they can be added in the counted rounds.
    String members = "/admin/realms/" + REALM + "/organizations/" + kcOrganisation + "/members";
    List<String> reused = new ArrayList<>();
    for (int i = 0; i < ADD_WARMUP; i++) {
      keycloak.refreshTokenIfDue();
      String user = kcNewUsers.pollLast();
      if (keycloak.post(members, "\"" + user + "\"", Duration.ofSeconds(60)) != 201) {
        throw new IllegalStateException("Keycloak add member failed while warming up");
      }
      keycloak.delete(members + "/" + user);
      reused.add(user);
    }
    kcNewUsers.addAll(reused);
    System.out.printf("warmed Keycloak up (%d calls of each page, %,d of each other read, %d adds, each removed again)"
        + " in %.1f s%n", KEYCLOAK_PAGE_WARMUP, KEYCLOAK_WARMUP, ADD_WARMUP, (System.nanoTime() - keycloakWarm) / 1e9);
    Map<String, Map<Side, Samples>> results = new LinkedHashMap<>();
    for (Operation operation : operations) {
      Map<Side, Samples> sides = new LinkedHashMap<>();
      for (Side side : operation.calls().keySet()) {
        sides.put(side, new Samples());
      }
      results.put(operation.name(), sides);
    }
    Side[] order = Side.values();
    for (int round = 0; round < warmup + rounds; round++) {
      boolean counted = round >= warmup;
      counting = counted;
      long roundStart = System.nanoTime();
      for (Operation operation : operations) {
        for (int k = 0; k < order.length; k++) {
          Side side = order[(k + round) % order.length];
          Call call = operation.calls().get(side);
          if (call == null) {
            continue;
          }
          Samples samples = results.get(operation.name()).get(side);
          long ticks = side == Side.KEYCLOAK && server != null ? server.cpuTicks() : 0;
          for (int i = 0; i < batch; i++) {
            if (side == Side.KEYCLOAK) {
              keycloak.refreshTokenIfDue();
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            call.run();
            long elapsed = System.nanoTime() - start;
            long cpuUsed = threads.getCurrentThreadCpuTime() - cpu;
            long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocated;
            if (counted) {
              samples.nanos.add(elapsed);
              samples.cpu += cpuUsed;
              samples.allocated += allocatedBytes;
              samples.calls++;
            }
          }
          if (counted && side == Side.KEYCLOAK && server != null) {
            samples.serverTicks += server.cpuTicks() - ticks;
          }
        }
      }
      System.out.printf("round %d/%d%s: %.1f s%n", round + 1, warmup + rounds, counted ? "" : " (warm-up, not counted)",
          (System.nanoTime() - roundStart) / 1e9);
    }
    return results;
  }

  // ---------------------------------------------------------------- report

  private String report(List<Operation> operations, Map<String, Map<Side, Samples>> results, String loadBefore,
      String loadAfter) throws IOException {
    StringBuilder out = new StringBuilder();
    Samples kcAdd = results.get(operations.get(5).name()).get(Side.KEYCLOAK);
    out.append(String.format(Locale.ROOT, "Keycloak 26.7.3 (%s) and the library on one PostgreSQL (%s), an organisation of"
            + " %,d members; %d rounds of %d calls per side and operation (after %d uncounted rounds), sides interleaved;"
            + " %s, JDK %s.%nLoad before: %s%nLoad after: %s%n%n", server != null ? server.mode : "already running",
        postgresVersion(), members, rounds, batch, warmup, Instant.now(), System.getProperty("java.version"), loadBefore,
        loadAfter));
    out.append("| operation | Keycloak p50 (p90) | library p50 (p90) | raw JDBC p50 (p90) | Keycloak / library"
        + " | library / raw JDBC | library CPU per call | library allocation per call | Keycloak process CPU per call |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (Operation operation : operations) {
      Map<Side, Samples> sides = results.get(operation.name());
      Samples kc = sides.containsKey(Side.KEYCLOAK) ? sides.get(Side.KEYCLOAK) : kcAdd;
      Samples lib = sides.get(Side.LIBRARY);
      Samples jdbc = sides.get(Side.JDBC);
      out.append("| ").append(operation.name()).append(" | ")
          .append(sides.containsKey(Side.KEYCLOAK) ? timing(kc) : "(the add above: " + ms(kc.percentile(0.5)) + ")")
          .append(" | ").append(timing(lib)).append(" | ").append(jdbc == null ? "-" : timing(jdbc)).append(" | ")
          .append(ratio(kc.percentile(0.5), lib.percentile(0.5))).append(" | ")
          .append(jdbc == null ? "-" : ratio(lib.percentile(0.5), jdbc.percentile(0.5))).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f ms", lib.cpu / 1e6 / lib.calls)).append(" | ")
          .append(String.format(Locale.ROOT, "%,d KB", lib.allocated / 1024 / lib.calls)).append(" | ")
          .append(sides.containsKey(Side.KEYCLOAK) && server != null
              ? String.format(Locale.ROOT, "%.2f ms", kc.serverTicks * 1000.0 / KeycloakServer.TICKS_PER_SECOND / kc.calls)
              : "-")
          .append(" |\n");
    }
    out.append("\nRaw JDBC, CPU and allocation per call on the calling thread: ");
    for (Operation operation : operations) {
      Samples jdbc = results.get(operation.name()).get(Side.JDBC);
      if (jdbc != null) {
        out.append(String.format(Locale.ROOT, "%s %.3f ms, %,d KB; ", operation.name().replaceAll(":.*", ""),
            jdbc.cpu / 1e6 / jdbc.calls, jdbc.allocated / 1024 / jdbc.calls));
      }
    }
    out.append("\n\n");
    out.append(String.format(Locale.ROOT, "Adding a member, single-threaded: Keycloak %.0f/s, library invite + accept %.0f/s,"
            + " library join request + approve + accept %.0f/s (medians).%n%n",
        1e9 / kcAdd.percentile(0.5),
        1e9 / results.get(operations.get(5).name()).get(Side.LIBRARY).percentile(0.5),
        1e9 / results.get(operations.get(6).name()).get(Side.LIBRARY).percentile(0.5)));
    out.append("The library's calls inside the adds, p50 (p90): ");
    for (Map.Entry<String, Samples> step : steps.entrySet()) {
      out.append(step.getKey()).append(' ').append(timing(step.getValue())).append("; ");
    }
    out.append("\n\n");
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    out.append(String.format(Locale.ROOT, "Memory after seeding and all the traffic: the library's JVM (this benchmark: library,"
            + " HikariCP pool, JDBC driver, the HTTP client and the samples) heap after GC %.1f MiB, RSS %.0f MiB"
            + " (max heap %.0f MiB); Keycloak's java process RSS %s.%n",
        heap / 1048576.0, rssKib("self") / 1024.0, Runtime.getRuntime().maxMemory() / 1048576.0,
        server == null ? "not known (not started here)" : String.format(Locale.ROOT, "%.0f MiB (its default heap"
            + " options, -Xms64m -Xmx512m)", rssKib(Long.toString(server.pid())) / 1024.0)));
    return out.toString();
  }

  private static String timing(Samples samples) {
    return ms(samples.percentile(0.5)) + " (" + ms(samples.percentile(0.9)) + ")";
  }

  private static String ms(long nanos) {
    double ms = nanos / 1e6;
    return String.format(Locale.ROOT, ms >= 10 ? "%.1f ms" : ms >= 1 ? "%.2f ms" : "%.3f ms", ms);
  }

  private static String ratio(long a, long b) {
    double r = (double) a / b;
    return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.1fx", r);
  }

  static long rssKib(String pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  private static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return "`uptime`: " + out;
    } catch (IOException | InterruptedException e) {
      return "uptime unknown";
    }
  }

  private String postgresVersion() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW server_version")) {
      r.next();
      return "PostgreSQL " + r.getString(1).replaceAll(" .*", "") + " at " + Databases.PG_HOST;
    } catch (SQLException e) {
      return "PostgreSQL";
    }
  }

  // ---------------------------------------------------------------- databases

  static void createDatabaseIfMissing(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + Databases.PG_HOST + "/postgres",
        Databases.PG_USER, ""); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
        if (r.next()) {
          return;
        }
      }
      s.execute("CREATE DATABASE " + name);
      System.out.println("created database " + name);
    }
  }

  static void vacuumAnalyze(String url) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url, Databases.PG_USER, ""); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
    }
    System.out.printf("VACUUM ANALYZE %s: %.1f s%n", url, (System.nanoTime() - start) / 1e9);
  }

  private void cleanUp() {
    if (keycloak != null && !kcAdded.isEmpty()) {
      // Leaves the realm as seeded, so the next run can reuse it.
      long start = System.nanoTime();
      try {
        for (String user : kcAdded) {
          keycloak.refreshTokenIfDue();
          keycloak.delete("/admin/realms/" + REALM + "/organizations/" + kcOrganisation + "/members/" + user);
        }
        System.out.printf("Keycloak: removed the %d members added, in %.1f s%n", kcAdded.size(),
            (System.nanoTime() - start) / 1e9);
      } catch (Exception e) {
        System.out.println("Keycloak: could not remove the added members (" + e + "); the next run re-seeds the realm");
      }
    }
    if (server != null) {
      server.stop();
    }
    if (database != null) {
      database.close();
      Databases.drop("postgresql", SCHEMA);
    }
  }

  // ---------------------------------------------------------------- Keycloak process and admin API

  /** A Keycloak started from its distribution, on loopback, against the local PostgreSQL. */
  static final class KeycloakServer {
    static final long TICKS_PER_SECOND = 100;
    private final Process process;
    final String mode;

    private KeycloakServer(Process process, String mode) {
      this.process = process;
      this.mode = mode;
    }

    static String defaultHome() {
      Path unpacked = Path.of("benchmarks/target/keycloak");
      try (var dirs = Files.list(unpacked)) {
        return dirs.filter(p -> p.getFileName().toString().startsWith("keycloak-")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no Keycloak in " + unpacked.toAbsolutePath())).toString();
      } catch (IOException e) {
        throw new IllegalStateException("no Keycloak unpacked in " + unpacked.toAbsolutePath()
            + ": build with ./mvnw -B -pl benchmarks -am -DskipTests -Pkeycloak package, or pass -Dkeycloak.home=...", e);
      }
    }

    static KeycloakServer start(Path home, int port, boolean dev) throws Exception {
      List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
      if (dev) {
        command.add("start-dev");
      } else {
        command.addAll(List.of("start", "--http-enabled=true", "--hostname-strict=false", "--cache=local"));
      }
      command.addAll(List.of("--http-host=127.0.0.1", "--http-port=" + port, "--db=postgres",
          "--db-url=jdbc:postgresql://" + Databases.PG_HOST + "/" + KC_DATABASE, "--db-username=" + Databases.PG_USER));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
      builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
      Path log = home.resolve("keycloak-bench.log");
      builder.redirectErrorStream(true).redirectOutput(log.toFile());
      long start = System.nanoTime();
      System.out.println("Keycloak: " + String.join(" ", command) + "  (log: " + log + ")");
      Process process = builder.start();
      KeycloakServer server = new KeycloakServer(process, dev ? "kc.sh start-dev" : "kc.sh start, cache local");
      HttpClient http = HttpClient.newHttpClient();
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Keycloak stopped while starting (exit " + process.exitValue() + "); see " + log);
        }
        try {
          HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/realms/master"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          server.stop();
          throw new IllegalStateException("Keycloak did not answer within 5 minutes; see " + log);
        }
        Thread.sleep(500);
      }
      System.out.printf("Keycloak: up in %.1f s, pid %d, RSS %.0f MiB%n", (System.nanoTime() - start) / 1e9,
          server.pid(), rssKib(Long.toString(server.pid())) / 1024.0);
      return server;
    }

    /**
     * Keycloak's JVM: kc.sh runs java as its child (and only execs it, keeping its own pid, when Keycloak
     * asks to be relaunched after re-augmenting).
     */
    long pid() {
      return process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst()
          .map(ProcessHandle::pid).orElse(process.pid());
    }

    /** User + system CPU of Keycloak's JVM so far, in clock ticks ({@code /proc/<pid>/stat}). */
    long cpuTicks() {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      } catch (IOException | RuntimeException e) {
        return 0;
      }
    }

    void stop() {
      process.destroy();
      try {
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
        System.out.println("Keycloak: stopped");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Keycloak's admin REST API over one HTTP/1.1 client, with a master-realm admin token renewed before it expires. */
  static final class KeycloakAdmin {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String user;
    private final String password;
    private volatile String token;
    private long renewAt;

    KeycloakAdmin(String url, String user, String password) throws Exception {
      this.url = url;
      this.user = user;
      this.password = password;
      refreshTokenIfDue();
    }

    /** Takes a new token when the current one has less than a third of its life (60 s by default) left. */
    synchronized void refreshTokenIfDue() throws IOException, InterruptedException {
      if (token != null && System.nanoTime() < renewAt) {
        return;
      }
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + user
              + "&password=" + password)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("Keycloak token: HTTP " + r.statusCode());
      }
      Matcher access = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
      Matcher expires = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)").matcher(r.body());
      if (!access.find() || !expires.find()) {
        throw new IllegalStateException("Keycloak token: no access_token in the answer");
      }
      token = access.group(1);
      renewAt = System.nanoTime() + Duration.ofSeconds(Long.parseLong(expires.group(1))).toNanos() * 2 / 3;
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofSeconds(60));
    }

    String get(String path) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.body();
    }

    int status(String path) throws IOException, InterruptedException {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    int post(String path, String json, Duration timeout) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request(path).timeout(timeout).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        System.out.println("POST " + path + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.statusCode();
    }

    String postForBody(String path, String json) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request(path).timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("POST " + path + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return r.body();
    }

    void delete(String path) throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request(path).timeout(Duration.ofMinutes(10)).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300 && r.statusCode() != 404) {
        throw new IllegalStateException("DELETE " + path + ": HTTP " + r.statusCode() + " " + r.body());
      }
    }

    /** The values of every string field {@code name} in a JSON answer, in order. */
    static List<String> values(String json, String name) {
      List<String> values = new ArrayList<>();
      Matcher m = FIELD.matcher(json);
      while (m.find()) {
        if (m.group(1).equals(name)) {
          values.add(m.group(2));
        }
      }
      return values;
    }
  }
}
