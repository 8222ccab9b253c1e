package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.AccountJoinRequest;
import dev.membership.query.EntitlementUsage;
import dev.membership.query.PageRequest;
import dev.membership.testkit.OrganisationFixture;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: the reads and the one atomic change a host's pages need, each in a fixed number of
 * reads: the header's current organisation, "my join requests", the audit log with names, seats in
 * use, the access an invitation offers, and setting a member's access in one change.
 */
public abstract class HostPagesContract extends StoreContractSupport {

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins(1).withMembers("mo@acme.test").create();
  }

  @Test
  void the_header_reads_the_current_organisation_with_role_and_admin_badge_and_nothing_once_removed() {
    OrganisationFixture acme = acme();
    AccountId admin = acme.admins().getFirst();

    assertThat(membership().organisations().of(admin, acme.id())).hasValueSatisfying(place -> {
      assertThat(place.organisation().name()).isEqualTo("Acme");
      assertThat(place.role()).isEqualTo(Role.ADMIN);
      assertThat(place.isAdministrator()).isTrue();
    });
    assertThat(membership().organisations().of(acme.account("mo@acme.test"), acme.id()))
        .hasValueSatisfying(place -> assertThat(place.isAdministrator()).isFalse());

    membership().members().remove(acme.owner(), acme.id(), acme.membership(admin));
    assertThat(membership().organisations().of(admin, acme.id())).isEmpty();
  }

  @Test
  void an_account_sees_its_own_join_requests_newest_first_and_withdraws_one_from_that_list() {
    OrganisationFixture acme = acme();
    OrganisationFixture globex = kit().organisation("Globex").create();
    AccountId pat = kit().account("pat@x.test");
    membership().joinRequests().request(pat, acme.id());
    kit().clock().advance(Duration.ofMinutes(1));
    membership().joinRequests().request(pat, globex.id(), Optional.of("hello"));

    var mine = membership().joinRequests().mine(pat, Set.of(), PageRequest.first(1));
    assertThat(mine.items()).extracting(r -> r.organisation().name()).containsExactly("Globex");
    var next = membership().joinRequests().mine(pat, Set.of(), PageRequest.first(1).next(mine));
    assertThat(next.items()).extracting(r -> r.organisation().name()).containsExactly("Acme");
    assertThat(next.hasNext()).isFalse();

    AccountJoinRequest toAcme = next.items().getFirst();
    membership().joinRequests().withdraw(pat, toAcme.request().id());
    assertThat(membership().joinRequests().mine(pat, Set.of(JoinRequestStatus.PENDING), PageRequest.first()).items())
        .extracting(r -> r.organisation().name()).containsExactly("Globex");
    assertThat(membership().joinRequests().mine(acme.owner(), Set.of(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void the_audit_log_names_who_did_each_thing() {
    OrganisationFixture acme = acme();
    membership().members().deactivate(acme.admins().getFirst(), acme.id(), acme.membership("mo@acme.test"));

    var entries = membership().audit().listWithActors(acme.owner(), acme.id(), PageRequest.first(3)).items();

    assertThat(entries.getFirst().event().action()).isEqualTo(AuditAction.MEMBER_DEACTIVATED);
    assertThat(entries.getFirst().actor().email().value()).isEqualTo("admin1@acme.test");
    assertThat(entries).allSatisfy(e -> assertThat(e.actor().id()).isEqualTo(e.event().actor()));
  }

  @Test
  void seats_in_use_count_members_and_open_invitations_so_a_dialog_can_say_how_many_are_free() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("crm", "CRM").withSeats(3));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("wiki", "Wiki"));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), EntitlementKey.of("crm"));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ivy@acme.test", Role.MEMBER).withAccess("crm"));

    var usage = membership().entitlements().usage(acme.owner(), acme.id());

    assertThat(usage).extracting(u -> u.entitlement().key().value(), EntitlementUsage::seatsInUse, EntitlementUsage::seatsFree)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("crm", 2L, Optional.of(1L)),
            org.assertj.core.groups.Tuple.tuple("wiki", 0L, Optional.empty()));
  }

  @Test
  void the_invitation_page_names_the_application_access_offered() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("crm", "CRM"));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ivy@acme.test", Role.MEMBER).withAccess("crm", "analytics"));

    assertThat(membership().invitations().preview(kit().invitationTokenTo("ivy@acme.test")))
        .hasValueSatisfying(p -> assertThat(p.accessNames()).containsExactly("Analytics", "CRM"));
  }

  @Test
  void setting_access_adds_and_revokes_in_one_change_or_not_at_all_when_a_seat_is_missing() {
    OrganisationFixture acme = acme();
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("crm", "CRM"));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("wiki", "Wiki").withSeats(1));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("bi", "BI"));
    var mo = acme.membership("mo@acme.test");
    membership().members().setAccess(acme.owner(), acme.id(), mo, Set.of(EntitlementKey.of("crm"), EntitlementKey.of("wiki")));

    var admin = acme.membership(acme.admins().getFirst());
    assertFailsWith(ErrorCode.SEAT_LIMIT_REACHED, () -> membership().members().setAccess(acme.owner(), acme.id(), admin,
        Set.of(EntitlementKey.of("bi"), EntitlementKey.of("wiki"))));
    assertThat(kit().membershipOf(acme.id(), acme.admins().getFirst()).grants()).isEmpty();

    var changed = membership().members().setAccess(acme.owner(), acme.id(), mo, Set.of(EntitlementKey.of("bi")));
    assertThat(changed.grants()).containsExactly(EntitlementKey.of("bi"));
    assertThat(membership().audit().list(acme.owner(), acme.id(), PageRequest.first(3)).items())
        .extracting(e -> e.action() + " " + e.details().get("entitlement"))
        .containsExactlyInAnyOrder("MEMBER_ACCESS_GRANTED bi", "MEMBER_ACCESS_REVOKED crm", "MEMBER_ACCESS_REVOKED wiki");
  }
}
