package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.OrganisationId;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary strings (all of Unicode: controls, NULs, unpaired surrogates, noncharacters, text that
 * grows when lower-cased or normalised, thousands of characters) at every text input of every
 * command, on the in-memory store, H2, PostgreSQL and MariaDB at once. The only outcomes allowed are
 * success or a {@link MembershipException}, and every store must give the same outcome: the same
 * error code and fields, or success with the same answer.
 *
 * <p>Each store is one migrated database for the whole class, and each try runs the same commands on
 * every store in the same order, so their states stay alike. The clock moves a day on at each try,
 * so daily caps and cooldowns never decide the outcome.
 */
class TextInputPropertiesTest {
  private static final int TRIES = 200;
  private static final List<World> WORLDS = new ArrayList<>();
  private static final List<TestDatabase> DATABASES = new ArrayList<>();
  private static int counter;

  @BeforeContainer
  static void openStores() {
    WORLDS.add(new World("in-memory", TestMembership.on(new InMemoryMembershipStore())));
    for (DatabaseKind kind : DatabaseKind.values()) {
      TestDatabase database = TestDatabase.migrated(kind);
      DATABASES.add(database);
      WORLDS.add(new World(kind.name(), TestMembership.on(JooqMembershipStore.create(database.dataSource()))));
    }
  }

  @AfterContainer
  static void closeStores() {
    DATABASES.forEach(TestDatabase::close);
    DATABASES.clear();
    WORLDS.clear();
  }

  @Property(tries = TRIES)
  void organisation_names_are_stored_or_refused_alike_everywhere(@ForAll("text") String name) {
    sameEverywhere("create an organisation", name, w -> ok(w.membership().organisations().create(w.owner, name).name()));
    sameEverywhere("rename an organisation", name,
        w -> ok(w.membership().organisations().rename(w.owner, w.organisation, name).name()));
    sameEverywhere("search organisations", name,
        w -> ok(w.membership().organisations().search(name, PageRequest.first(5)).items().size()));
  }

  @Property(tries = TRIES)
  void role_names_are_stored_or_refused_alike_everywhere(@ForAll("text") String name) {
    sameEverywhere("create a role", name, w -> ok(w.membership().roles()
        .create(w.owner, w.organisation, RoleDefinition.of(name, Permission.VIEW_MEMBERS)).name()));
    sameEverywhere("rename a role", name, w -> ok(w.membership().roles()
        .update(w.owner, w.organisation, w.role, RoleDefinition.of(name, Permission.VIEW_MEMBERS)).name()));
  }

  @Property(tries = TRIES)
  void display_names_are_stored_or_refused_alike_everywhere(@ForAll("text") String name) {
    String n = Integer.toString(next());
    sameEverywhere("sign up and verify the address", name, w -> {
      w.membership().accounts().register(Registration.of("r" + n + "@people.test", name, TestMembership.PASSWORD));
      return ok(w.membership().accounts().verifyEmail(w.kit.verificationTokenTo("r" + n + "@people.test"),
          dev.membership.domain.Password.of(TestMembership.PASSWORD)).displayName());
    });
    sameEverywhere("create a member directly", name, w -> ok(w.membership().members().createDirectly(w.owner,
        w.organisation, NewAccount.generatedPassword("c" + n + "@people.test", name, Role.MEMBER)).account().displayName()));
    sameEverywhere("accept an invitation as a new person", name, w -> {
      w.membership().invitations().invite(w.owner, w.organisation, Invite.of("i" + n + "@people.test", Role.MEMBER));
      String token = w.kit.invitationTokenTo("i" + n + "@people.test");
      return ok(w.membership().invitations()
          .acceptAsNewAccount(token, NewMemberDetails.of(name, TestMembership.PASSWORD)).account().displayName());
    });
  }

  @Property(tries = TRIES)
  void entitlement_names_and_join_messages_are_stored_or_refused_alike_everywhere(@ForAll("text") String text) {
    String n = Integer.toString(next());
    sameEverywhere("define an entitlement", text, w -> ok(w.membership().entitlements()
        .define(w.owner, w.organisation, EntitlementDefinition.of("e" + n, text)).name()));
    sameEverywhere("ask to join with a message", text, w -> {
      w.kit.clock().advance(Duration.ofDays(2)); // past the cooldown and the daily cap
      JoinRequest request = w.membership().joinRequests().request(w.requester, w.organisation, Optional.of(text));
      w.membership().joinRequests().withdraw(w.requester, request.id());
      return ok(request.message().orElse(""));
    });
  }

  @Property(tries = TRIES)
  void search_texts_and_cursors_are_answered_alike_everywhere(@ForAll("text") String text) {
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
  }

  @Property(tries = TRIES)
  void addresses_and_tokens_are_answered_alike_everywhere(@ForAll("text") String text) {
    sameEverywhere("invite an address", text, w -> {
      w.kit.clock().advance(Duration.ofDays(2));
      return ok(w.membership().invitations().invite(w.owner, w.organisation, Invite.of(text, Role.MEMBER)).email().value());
    });
    sameEverywhere("register an address", text, w -> ok(w.membership().accounts()
        .register(Registration.of(text, "Someone", TestMembership.PASSWORD)).email().value()));
    sameEverywhere("verify an address with a link", text, w -> ok(w.membership().accounts()
        .verifyEmail(text, dev.membership.domain.Password.of(TestMembership.PASSWORD)).email().value()));
    sameEverywhere("find an account by address", text,
        w -> ok(w.membership().accounts().findByEmail(text).map(a -> a.email().value()).orElse("none")));
    sameEverywhere("sign in", text, w -> ok(w.membership().accounts()
        .signIn(text, dev.membership.domain.Password.of("not the password at all")).getClass().getSimpleName()));
    sameEverywhere("preview an invitation", text, w -> ok(w.membership().invitations().preview(text).isPresent()));
    sameEverywhere("accept an invitation", text, w -> ok(w.membership().invitations().accept(w.requester, text).status()));
  }

  // ---- the strings

  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(120);
    Arbitrary<String> anyCodePoints = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
        .map(Character::toString).list().ofMaxSize(40).map(parts -> String.join("", parts));
    Arbitrary<String> tricky = Arbitraries.of(TRICKY).list().ofMaxSize(30).map(parts -> String.join("", parts));
    Arbitrary<String> plainNames = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', 'A', 'B', 'O')
        .ofMinLength(1).ofMaxLength(40);
    Arbitrary<String> plainAddresses = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20)
        .map(local -> local + "@people.test");
    Arbitrary<String> longOnes = Arbitraries.of(TRICKY).flatMap(piece -> Arbitraries.integers().between(90, 1100)
        .map(piece::repeat));
    Arbitrary<String> growing = Arbitraries.of("\u0130", "\u0958", "\u0001", "e\u0301", "\u00df", "\ufb03", "\u0390")
        .flatMap(piece -> Arbitraries.of(49, 50, 51, 99, 100, 101, 199, 200, 201, 254, 255, 999, 1000, 1001)
            .map(piece::repeat));
    Arbitrary<String> mixed = Arbitraries.of(TRICKY).tuple2()
        .flatMap(pair -> plainNames.map(name -> pair.get1() + name + pair.get2()));
    return Arbitraries.frequencyOf(
        Tuple.of(3, anyChars), Tuple.of(3, anyCodePoints), Tuple.of(2, tricky), Tuple.of(3, plainNames),
        Tuple.of(1, plainAddresses), Tuple.of(1, longOnes), Tuple.of(2, growing), Tuple.of(2, mixed));
  }

  private static final List<String> TRICKY = List.of("\u0000", "\u0001", "\u0007", "\u001f", "\u007f", "\u0085",
      "\u0009", "\n", "\r", "\u2028", "\u200b", "\u200d", "\u00ad", "\ufeff", "\u202e", "\u2066", "\u061c", "\ufe0f",
      "\ud800", "\udfff", "\ud83d\ude00", "\ud835\udc9c", "\ufdd0", "\uffff", "\ue000", "\u0378", "\u3164", "\u0130",
      "\u0958", "e\u0301", "\u041e", "0", "O", "o", "l", "I", "%", "_", "!", "\\", "'", "\"", "@", ".", " ", "\u00a0",
      "\u3000", "\ud83d", "\ude00", "\u0301", "\u00e9", "\u03a3", "\u00df", "a", "Z");

  // ---- running the same command on every store

  private record Outcome(String what) {}

  private static Outcome ok(Object answer) {
    return new Outcome("ok: " + answer);
  }

  private static void sameEverywhere(String command, String input, Function<World, Outcome> run) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    for (World world : WORLDS) {
      outcomes.put(world.name, outcomeOf(world, run));
    }
    assertThat(outcomes.values()).as("%s with %s", command, visible(input))
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

  private static synchronized int next() {
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

    dev.membership.Membership membership() {
      return kit.membership();
    }
  }
}
