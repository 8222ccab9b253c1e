package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Arbitrary strings (all of Unicode: controls, NULs, unpaired surrogates, noncharacters, text that
 * grows when lower-cased or normalised, thousands of characters) at every text input of every
 * command, on the in-memory store, H2, PostgreSQL and MariaDB at once. The only outcomes allowed are
 * success or a {@link MembershipException}, and every store must give the same outcome: the same
 * error code and fields, or success with the same answer.
 *
 * <p>The properties run on QuickTheories inside plain Jupiter tests: each test tries {@value #TRIES}
 * strings and, when one fails, shrinks it to a smaller string that still fails. Each database is
 * migrated once for the class and emptied before each test (the in-memory store is made afresh), and
 * each try runs the same commands on every store in the same order, so their states stay alike. The
 * clock moves a day on at each try, so daily caps and cooldowns never decide the outcome. Once stores
 * have disagreed their rows may differ too, so some of the other values a failure lists can fail for
 * that reason alone: the message of the smallest one names the command and every store's outcome.
 *
 * <p>A failure ends with {@code Seed was <n>}. Each test starts from empty stores and draws every
 * string from that seed, so running that one test again with the seed replays the same strings in the
 * same order:
 *
 * <pre>{@code
 * CI=true ./mvnw -q -pl membership-jooq -am verify -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest='TextInputPropertiesTest#role_names_are_stored_or_refused_alike_everywhere' -DQT_SEED=<n>
 * }</pre>
 *
 * (QuickTheories reads the system property {@code QT_SEED}; surefire passes {@code -D} properties on
 * to the tests. Without it every run draws from a new seed.)
 */
class TextInputPropertiesTest {
  private static final int TRIES = 200;
  /** Each shrinking step runs every command on four stores: bounded, so a failure reports in minutes. */
  private static final int SHRINK_CYCLES = 400;
  private static final List<TestDatabase> DATABASES = new ArrayList<>();
  private final List<World> worlds = new ArrayList<>();
  private int counter;

  @BeforeAll
  static void openDatabases() {
    for (DatabaseKind kind : DatabaseKind.values()) {
      DATABASES.add(TestDatabase.migrated(kind));
    }
  }

  @AfterAll
  static void closeDatabases() {
    DATABASES.forEach(TestDatabase::close);
    DATABASES.clear();
  }

  /** Every test starts from empty stores, so that its seed alone decides what it does. */
  @BeforeEach
  void openStores() {
    worlds.add(new World("in-memory", TestMembership.on(new InMemoryMembershipStore())));
    for (TestDatabase database : DATABASES) {
      database.truncate();
      worlds.add(new World(database.kind().name(), TestMembership.on(JooqMembershipStore.create(database.dataSource()))));
    }
  }

  @Test
  void organisation_names_are_stored_or_refused_alike_everywhere() {
    forEveryText(name -> {
      sameEverywhere("create an organisation", name, w -> ok(w.membership().organisations().create(w.owner, name).name()));
      sameEverywhere("rename an organisation", name,
          w -> ok(w.membership().organisations().rename(w.owner, w.organisation, name).name()));
      sameEverywhere("search organisations", name,
          w -> ok(w.membership().organisations().search(name, PageRequest.first(5)).items().size()));
    });
  }

  @Test
  void role_names_are_stored_or_refused_alike_everywhere() {
    forEveryText(name -> {
      sameEverywhere("create a role", name, w -> ok(w.membership().roles()
          .create(w.owner, w.organisation, RoleDefinition.of(name, Permission.VIEW_MEMBERS)).name()));
      sameEverywhere("rename a role", name, w -> ok(w.membership().roles()
          .update(w.owner, w.organisation, w.role, RoleDefinition.of(name, Permission.VIEW_MEMBERS)).name()));
    });
  }

  @Test
  void display_names_are_stored_or_refused_alike_everywhere() {
    forEveryText(name -> {
      String n = Integer.toString(next());
      sameEverywhere("sign up and verify the address", name, w -> {
        w.membership().accounts().register(Registration.of("r" + n + "@people.test", name, TestMembership.PASSWORD));
        return ok(w.membership().accounts().verifyEmail(w.kit.verificationTokenTo("r" + n + "@people.test"),
            Password.of(TestMembership.PASSWORD)).displayName());
      });
      sameEverywhere("create a member directly", name, w -> ok(w.membership().members().createDirectly(w.owner,
          w.organisation, NewAccount.generatedPassword("c" + n + "@people.test", name, Role.MEMBER)).account().displayName()));
      sameEverywhere("accept an invitation as a new person", name, w -> {
        w.membership().invitations().invite(w.owner, w.organisation, Invite.of("i" + n + "@people.test", Role.MEMBER));
        String token = w.kit.invitationTokenTo("i" + n + "@people.test");
        return ok(w.membership().invitations()
            .acceptAsNewAccount(token, NewMemberDetails.of(name, TestMembership.PASSWORD)).account().displayName());
      });
    });
  }

  @Test
  void entitlement_names_and_join_messages_are_stored_or_refused_alike_everywhere() {
    forEveryText(text -> {
      String n = Integer.toString(next());
      sameEverywhere("define an entitlement", text, w -> ok(w.membership().entitlements()
          .define(w.owner, w.organisation, EntitlementDefinition.of("e" + n, text)).name()));
      sameEverywhere("ask to join with a message", text, w -> {
        w.kit.clock().advance(Duration.ofDays(2)); // past the cooldown and the daily cap
        JoinRequest request = w.membership().joinRequests().request(w.requester, w.organisation, Optional.of(text));
        w.membership().joinRequests().withdraw(w.requester, request.id());
        return ok(request.message().orElse(""));
      });
    });
  }

  @Test
  void search_texts_and_cursors_are_answered_alike_everywhere() {
    forEveryText(text -> {
      sameEverywhere("search organisations", text,
          w -> ok(w.membership().organisations().search(text, PageRequest.first(5)).items().size()));
      sameEverywhere("search members", text, w -> ok(w.membership().members()
          .list(w.owner, w.organisation, MemberQuery.all().withText(text)).items().size()));
      sameEverywhere("search members with their actions", text, w -> ok(w.membership().members()
          .listWithActions(w.owner, w.organisation, MemberQuery.all().withText(text)).items().size()));
      sameEverywhere("page with a cursor", text,
          w -> ok(w.membership().organisations().search("", PageRequest.first(5).after(text)).items().size()));
      sameEverywhere("page my organisations with a cursor", text,
          w -> ok(w.membership().organisations().of(w.owner, PageRequest.first(5).after(text)).items().size()));
      sameEverywhere("page the members with a cursor", text, w -> ok(w.membership().members()
          .list(w.owner, w.organisation, MemberQuery.all().withPage(PageRequest.first(5).after(text))).items().size()));
    });
  }

  @Test
  void addresses_and_tokens_are_answered_alike_everywhere() {
    forEveryText(text -> {
      sameEverywhere("invite an address", text, w -> {
        w.kit.clock().advance(Duration.ofDays(2));
        return ok(w.membership().invitations().invite(w.owner, w.organisation, Invite.of(text, Role.MEMBER)).email().value());
      });
      sameEverywhere("register an address", text, w -> ok(w.membership().accounts()
          .register(Registration.of(text, "Someone", TestMembership.PASSWORD)).email().value()));
      sameEverywhere("verify an address with a link", text, w -> ok(w.membership().accounts()
          .verifyEmail(text, Password.of(TestMembership.PASSWORD)).email().value()));
      sameEverywhere("find an account by address", text,
          w -> ok(w.membership().accounts().findByEmail(text).map(a -> a.email().value()).orElse("none")));
      sameEverywhere("sign in", text, w -> ok(w.membership().accounts()
          .signIn(text, Password.of("not the password at all")).getClass().getSimpleName()));
      sameEverywhere("preview an invitation", text, w -> ok(w.membership().invitations().preview(text).isPresent()));
      sameEverywhere("accept an invitation", text, w -> ok(w.membership().invitations().accept(w.requester, text).status()));
    });
  }

  /** Runs {@code property} for {@value #TRIES} strings of {@link #text()}, shrinking the first that fails. */
  private static void forEveryText(Consumer<String> property) {
    qt().withExamples(TRIES).withShrinkCycles(SHRINK_CYCLES).forAll(text()).checkAssert(property);
  }

  // ---- the strings

  /**
   * The strings, composed from QuickTheories' primitives (integer ranges, picks, lists, frequency).
   * Its own string generators draw only assigned code points, so the kinds of string below build every
   * code unit and code point themselves. Shrinking moves towards the first kind (plain names), shorter
   * strings and plain characters ({@code a}), so a failure shrinks to the character at fault.
   */
  private static Gen<String> text() {
    // Any UTF-16 code unit: lone surrogates, noncharacters, U+FFFF.
    Gen<String> anyChars = joined(Generate.range(Character.MIN_VALUE, Character.MAX_VALUE, 'a')
        .map(c -> Character.toString((char) c.intValue())), 0, 120);
    // Any code point, assigned or not, surrogate code points included.
    Gen<String> anyCodePoints = joined(Generate.range(Character.MIN_CODE_POINT, Character.MAX_CODE_POINT, 'a')
        .map(Character::toString), 0, 40);
    Gen<String> tricky = joined(Generate.pick(TRICKY), 0, 30);
    Gen<String> plainNames = joined(Generate.pick(PLAIN_NAME_CHARS), 1, 40);
    Gen<String> plainAddresses = joined(Generate.pick(LETTERS), 1, 20).map(local -> local + "@people.test");
    Gen<String> longOnes = Generate.pick(TRICKY).zip(Generate.range(90, 1100), String::repeat);
    Gen<String> growing = Generate.pick(GROWING).zip(Generate.pick(GROWING_COUNTS), String::repeat);
    Gen<String> mixed = Generate.pick(TRICKY).zip(plainNames, Generate.pick(TRICKY),
        (before, name, after) -> before + name + after);
    return Generate.frequency(
            Pair.of(3, plainNames), Pair.of(3, anyChars), Pair.of(3, anyCodePoints), Pair.of(2, tricky),
            Pair.of(1, plainAddresses), Pair.of(1, longOnes), Pair.of(2, growing), Pair.of(2, mixed))
        .describedAs(TextInputPropertiesTest::visible);
  }

  /**
   * Between {@code min} and {@code max} pieces, joined; half of the time at most four more than
   * {@code min}, because one odd character among plain ones says more than thirty odd ones together,
   * where the first refused one hides the rest.
   */
  private static Gen<String> joined(Gen<String> pieces, int min, int max) {
    Gen<Integer> sizes = Generate.frequency(
        Pair.of(1, Generate.range(min, Math.min(max, min + 4))), Pair.of(1, Generate.range(min, max)));
    return lists().of(pieces).ofSizes(sizes).map(parts -> String.join("", parts));
  }

  /** The characters the stores and the validation treat specially. The first one is what shrinking aims at. */
  private static final List<String> TRICKY = List.of("a", "\u0000", "\u0001", "\u0007", "\u001f", "\u007f", "\u0085",
      "\u0009", "\n", "\r", "\u2028", "\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u061c", "\ufe0f",
      "\ud800", "\udfff", "\ud83d\ude00", "\ud835\udc9c", "\ufdd0", "\uffff", "\ue000", "\u0378", "\u3164", "\u0130",
      "\u0958", "e\u0301", "\u041e", "0", "O", "o", "l", "I", "%", "_", "!", "\\", "'", "\"", "@", ".", " ", "\u00a0",
      "\u3000", "\ud83d", "\ude00", "\u0301", "\u00e9", "\u03a3", "\u00df", "Z");

  /** Text that grows when lower-cased, normalised or escaped, repeated to just under, at and over each limit. */
  private static final List<String> GROWING = List.of("\u0130", "\u0958", "\u0001", "e\u0301", "\u00df", "\ufb03",
      "\u0390");
  private static final List<Integer> GROWING_COUNTS = List.of(49, 50, 51, 99, 100, 101, 199, 200, 201, 254, 255, 999,
      1000, 1001);

  private static final List<String> LETTERS = "abcdefghijklmnopqrstuvwxyz".chars().mapToObj(Character::toString).toList();
  private static final List<String> PLAIN_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz ABO".chars()
      .mapToObj(Character::toString).toList();

  // ---- running the same command on every store

  private record Outcome(String what) {}

  private static Outcome ok(Object answer) {
    return new Outcome("ok: " + answer);
  }

  private void sameEverywhere(String command, String input, Function<World, Outcome> run) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (World world : worlds) {
      outcomes.put(world.name, outcomeOf(world, run));
    }
    assertThat(outcomes.values()).as("%s with %s: %s", command, visible(input), outcomes)
        .allSatisfy(o -> assertThat(o.what()).doesNotStartWith("unexpected"));
    assertThat(outcomes.values().stream().distinct().count()).as("%s with %s: %s", command, visible(input), outcomes)
        .isEqualTo(1);
  }

  private static Outcome outcomeOf(World world, Function<World, Outcome> run) {
    try {
      return run.apply(world);
    } catch (MembershipException e) {
      return new Outcome(e.code() + " " + e.fields().stream()
          .map(FieldViolation::field).collect(Collectors.joining(",")) + " " + e.fields().stream()
          .map(FieldViolation::code).collect(Collectors.joining(",")));
    } catch (RuntimeException | Error e) {
      return new Outcome("unexpected " + e);
    }
  }

  /** The input with every character outside printable ASCII as U+XXXX, for a readable failure. */
  private static String visible(String text) {
    String shown = text.chars().limit(300)
        .mapToObj(c -> c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c))
        .collect(Collectors.joining());
    return "\"" + shown + "\" (" + text.length() + " chars)";
  }

  private int next() {
    return ++counter;
  }

  /** One store with an organisation, its owner, a custom role and an account that asks to join. */
  private static final class World {
    final String name;
    final TestMembership kit;
    final AccountId owner;
    final AccountId requester;
    final OrganisationId organisation;
    final RoleId role;

    World(String name, TestMembership kit) {
      this.name = name;
      this.kit = kit;
      this.owner = kit.account("owner@acme.test");
      this.requester = kit.account("asker@elsewhere.test");
      this.organisation = kit.membership().organisations().create(owner, "Acme").id();
      this.role = kit.membership().roles()
          .create(owner, organisation, RoleDefinition.of("Base role", Permission.VIEW_MEMBERS)).id();
    }

    dev.membership.Memberships membership() {
      return kit.membership();
    }
  }
}
