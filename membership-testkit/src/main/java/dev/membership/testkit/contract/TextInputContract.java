package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.membership.BulkInvitationResult;
import dev.membership.command.BulkInvite;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.Cursor;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: text people type (names that lie, and no raw database error on input that validation
 * accepts). Names are NFC-normalised and refuse control, bidi and invisible characters;
 * role names compare by confusable-aware keys; cursors page over any stored text; and every input
 * the rules accept fits every store, which all answer alike.
 */
public abstract class TextInputContract extends StoreContractSupport {
  private static final String CYRILLIC_CAPITAL_O = "\u041e";
  private static final String CYRILLIC_CAPITAL_EM = "\u041c";
  private static final String CYRILLIC_CAPITAL_VE = "\u0412";
  private static final String ZERO_WIDTH_SPACE = "\u200b";
  private static final String SOFT_HYPHEN = "\u00ad";
  private static final String RIGHT_TO_LEFT_OVERRIDE = "\u202e";
  private static final String DOTTED_CAPITAL_I = "\u0130";
  private static final String OLD_CURSOR_SEPARATOR = "\u001f";

  // ---- role names that pose as others (2.8)

  @Test
  void a_role_named_owner_with_a_cyrillic_o_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    roleNameTaken(() -> createRole(acme, CYRILLIC_CAPITAL_O + "wner"));

    assertThat(customRoleNames(acme)).isEmpty();
  }

  @Test
  void a_role_named_owner_with_a_zero_width_space_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "invisible_character", () -> createRole(acme, "Ow" + ZERO_WIDTH_SPACE + "ner"));

    assertThat(customRoleNames(acme)).isEmpty();
  }

  @Test
  void a_role_named_owner_with_a_soft_hyphen_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "invisible_character", () -> createRole(acme, "Ow" + SOFT_HYPHEN + "ner"));
  }

  @Test
  void a_role_named_with_a_right_to_left_override_that_displays_as_owner_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "bidi_control", () -> createRole(acme, RIGHT_TO_LEFT_OVERRIDE + "renwO"));
  }

  @Test
  void a_role_that_looks_like_a_built_in_role_through_digits_capitals_or_other_scripts_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    for (String lookalike : List.of("0wner", "OWNER", "owner", CYRILLIC_CAPITAL_EM + "ember", "ADMlN", "AdmIn",
        "\uff2fwner" /* fullwidth O */, "\u039fwner" /* Greek Omicron */)) {
      roleNameTaken(() -> createRole(acme, lookalike));
    }
    assertThat(customRoleNames(acme)).isEmpty();
  }

  @Test
  void a_custom_role_that_looks_like_another_custom_role_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    createRole(acme, "Billing");

    roleNameTaken(() -> createRole(acme, CYRILLIC_CAPITAL_VE + "illing"));
    roleNameTaken(() -> createRole(acme, "BiIIing"));
    roleNameTaken(() -> createRole(acme, "BILLING"));

    assertThat(customRoleNames(acme)).containsExactly("Billing");
  }

  @Test
  void renaming_a_role_to_a_look_alike_of_another_role_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    createRole(acme, "Billing");
    Role support = createRole(acme, "Support");

    roleNameTaken(() -> membership().roles().update(acme.owner(), acme.id(), support.id(),
        RoleDefinition.of(CYRILLIC_CAPITAL_VE + "illing", Permission.VIEW_MEMBERS)));
    roleNameTaken(() -> membership().roles().update(acme.owner(), acme.id(), support.id(),
        RoleDefinition.of(CYRILLIC_CAPITAL_O + "wner", Permission.VIEW_MEMBERS)));

    assertThat(customRoleNames(acme)).containsExactly("Billing", "Support");
  }

  @Test
  void a_role_may_be_renamed_to_another_spelling_of_its_own_name() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Role billing = createRole(acme, "Billing");

    Role renamed = membership().roles().update(acme.owner(), acme.id(), billing.id(),
        RoleDefinition.of("BILLING", Permission.VIEW_MEMBERS));

    assertThat(renamed.name()).isEqualTo("BILLING");
    assertThat(customRoleNames(acme)).containsExactly("BILLING");
  }

  @Test
  void a_role_name_typed_decomposed_is_stored_composed_and_is_the_same_name_as_the_composed_one() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    Role cafe = createRole(acme, "Cafe\u0301");

    assertThat(cafe.name()).isEqualTo("Caf\u00e9");
    roleNameTaken(() -> createRole(acme, "CAF\u00c9"));
    assertThat(customRoleNames(acme)).containsExactly("Caf\u00e9");
  }

  @Test
  void two_organisations_may_each_have_a_role_that_looks_like_the_other() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationFixture globex = kit().organisation("Globex").create();

    createRole(acme, "Billing");
    createRole(globex, CYRILLIC_CAPITAL_VE + "illing");

    assertThat(customRoleNames(globex)).containsExactly(CYRILLIC_CAPITAL_VE + "illing");
  }

  // ---- names with control, bidi and invisible characters (2.8)

  @Test
  void an_organisation_name_with_a_line_break_is_refused() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "line_break", () -> membership().organisations().create(olga, "Acme\r\nInc"));
    refused("name", "line_break", () -> membership().organisations().create(olga, "Acme\u2028Inc"));

    assertThat(membership().organisations().of(olga, PageRequest.first()).items()).isEmpty();
  }

  @Test
  void an_organisation_name_with_a_bell_is_refused() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "control_character", () -> membership().organisations().create(olga, "Acme\u0007"));
  }

  @Test
  void an_organisation_name_with_a_bidi_control_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "bidi_control", () -> membership().organisations().rename(acme.owner(), acme.id(), "Acme\u2067Corp"));

    assertThat(membership().organisations().get(acme.owner(), acme.id()).name()).isEqualTo("Acme");
  }

  @Test
  void an_organisation_name_made_only_of_zero_width_characters_is_refused() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "invisible_character",
        () -> membership().organisations().create(olga, ZERO_WIDTH_SPACE + "\u200c\u200d" + ZERO_WIDTH_SPACE));
    refused("name", "invisible_character", () -> membership().organisations().create(olga, "\u3164")); // Hangul filler
  }

  @Test
  void an_organisation_name_made_only_of_spaces_of_any_kind_is_refused_as_blank() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "not_blank", () -> membership().organisations().create(olga, "\u00a0\u3000\u2003"));
    refused("name", "not_blank", () -> membership().organisations().create(olga, "\ufe0f")); // a variation selector alone
  }

  @Test
  void an_organisation_name_with_emoji_is_kept_as_typed() {
    AccountId olga = kit().account("olga@acme.test");

    Organisation hearts = membership().organisations().create(olga, "Team \u2764\ufe0f \ud83d\ude00");

    assertThat(membership().organisations().get(olga, hearts.id()).name()).isEqualTo("Team \u2764\ufe0f \ud83d\ude00");
  }

  @Test
  void an_organisation_name_typed_decomposed_is_stored_composed_and_found_either_way() {
    AccountId olga = kit().account("olga@acme.test");

    Organisation cafe = membership().organisations().create(olga, "Cafe\u0301 Crème");
    membership().organisations().setDiscoverable(olga, cafe.id(), true);

    assertThat(cafe.name()).isEqualTo("Caf\u00e9 Crème");
    assertThat(membership().organisations().search("cafe\u0301", PageRequest.first()).items())
        .extracting(Organisation::id).containsExactly(cafe.id());
    assertThat(membership().organisations().search("CAF\u00c9", PageRequest.first()).items())
        .extracting(Organisation::id).containsExactly(cafe.id());
  }

  @Test
  void a_display_name_with_a_line_break_a_bell_or_a_bidi_control_is_refused_at_registration() {
    refused("displayName", "line_break",
        () -> membership().accounts().register(Registration.of("ana@acme.test", "Ana\nAdmin", TestMembership.PASSWORD)));
    refused("displayName", "control_character",
        () -> membership().accounts().register(Registration.of("ana@acme.test", "Ana\u0007", TestMembership.PASSWORD)));
    refused("displayName", "bidi_control", () -> membership().accounts()
        .register(Registration.of("ana@acme.test", "Ana" + RIGHT_TO_LEFT_OVERRIDE + "nimdA", TestMembership.PASSWORD)));

    assertThat(membership().accounts().findByEmail("ana@acme.test")).isEmpty();
  }

  @Test
  void a_display_name_made_only_of_zero_width_characters_is_refused_everywhere_a_name_is_given() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    String invisible = ZERO_WIDTH_SPACE + ZERO_WIDTH_SPACE;

    refused("displayName", "invisible_character",
        () -> membership().accounts().register(Registration.of("ana@acme.test", invisible, TestMembership.PASSWORD)));
    refused("displayName", "invisible_character", () -> membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", invisible, Role.MEMBER)));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("cy@acme.test", Role.MEMBER));
    refused("displayName", "invisible_character", () -> membership().invitations()
        .acceptAsNewAccount(kit().invitationTokenTo("cy@acme.test"), NewMemberDetails.of(invisible, TestMembership.PASSWORD)));

    assertThat(membership().accounts().findByEmail("bo@acme.test")).isEmpty();
    assertThat(membership().accounts().findByEmail("cy@acme.test")).isEmpty();
  }

  // ---- addresses nobody receives mail at (RFC 2606 .invalid, where erased accounts' placeholders live)

  @Test
  void an_address_under_the_reserved_invalid_domain_is_refused_wherever_a_person_gives_an_address() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    String imitation = "former-member-0123456789abcdef0123456789abcdef@" + Account.ERASED_DOMAIN;

    for (String address : List.of(imitation, "Ana@Acme.INVALID ", "ana@mail.example.invalid")) {
      refused("email", "valid_email", () -> membership().accounts()
          .register(Registration.of(address, "Former member 012345", TestMembership.PASSWORD), "203.0.113.7"));
      refused("email", "valid_email",
          () -> membership().invitations().invite(acme.owner(), acme.id(), Invite.of(address, Role.MEMBER)));
      refused("email", "valid_email", () -> membership().members().createDirectly(acme.owner(), acme.id(),
          NewAccount.generatedPassword(address, "Former member 012345", Role.MEMBER)));
      BulkInvitationResult bulk = membership().invitations().inviteAll(acme.owner(), acme.id(),
          BulkInvite.each(List.of(Invite.of(address, Role.MEMBER))));
      assertThat(bulk.refused()).singleElement().satisfies(r -> {
        assertThat(r.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(r.fields()).extracting(FieldViolation::field, FieldViolation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("invitations[0].email", "valid_email"));
      });
    }

    // Nothing was written for any of them: no account, no invitation, no e-mail.
    assertThat(membership().accounts().findByEmail(imitation)).isEmpty();
    assertThat(membership().members().counts(acme.owner(), acme.id()).invited()).isZero();
    assertThat(kit().mailbox().deliveredTo(imitation)).isEmpty();
  }

  @Test
  void an_entitlement_name_with_a_control_character_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "control_character", () -> membership().entitlements()
        .define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics\u0000")));

    assertThat(membership().entitlements().list(acme.owner(), acme.id())).isEmpty();
  }

  @Test
  void a_name_with_half_of_a_surrogate_pair_is_refused() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "unpaired_surrogate", () -> membership().organisations().create(olga, "Acme \ud83d"));
    refused("displayName", "unpaired_surrogate",
        () -> membership().accounts().register(Registration.of("ana@acme.test", "Ana \ude00", TestMembership.PASSWORD)));
    assertFieldRefused("email",
        () -> membership().accounts().register(Registration.of("a\ud800na@acme.test", "Ana", TestMembership.PASSWORD)));
  }

  @Test
  void private_use_characters_and_noncharacters_are_refused_in_names() {
    AccountId olga = kit().account("olga@acme.test");

    refused("name", "private_use", () -> membership().organisations().create(olga, "Acme \uf8ff"));
    refused("name", "noncharacter", () -> membership().organisations().create(olga, "Acme \ufdd0"));
  }

  // ---- join-request messages (2.8, 2.9)

  @Test
  void a_join_message_keeps_its_line_breaks() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    AccountId ana = kit().account("ana@acme.test");

    membership().joinRequests().request(ana, acme.id(), Optional.of("Hello,\nI work in sales.\r\n\tThanks"));

    assertThat(kit().mailbox().deliveredTo(acme.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED))
        .singleElement().satisfies(n -> assertThat(n.data()).containsEntry("message", "Hello,\nI work in sales.\r\n\tThanks"));
  }

  @Test
  void a_join_message_of_a_thousand_start_of_heading_characters_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    AccountId ana = kit().account("ana@acme.test");

    refused("message", "control_character",
        () -> membership().joinRequests().request(ana, acme.id(), Optional.of("\u0001".repeat(1000))));

    assertThat(kit().mailbox().deliveredTo(acme.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED)).isEmpty();
  }

  @Test
  void a_join_message_of_a_thousand_characters_that_all_need_escaping_is_delivered() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    AccountId ana = kit().account("ana@acme.test");
    String message = "\"" + "\\\n".repeat(499) + "\"";

    membership().joinRequests().request(ana, acme.id(), Optional.of(message));

    assertThat(kit().mailbox().deliveredTo(acme.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED))
        .singleElement().satisfies(n -> assertThat(n.data()).containsEntry("message", message));
  }

  @Test
  void a_join_message_with_a_bidi_control_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    AccountId ana = kit().account("ana@acme.test");

    refused("message", "bidi_control", () -> membership().joinRequests()
        .request(ana, acme.id(), Optional.of("Please approve " + RIGHT_TO_LEFT_OVERRIDE + "moc.live//:sptth")));
  }

  // ---- input that grows or that a database cannot hold (2.9)

  @Test
  void a_role_name_of_a_hundred_dotted_capital_i_is_stored_on_every_store() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    String name = DOTTED_CAPITAL_I.repeat(100);

    Role role = createRole(acme, name);

    assertThat(customRoleNames(acme)).containsExactly(name);
    assertThat(membership().roles().list(acme.owner(), acme.id())).contains(role);
    roleNameTaken(() -> createRole(acme, DOTTED_CAPITAL_I.repeat(99) + "\u0049\u0307")); // the last one decomposed
  }

  @Test
  void a_display_name_of_two_hundred_dotted_capital_i_is_stored_and_found_by_search() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    String name = DOTTED_CAPITAL_I.repeat(200);

    var created = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", name, Role.MEMBER));

    assertThat(created.account().displayName()).isEqualTo(name);
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText(DOTTED_CAPITAL_I)).items())
        .extracting(row -> row.email().value()).containsExactly("bo@acme.test");
    assertThat(membership().accounts().findByEmail("bo@acme.test")).map(Account::displayName).contains(name);
  }

  @Test
  void an_organisation_name_that_grows_past_its_limit_when_normalised_is_refused() {
    AccountId olga = kit().account("olga@acme.test");
    // U+0958 DEVANAGARI LETTER QA is excluded from composition: NFC writes it as two characters.
    String grows = "\u0958".repeat(100);

    refused("name", "too_long", () -> membership().organisations().create(olga, grows));
    assertThat(membership().organisations().create(olga, "\u0958".repeat(50)).name()).hasSize(100);
  }

  @Test
  void an_invitation_with_a_hundred_grants_of_sixty_four_character_keys_is_audited_in_full() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    List<String> keys = IntStream.range(0, 100).mapToObj(i -> String.format("%03d", i) + "k".repeat(61)).toList();
    keys.forEach(key -> membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of(key, key)));

    membership().invitations().invite(acme.owner(), acme.id(),
        Invite.of("ana@acme.test", Role.MEMBER).withAccess(keys.toArray(String[]::new)));
    var accepted = membership().invitations()
        .acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"), NewMemberDetails.of("Ana", TestMembership.PASSWORD));

    String all = String.join(",", keys);
    assertThat(auditOf(acme, AuditAction.INVITATION_SENT).details()).containsEntry("grants", all);
    assertThat(auditOf(acme, AuditAction.INVITATION_ACCEPTED).details()).containsEntry("grants", all);
    assertThat(accepted.membership().grants()).hasSize(100);
  }

  @Test
  void a_nul_in_a_name_is_refused_before_it_reaches_the_store() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("name", "control_character", () -> membership().organisations().create(acme.owner(), "Ac\u0000me"));
    refused("name", "control_character", () -> createRole(acme, "Bil\u0000ling"));
    refused("displayName", "control_character", () -> membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "B\u0000o", Role.MEMBER)));
  }

  @Test
  void a_nul_in_the_public_organisation_search_is_refused() {
    kit().organisation("Acme").create();

    refused("text", "control_character", () -> membership().organisations().search("Ac\u0000", PageRequest.first()));
  }

  @Test
  void a_nul_or_a_bidi_control_in_the_members_search_is_refused() {
    OrganisationFixture acme = kit().organisation("Acme").create();

    refused("text", "control_character",
        () -> membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("a\u0000")));
    refused("text", "bidi_control",
        () -> membership().members().listWithActions(acme.owner(), acme.id(), MemberQuery.all().withText("a\u202e")));
    refused("text", "too_long",
        () -> membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("a".repeat(255))));
  }

  // ---- cursors over any stored text (2.8)

  @Test
  void an_organisation_name_with_the_old_cursor_separator_pages_correctly() {
    // Stored before names were checked (the port takes any text): the old cursor split such a name in two.
    List<String> names = List.of("acme", "acme" + OLD_CURSOR_SEPARATOR, "acme" + OLD_CURSOR_SEPARATOR + "b",
        "acme" + OLD_CURSOR_SEPARATOR + OLD_CURSOR_SEPARATOR, "acme " + OLD_CURSOR_SEPARATOR + " x");
    List<Organisation> stored = names.stream().map(this::organisation).toList();

    List<Organisation> found = walk(1, page -> membership().organisations().search("acme", page));

    assertThat(found).extracting(Organisation::id)
        .containsExactlyInAnyOrderElementsOf(stored.stream().map(Organisation::id).toList());
    assertThat(found).extracting(Organisation::name).doesNotHaveDuplicates();
  }

  @Test
  void an_account_in_organisations_named_with_the_old_separator_and_emoji_pages_through_them_all() {
    Account ana = account("ana@acme.test");
    List<Organisation> stored = List.of("acme", "acme" + OLD_CURSOR_SEPARATOR + "x", "acme \ud83d\ude00",
        "acme \ud835\udc9c" /* mathematical script A */, "acme " + OLD_CURSOR_SEPARATOR).stream()
        .map(this::organisation).toList();
    stored.forEach(o -> member(o, ana, Role.MEMBER));

    List<AccountOrganisation> found = walk(2, page -> membership().organisations().of(ana.id(), page));

    assertThat(found).extracting(row -> row.organisation().id())
        .containsExactlyInAnyOrderElementsOf(stored.stream().map(Organisation::id).toList());
  }

  @Test
  void organisations_named_with_emoji_page_correctly_in_the_public_search() {
    AccountId olga = kit().account("olga@acme.test");
    List<Organisation> created = List.of("Acme \ud83d\ude00", "Acme \ud83d\ude01", "Acme", "Acme \u2764\ufe0f",
        "Acme \ud835\udc9c").stream().map(name -> membership().organisations().create(olga, name)).toList();
    created.forEach(o -> membership().organisations().setDiscoverable(olga, o.id(), true));

    List<Organisation> found = walk(2, page -> membership().organisations().search("acme", page));

    assertThat(found).extracting(Organisation::id)
        .containsExactlyInAnyOrderElementsOf(created.stream().map(Organisation::id).toList());
  }

  @Test
  void a_forged_cursor_carrying_a_nul_or_half_a_surrogate_pair_is_refused_as_malformed() {
    Organisation acme = organisation("acme");

    for (String forged : List.of(Cursor.encode("acme\u0000", acme.id().toString()),
        Cursor.encode("acme\ud800", acme.id().toString()), "not a cursor", "")) {
      refused("cursor", "malformed",
          () -> membership().organisations().search("acme", PageRequest.first(1).after(forged)));
    }
  }

  // ---- helpers

  private Role createRole(OrganisationFixture organisation, String name) {
    return membership().roles().create(organisation.owner(), organisation.id(), RoleDefinition.of(name, Permission.VIEW_MEMBERS));
  }

  private List<String> customRoleNames(OrganisationFixture organisation) {
    return membership().roles().list(organisation.owner(), organisation.id()).stream()
        .filter(r -> !r.isBuiltIn()).map(Role::name).toList();
  }

  private AuditEvent auditOf(OrganisationFixture organisation, AuditAction action) {
    return membership().audit().list(organisation.owner(), organisation.id(), PageRequest.first(PageRequest.MAX_LIMIT))
        .items().stream().filter(e -> e.action() == action).findFirst()
        .orElseThrow(() -> new AssertionError("no audit event " + action));
  }

  private static void roleNameTaken(ThrowingCallable call) {
    MembershipException e = thrown(call);
    assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(ErrorCode.ROLE_NAME_TAKEN);
    assertThat(e.fields()).extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("name", "taken"));
  }

  /** Fails unless {@code call} is refused as invalid input on exactly {@code field}, for {@code code}. */
  private static void refused(String field, String code, ThrowingCallable call) {
    MembershipException e = thrown(call);
    assertThat(e.code()).as("error code of: %s", e.getMessage()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.fields()).extracting(FieldViolation::field, FieldViolation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(field, code));
  }

  private static void assertFieldRefused(String field, ThrowingCallable call) {
    MembershipException e = thrown(call);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
    assertThat(e.fields()).extracting(FieldViolation::field).containsExactly(field);
  }

  private static MembershipException thrown(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (!(thrown instanceof MembershipException e)) {
      throw new AssertionError("expected a MembershipException but got " + (thrown == null ? "success" : thrown), thrown);
    }
    return e;
  }
}
