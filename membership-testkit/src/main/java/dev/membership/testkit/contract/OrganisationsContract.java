package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import org.junit.jupiter.api.Test;

/** Behaviour: creating, renaming, finding and deleting organisations; "who am I". */
public abstract class OrganisationsContract extends StoreContractSupport {

  @Test
  void the_creator_of_an_organisation_becomes_its_owner() {
    AccountId olga = kit().account("olga@acme.test");

    Organisation acme = membership().organisations().create(olga, "  Acme ");

    assertThat(acme.name()).isEqualTo("Acme");
    assertThat(membership().access().permissions(olga, acme.id())).containsExactlyInAnyOrder(Permission.values());
    assertThat(membership().members().list(olga, acme.id(), MemberQuery.all()).items()).singleElement()
        .isInstanceOfSatisfying(MemberRow.Member.class, row -> {
          assertThat(row.role()).isEqualTo(Role.OWNER);
          assertThat(row.membership().origin()).isEqualTo(MembershipOrigin.FOUNDER);
          assertThat(row.account().id()).isEqualTo(olga);
        });
  }

  @Test
  void renaming_an_organisation_shows_the_new_name_to_its_members() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    membership().organisations().rename(acme.owner(), acme.id(), "Acme Corporation");

    assertThat(membership().organisations().get(acme.members().getFirst(), acme.id()).name()).isEqualTo("Acme Corporation");
    assertThat(membership().organisations().of(acme.members().getFirst(), PageRequest.first()).items())
        .extracting(row -> row.organisation().name()).containsExactly("Acme Corporation");
  }

  @Test
  void a_plain_member_may_not_rename_the_organisation() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().organisations().rename(acme.members().getFirst(), acme.id(), "Mine now"));

    assertThat(membership().organisations().get(acme.owner(), acme.id()).name()).isEqualTo("Acme");
  }

  @Test
  void an_account_may_belong_to_several_organisations() {
    AccountId alice = kit().account("alice@x.test");
    OrganisationId acme = membership().organisations().create(alice, "Acme").id();
    OrganisationFixture globex = kit().organisation("Globex").create();
    kit().join(globex.id(), globex.owner(), "alice@x.test", Role.MEMBER);

    assertThat(membership().access().has(alice, acme, Permission.DELETE_ORGANISATION)).isTrue();
    assertThat(membership().access().has(alice, globex.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(membership().access().has(alice, globex.id(), Permission.MANAGE_MEMBERS)).isFalse();
  }

  @Test
  void who_am_i_lists_each_organisation_with_the_role_and_the_admin_badge() {
    AccountId alice = kit().account("alice@x.test");
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationFixture globex = kit().organisation("Globex").create();
    OrganisationFixture initech = kit().organisation("Initech").create();
    kit().join(globex.id(), globex.owner(), "alice@x.test", Role.MEMBER);
    kit().join(acme.id(), acme.owner(), "alice@x.test", Role.ADMIN);
    kit().join(initech.id(), initech.owner(), "alice@x.test", Role.ADMIN);
    membership().members().deactivate(initech.owner(), initech.id(), initech.membership(alice));

    var page = membership().organisations().of(alice, PageRequest.first());

    assertThat(page.items()).extracting(row -> row.organisation().name() + " " + row.role().name() + " "
            + (row.isAdministrator() ? "Admin badge" : "no badge"))
        .containsExactly("Acme Admin Admin badge", "Globex Member no badge", "Initech Admin no badge");
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void who_am_i_pages_through_many_organisations_in_name_order() {
    AccountId alice = kit().account("alice@x.test");
    for (String name : new String[] {"Umbrella", "Acme", "Initech", "Globex", "Hooli"}) {
      membership().organisations().create(alice, name);
    }

    var first = membership().organisations().of(alice, PageRequest.first(2));
    var second = membership().organisations().of(alice, PageRequest.first(2).next(first));
    var third = membership().organisations().of(alice, PageRequest.first(2).next(second));

    assertThat(first.items()).extracting(row -> row.organisation().name()).containsExactly("Acme", "Globex");
    assertThat(second.items()).extracting(row -> row.organisation().name()).containsExactly("Hooli", "Initech");
    assertThat(third.items()).extracting(row -> row.organisation().name()).containsExactly("Umbrella");
    assertThat(third.nextCursor()).isEmpty();
    assertThat(third.items()).allMatch(AccountOrganisation::isAdministrator);
  }

  @Test
  void deleting_an_organisation_leaves_nobody_with_access() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).withPendingInvitations(1).create();
    String token = kit().invitationTokenTo("invited1@acme.test");
    membership().organisations().setDiscoverable(acme.owner(), acme.id(), true);

    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    for (AccountId person : new AccountId[] {acme.owner(), acme.admins().getFirst(), acme.members().getFirst()}) {
      assertThat(membership().access().permissions(person, acme.id())).isEmpty();
      assertThat(membership().organisations().of(person, PageRequest.first()).items()).isEmpty();
    }
    assertFailsWith(ErrorCode.ORGANISATION_DELETED,
        () -> membership().invitations().invite(acme.owner(), acme.id(), Invite.of("new@acme.test", Role.MEMBER)));
    assertThat(membership().invitations().preview(token)).hasValueSatisfying(
        preview -> assertThat(preview.status()).isEqualTo(InvitationStatus.CANCELLED));
    assertThat(membership().organisations().search("acme", PageRequest.first()).items()).isEmpty();
  }

  @Test
  void only_an_owner_may_delete_an_organisation() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().organisations().delete(acme.admins().getFirst(), acme.id(), "Acme"));

    assertThat(membership().access().has(acme.owner(), acme.id(), Permission.MANAGE_ORGANISATION)).isTrue();
  }

  @Test
  void searching_finds_active_organisations_by_part_of_the_name_ignoring_case() {
    AccountId olga = kit().account("olga@x.test");
    for (String name : new String[] {"Acme", "Acme Robotics", "Globex", "Acme Hidden"}) {
      Organisation created = membership().organisations().create(olga, name);
      if (!name.endsWith("Hidden")) {
        membership().organisations().setDiscoverable(olga, created.id(), true);
      }
    }

    assertThat(membership().organisations().search("ACME", PageRequest.first()).items()).extracting(Organisation::name)
        .containsExactly("Acme", "Acme Robotics");
    assertThat(membership().organisations().search("robot", PageRequest.first()).items()).extracting(Organisation::name)
        .containsExactly("Acme Robotics");
  }

  @Test
  void a_blank_organisation_name_is_refused_and_nothing_is_created() {
    AccountId olga = kit().account("olga@x.test");

    assertFailsWith(ErrorCode.INVALID_INPUT, () -> membership().organisations().create(olga, "   "));

    assertThat(membership().organisations().of(olga, PageRequest.first()).items()).isEmpty();
  }

  @Test
  void a_custom_role_that_may_manage_members_shows_the_admin_badge_and_one_that_may_not_does_not() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    OrganisationFixture globex = kit().organisation("Globex").create();
    var manager = membership().roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Team lead", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
    var auditor = membership().roles().create(globex.owner(), globex.id(),
        RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));
    AccountId alice = kit().account("alice@x.test");
    kit().join(acme.id(), acme.owner(), "alice@x.test", manager);
    kit().join(globex.id(), globex.owner(), "alice@x.test", auditor);

    assertThat(membership().organisations().of(alice, PageRequest.first()).items())
        .extracting(row -> row.role().name() + " " + row.isAdministrator())
        .containsExactly("Team lead true", "Auditor false");
  }
}
