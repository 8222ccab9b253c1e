package dev.membership.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.command.NewAccount;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberAction;
import dev.membership.query.MemberListing;
import dev.membership.query.MemberQuery;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The members page's row menus: each viewer is offered exactly what it may do to each row. */
@ExtendWith(MembershipExtension.class)
class MemberRowActionsTest {

  private static Map<String, MemberListing> page(TestMembership kit, OrganisationFixture org, String viewerEmail) {
    return kit.membership().members().listWithActions(org.account(viewerEmail), org.id(), MemberQuery.all()).items()
        .stream().collect(Collectors.toMap(l -> l.row().email().value(), Function.identity()));
  }

  @Test
  void the_owner_is_offered_every_fitting_action_on_an_admin_and_an_invitation_but_not_to_remove_itself(TestMembership kit) {
    var acme = kit.organisation("Acme").withAdmins("ada@acme.test").withPendingInvitations("ivy@acme.test").create();

    var rows = page(kit, acme, "owner@acme.test");

    assertThat(rows.get("ada@acme.test").actions()).containsExactlyInAnyOrder(MemberAction.CHANGE_ROLE,
        MemberAction.MANAGE_ACCESS, MemberAction.DEACTIVATE, MemberAction.REMOVE);
    assertThat(rows.get("ivy@acme.test").actions())
        .containsExactlyInAnyOrder(MemberAction.RESEND_INVITATION, MemberAction.CANCEL_INVITATION);
    assertThat(rows.get("owner@acme.test").actions())
        .containsExactlyInAnyOrder(MemberAction.CHANGE_ROLE, MemberAction.MANAGE_ACCESS);
  }

  @Test
  void an_admin_is_offered_nothing_on_the_owner_and_a_plain_member_nothing_at_all(TestMembership kit) {
    var acme = kit.organisation("Acme").withAdmins("ada@acme.test").withMembers("mo@acme.test").create();

    assertThat(page(kit, acme, "ada@acme.test").get("owner@acme.test").actions()).isEmpty();
    assertThat(page(kit, acme, "ada@acme.test").get("mo@acme.test").actions()).contains(MemberAction.DEACTIVATE);
    assertThat(page(kit, acme, "mo@acme.test").values()).allSatisfy(l -> assertThat(l.actions()).isEmpty());
  }

  @Test
  void a_member_created_directly_offers_its_credentials_and_a_deactivated_one_only_reactivate_or_remove(TestMembership kit) {
    var acme = kit.organisation("Acme").withMembers("mo@acme.test").create();
    kit.membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    kit.membership().members().deactivate(acme.owner(), acme.id(), acme.membership("mo@acme.test"));

    var rows = page(kit, acme, "owner@acme.test");

    assertThat(rows.get("bo@acme.test").actions())
        .contains(MemberAction.CHANGE_PASSWORD, MemberAction.RESEND_CREDENTIALS);
    assertThat(rows.get("mo@acme.test").actions())
        .containsExactlyInAnyOrder(MemberAction.REACTIVATE, MemberAction.REMOVE);
  }

  @Test
  void one_member_is_read_by_its_membership_id_with_its_actions_and_not_across_organisations(TestMembership kit) {
    var acme = kit.organisation("Acme").withMembers("mo@acme.test").create();
    var globex = kit.organisation("Globex").create();
    MembershipId mo = acme.membership("mo@acme.test");

    MemberListing listing = kit.membership().members().get(acme.owner(), acme.id(), mo);

    assertThat(listing.row().email().value()).isEqualTo("mo@acme.test");
    assertThat(listing.actions()).contains(MemberAction.REMOVE);
    assertThatThrownBy(() -> kit.membership().members().get(globex.owner(), globex.id(), mo))
        .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEMBER_NOT_FOUND));
  }
}
