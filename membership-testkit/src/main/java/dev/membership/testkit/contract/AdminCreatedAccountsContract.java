package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.CreatedMember;
import dev.membership.SignInResult;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.domain.AccountId;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour: "create user directly", temporary passwords, resend credentials, admin password change. */
public abstract class AdminCreatedAccountsContract extends StoreContractSupport {
  private static final Password MINE = Password.of("my very own passphrase");

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).create();
  }

  private CreatedMember createBo(OrganisationFixture acme) {
    return membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
  }

  private MemberBadge badgeOf(OrganisationFixture org, String email) {
    return membership().members().list(org.owner(), org.id(), MemberQuery.all().withText(email)).items().stream()
        .map(MemberRow::badge).findFirst().orElseThrow();
  }

  @Test
  void creating_a_user_directly_returns_a_generated_password_once_that_lets_them_in() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));

    CreatedMember bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("Bo@Acme.test", "Bo", Role.ADMIN).withAccess("analytics"));

    assertThat(bo.account().email().value()).isEqualTo("bo@acme.test");
    assertThat(bo.membership().origin()).isEqualTo(MembershipOrigin.CREATED_BY_ADMIN);
    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword()))
        .isInstanceOf(SignInResult.PasswordChangeRequired.class);
    membership().accounts().changePassword(bo.account().id(), bo.temporaryPassword(), MINE);
    assertThat(membership().access().has(bo.account().id(), acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(membership().access().hasEntitlement(bo.account().id(), acme.id(), EntitlementKey.of("analytics"))).isTrue();
    assertThat(kit().mailbox().deliveredTo("bo@acme.test", NotificationType.ACCOUNT_CREATED)).singleElement()
        .satisfies(mail -> assertThat(mail.data().values()).doesNotContain(bo.temporaryPassword().reveal()));
  }

  @Test
  void once_the_person_chose_a_password_the_row_says_so_and_an_admin_may_neither_change_nor_resend_it() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);
    var boRow = membership().members().get(acme.owner(), acme.id(), bo.membership().id());
    assertThat(((MemberRow.Member) boRow.row()).account().choseOwnPassword()).isFalse();
    assertThat(boRow.actions()).contains(dev.membership.query.MemberAction.CHANGE_PASSWORD,
        dev.membership.query.MemberAction.RESEND_CREDENTIALS);

    membership().accounts().changePassword(bo.account().id(), bo.temporaryPassword(), MINE);

    var chosen = membership().members().get(acme.owner(), acme.id(), bo.membership().id());
    assertThat(((MemberRow.Member) chosen.row()).account().choseOwnPassword()).isTrue();
    assertThat(chosen.actions()).doesNotContain(dev.membership.query.MemberAction.CHANGE_PASSWORD,
        dev.membership.query.MemberAction.RESEND_CREDENTIALS);
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("bo@acme.test")).items())
        .singleElement().satisfies(row -> assertThat(((MemberRow.Member) row).account().choseOwnPassword()).isTrue());
    assertFailsWith(ErrorCode.PASSWORD_CHOSEN_BY_PERSON,
        () -> membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id()));
    assertFailsWith(ErrorCode.PASSWORD_CHOSEN_BY_PERSON,
        () -> membership().members().changePassword(acme.owner(), acme.id(), bo.membership().id(),
            Password.of("an admin's idea of a password")));
    assertThat(membership().accounts().signIn("bo@acme.test", MINE)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void an_admin_may_still_resend_credentials_to_a_created_person_who_has_not_chosen_a_password() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);

    Password again = membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id());

    assertThat(membership().accounts().signIn("bo@acme.test", again)).isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void a_generated_password_has_at_least_80_bits_of_entropy() {
    OrganisationFixture acme = acme();
    Set<String> passwords = new HashSet<>();
    Set<Integer> alphabet = new HashSet<>();
    int shortest = Integer.MAX_VALUE;
    for (int i = 1; i <= 40; i++) {
      String password = membership().members().createDirectly(acme.owner(), acme.id(),
          NewAccount.generatedPassword("g%03d@acme.test".formatted(i), "G" + i, Role.MEMBER)).temporaryPassword().reveal();
      passwords.add(password);
      String symbols = password.replaceAll("[^\\p{Alnum}]", "");
      symbols.codePoints().forEach(alphabet::add);
      shortest = Math.min(shortest, symbols.length());
    }

    assertThat(passwords).hasSize(40);
    assertThat(shortest * (Math.log(alphabet.size()) / Math.log(2))).as("bits of the shortest password").isGreaterThanOrEqualTo(80);
  }

  @Test
  void the_person_must_choose_a_password_at_first_sign_in_and_shows_as_created_by_admin_until_then() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);
    assertThat(badgeOf(acme, "bo@acme.test")).isEqualTo(MemberBadge.CREATED_BY_ADMIN);

    var first = membership().accounts().signIn("bo@acme.test", bo.temporaryPassword());
    assertThat(first).isInstanceOf(SignInResult.PasswordChangeRequired.class);
    assertThat(badgeOf(acme, "bo@acme.test")).isEqualTo(MemberBadge.CREATED_BY_ADMIN);
    membership().accounts().changePassword(bo.account().id(), bo.temporaryPassword(), MINE);

    assertThat(badgeOf(acme, "bo@acme.test")).isEqualTo(MemberBadge.ACTIVE);
    assertThat(membership().accounts().signIn("bo@acme.test", MINE)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword())).isInstanceOf(SignInResult.Failed.class);
  }

  @Test
  void a_password_the_admin_types_must_meet_the_password_policy_and_nothing_is_created_otherwise() {
    OrganisationFixture acme = acme();

    assertThatThrownBy(() -> membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.withPassword("bo@acme.test", "Bo", Role.MEMBER, Password.of("short"))))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("password");
        });

    assertThat(membership().accounts().findByEmail("bo@acme.test")).isEmpty();
    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("bo@")).items()).isEmpty();
  }

  @Test
  void a_password_the_admin_types_is_temporary_too() {
    OrganisationFixture acme = acme();
    Password typed = Password.of("the admin typed this one");

    CreatedMember bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.withPassword("bo@acme.test", "Bo", Role.MEMBER, typed));

    assertThat(bo.temporaryPassword().reveal()).isEqualTo(typed.reveal());
    assertThat(membership().accounts().signIn("bo@acme.test", typed)).isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void resending_credentials_gives_a_new_temporary_password_and_the_old_one_stops_working() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);

    Password fresh = membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id());

    assertThat(fresh.reveal()).isNotEqualTo(bo.temporaryPassword().reveal());
    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword())).isInstanceOf(SignInResult.Failed.class);
    assertThat(membership().accounts().signIn("bo@acme.test", fresh)).isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void an_admin_changes_the_temporary_password_of_an_account_the_organisation_created_before_its_person_chose_one() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);
    Password reset = Password.of("a new one from the admin");

    membership().members().changePassword(acme.admins().getFirst(), acme.id(), bo.membership().id(), reset);

    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword())).isInstanceOf(SignInResult.Failed.class);
    assertThat(membership().accounts().signIn("bo@acme.test", reset)).isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void an_admin_may_not_change_the_password_of_an_account_the_organisation_did_not_create() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertFailsWith(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION, () -> membership().members().changePassword(
        acme.owner(), acme.id(), acme.membership("member1@acme.test"), Password.of("a new one from the admin")));
    assertFailsWith(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
        () -> membership().members().resendCredentials(acme.owner(), acme.id(), acme.membership("member1@acme.test")));

    assertThat(membership().accounts().signIn("member1@acme.test", Password.of(TestMembership.PASSWORD)))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void an_admin_may_not_change_the_password_of_an_account_another_organisation_shares() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);
    membership().accounts().changePassword(bo.account().id(), bo.temporaryPassword(), MINE);
    OrganisationFixture globex = kit().organisation("Globex").create();
    kit().join(globex.id(), globex.owner(), "bo@acme.test", Role.MEMBER);

    assertFailsWith(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION, () -> membership().members().changePassword(
        acme.owner(), acme.id(), bo.membership().id(), Password.of("a new one from the admin")));
    assertFailsWith(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
        () -> membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id()));
    assertThat(membership().accounts().signIn("bo@acme.test", MINE)).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void creating_directly_an_address_that_has_an_account_is_refused_with_invite_instead() {
    OrganisationFixture acme = acme();
    AccountId bob = kit().account("bob@x.test");

    assertFailsWith(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> membership().members().createDirectly(acme.owner(),
        acme.id(), NewAccount.generatedPassword(" Bob@X.test", "Bob", Role.MEMBER)));

    assertThat(membership().access().permissions(bob, acme.id())).isEmpty();
    assertThat(membership().accounts().signIn("bob@x.test", Password.of(TestMembership.PASSWORD)))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void resending_credentials_after_the_temporary_password_expired_lets_the_person_in_again() {
    OrganisationFixture acme = acme();
    CreatedMember bo = createBo(acme);
    kit().clock().advance(Duration.ofDays(10));
    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword()))
        .isInstanceOf(SignInResult.TemporaryPasswordExpired.class);

    Password fresh = membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id());

    assertThat(membership().accounts().signIn("bo@acme.test", fresh)).isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void creating_a_user_directly_while_an_invitation_to_the_address_is_pending_leaves_one_row_and_no_live_link() {
    OrganisationFixture acme = acme();
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("bo@acme.test", Role.ADMIN));
    String link = kit().invitationTokenTo("bo@acme.test");

    createBo(acme);

    assertThat(membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withText("bo@")).items())
        .extracting(MemberRow::badge).containsExactly(MemberBadge.CREATED_BY_ADMIN);
    assertThat(membership().invitations().preview(link)).hasValueSatisfying(p -> assertThat(p.canBeAccepted()).isFalse());
  }

  @Test
  void a_temporary_password_lets_the_person_do_nothing_but_choose_their_own() {
    OrganisationFixture acme = acme();
    CreatedMember bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.ADMIN));

    assertThat(membership().access().permissions(bo.account().id(), acme.id())).isEmpty();
    assertFailsWith(ErrorCode.PASSWORD_CHANGE_REQUIRED,
        () -> membership().members().list(bo.account().id(), acme.id(), MemberQuery.all()));
    assertFailsWith(ErrorCode.PASSWORD_CHANGE_REQUIRED,
        () -> membership().organisations().create(bo.account().id(), "Bo's own"));
    membership().accounts().changePassword(bo.account().id(), bo.temporaryPassword(), MINE);

    assertThat(membership().access().has(bo.account().id(), acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(membership().members().list(bo.account().id(), acme.id(), MemberQuery.all()).items()).isNotEmpty();
  }
}
