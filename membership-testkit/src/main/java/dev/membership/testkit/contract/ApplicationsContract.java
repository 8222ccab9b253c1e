package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.Application;
import dev.membership.domain.ApplicationChange;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.EntitlementNotice;
import dev.membership.domain.Membership;
import dev.membership.domain.Organisation;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.error.InvalidInputException;
import dev.membership.query.AccessDecision;
import dev.membership.query.ApplicationAccess;
import dev.membership.query.ClientReport;
import dev.membership.query.ClientWarning;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link dev.membership.spi.ApplicationStore} and of what the library builds on it (issue
 * 11): the deployment's application catalogue with scheduled minimum client versions, {@code
 * access().check} with its typed refusals, last-seen clients and whom to warn before a new policy,
 * and the notices about trials and licences ending, sent once however many instances run the upkeep.
 */
public abstract class ApplicationsContract extends StoreContractSupport {
  private static final EntitlementKey DESIGNER = EntitlementKey.of("designer");
  /** The standard clock's start is 2026-01-05; the upgrade date of the product's announcement. */
  private static final Instant UPGRADE = Instant.parse("2026-03-30T00:00:00Z");
  private static final ClientPolicy UPGRADE_POLICY = new ClientPolicy(UPGRADE,
      List.of(ClientVersion.parse("2025.4"), ClientVersion.parse("2026.1")));

  private static ClientVersion v(String text) {
    return ClientVersion.parse(text);
  }

  /** Acme holds {@code designer}; Ana (a member) is granted it, Mo (a member) is not. */
  private OrganisationFixture acmeWithDesigner(Optional<Instant> end) {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins("ada@acme.test")
        .withMembers("ana@acme.test", "mo@acme.test").create();
    EntitlementDefinition definition = EntitlementDefinition.of("designer", "Designer");
    membership().entitlements().define(acme.owner(), acme.id(), end.map(definition::until).orElse(definition));
    membership().members().grantAccess(acme.owner(), acme.id(), acme.membership("ana@acme.test"), DESIGNER);
    return acme;
  }

  private Application designerWithUpgradePolicy() {
    membership().applications().define("ops@host.test", DESIGNER, "Designer");
    return membership().applications().schedulePolicy("ops@host.test", DESIGNER, UPGRADE_POLICY);
  }

  // ---- the port

  @Test
  void an_application_reads_back_with_its_policies_and_a_second_with_the_same_key_is_refused() {
    Application designer = Application.define(DESIGNER, "Designer").withPolicy(UPGRADE_POLICY)
        .withPolicy(new ClientPolicy(Instant.parse("2026-01-01T00:00:00.123456789Z"), List.of(v("1.2.3-beta.2"))));
    inTx(tx -> tx.applications().insert(designer));

    assertThat(find(tx -> tx.applications().find(DESIGNER))).contains(designer);
    assertFailsWith(ErrorCode.APPLICATION_ALREADY_DEFINED,
        () -> inTx(tx -> tx.applications().insert(Application.define(DESIGNER, "Other"))));
    assertThat(list(tx -> tx.applications().list())).containsExactly(designer);
  }

  @Test
  void an_application_update_of_a_stale_version_is_refused_with_concurrent_modification() {
    inTx(tx -> tx.applications().insert(Application.define(DESIGNER, "Designer")));
    Application saved = tx(tx -> tx.applications().update(Application.define(DESIGNER, "Designer 2026")));

    assertThat(saved.version()).isEqualTo(1);
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> inTx(tx -> tx.applications().update(Application.define(DESIGNER, "Stale"))));
    assertThat(find(tx -> tx.applications().find(DESIGNER)).map(Application::name)).contains("Designer 2026");
  }

  @Test
  void a_second_report_of_a_client_replaces_the_first_and_active_members_reports_page_by_account() {
    Organisation acme = organisation("acme");
    Organisation globex = organisation("globex");
    List<AccountId> accounts = List.of(account("a@x.test"), account("b@x.test"), account("c@x.test"), account("d@x.test"))
        .stream().map(dev.membership.domain.Account::id).sorted().toList();
    for (AccountId account : accounts) {
      inTx(tx -> tx.memberships().insert(Membership.start(acme.id(), account, Role.MEMBER.id(),
          java.util.Set.of(), dev.membership.domain.MembershipOrigin.INVITATION, T0)));
    }
    inTx(tx -> tx.applications().reportClient(new ClientReport(acme.id(), accounts.get(3), DESIGNER, v("2025.3"), at(1))));
    inTx(tx -> tx.memberships().update(tx.memberships().findLive(acme.id(), accounts.get(3)).orElseThrow()
        .remove(at(5))));
    for (AccountId account : accounts.subList(0, 3)) {
      inTx(tx -> tx.applications().reportClient(new ClientReport(acme.id(), account, DESIGNER, v("2025.3"), at(1))));
    }
    inTx(tx -> tx.applications().reportClient(new ClientReport(acme.id(), accounts.get(1), DESIGNER, v("2026.1"), at(2))));
    inTx(tx -> tx.applications().reportClient(new ClientReport(globex.id(), accounts.get(0), DESIGNER, v("1.0.0"), at(3))));

    assertThat(list(tx -> tx.applications().clients(acme.id(), DESIGNER, Optional.empty(), 10)))
        .extracting(r -> r.account() + " " + r.version() + " " + r.seenAt())
        .containsExactly(accounts.get(0) + " 2025.3 " + at(1), accounts.get(1) + " 2026.1 " + at(2),
            accounts.get(2) + " 2025.3 " + at(1));
    assertThat(list(tx -> tx.applications().clients(acme.id(), DESIGNER, Optional.of(accounts.get(0)), 1)))
        .extracting(ClientReport::account).containsExactly(accounts.get(1));
  }

  @Test
  void an_end_notice_is_recorded_once_per_end_and_hides_the_entitlement_from_the_next_search() {
    Organisation acme = organisation("acme");
    EntitlementKey trial = EntitlementKey.of("trial");
    inTx(tx -> tx.entitlements().insert(new dev.membership.domain.Entitlement(acme.id(), trial, "Trial", Optional.empty(),
        Optional.of(at(100)), 0)));

    assertThat(list(tx -> tx.applications().endingWithout(EntitlementNotice.ENDING, at(0), at(100), 10)))
        .extracting(e -> e.key().value()).containsExactly("trial");
    assertThat(list(tx -> tx.applications().endingWithout(EntitlementNotice.ENDING, at(100), at(200), 10))).isEmpty();
    assertThat(holds(tx -> tx.applications().recordNotice(acme.id(), trial, EntitlementNotice.ENDING, at(100)))).isTrue();
    assertThat(holds(tx -> tx.applications().recordNotice(acme.id(), trial, EntitlementNotice.ENDING, at(100)))).isFalse();
    assertThat(list(tx -> tx.applications().endingWithout(EntitlementNotice.ENDING, at(0), at(100), 10))).isEmpty();
    assertThat(list(tx -> tx.applications().endingWithout(EntitlementNotice.ENDED, at(0), at(100), 10))).hasSize(1);
  }

  @Test
  void the_access_read_tells_membership_grant_and_end_in_one_row() {
    OrganisationFixture acme = acmeWithDesigner(Optional.of(Instant.parse("2026-02-01T00:00:00Z")));

    assertThat(find(tx -> tx.applications().findAccess(acme.id(), acme.account("ana@acme.test"), DESIGNER)))
        .get().satisfies(a -> {
          assertThat(a.isEffective()).isTrue();
          assertThat(a.granted()).isTrue();
          assertThat(a.entitlementEnds()).contains(Instant.parse("2026-02-01T00:00:00Z"));
        });
    assertThat(find(tx -> tx.applications().findAccess(acme.id(), acme.account("mo@acme.test"), DESIGNER)))
        .get().extracting(ApplicationAccess::granted, ApplicationAccess::entitlementHeld).containsExactly(false, true);
    assertThat(find(tx -> tx.applications().findAccess(acme.id(), AccountId.random(), DESIGNER))).isEmpty();
  }

  // ---- access().check

  @Test
  void a_member_granted_the_application_is_allowed_with_a_recent_client_and_before_the_upgrade_with_an_old_one() {
    OrganisationFixture acme = acmeWithDesigner(Optional.empty());
    designerWithUpgradePolicy();
    AccountId ana = acme.account("ana@acme.test");

    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2024.9"))).isEqualTo(new AccessDecision.Allowed());
    kit().clock().set(UPGRADE);
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2025.4")).allowed()).isTrue();
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2026.10")).allowed()).isTrue();
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2027.1")).allowed()).isTrue();
  }

  @Test
  void after_the_upgrade_an_old_client_is_refused_with_the_minimum_of_its_line_and_since_when() {
    OrganisationFixture acme = acmeWithDesigner(Optional.empty());
    designerWithUpgradePolicy();
    AccountId ana = acme.account("ana@acme.test");
    kit().clock().set(UPGRADE.plusSeconds(60));

    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2025.3")))
        .isEqualTo(new AccessDecision.ClientTooOld(v("2025.4"), UPGRADE));
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2026.1-rc.1")))
        .isEqualTo(new AccessDecision.ClientTooOld(v("2026.1"), UPGRADE));
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2024.12")))
        .isEqualTo(new AccessDecision.ClientTooOld(v("2025.4"), UPGRADE));
  }

  @Test
  void a_member_without_the_grant_a_deactivated_one_and_a_stranger_are_refused_with_their_reason() {
    OrganisationFixture acme = acmeWithDesigner(Optional.empty());
    designerWithUpgradePolicy();
    Memberships m = membership();

    assertThat(m.access().check(acme.account("mo@acme.test"), acme.id(), DESIGNER, v("2026.1")))
        .isEqualTo(new AccessDecision.NoEntitlement());
    assertThat(m.access().check(acme.account("ana@acme.test"), acme.id(), EntitlementKey.of("crm"), v("2026.1")))
        .isEqualTo(new AccessDecision.NoEntitlement());
    m.members().deactivate(acme.owner(), acme.id(), acme.membership("ana@acme.test"));
    assertThat(m.access().check(acme.account("ana@acme.test"), acme.id(), DESIGNER, v("2026.1")))
        .isEqualTo(new AccessDecision.MemberNotActive());
    assertThat(m.access().check(AccountId.random(), acme.id(), DESIGNER, v("2026.1")))
        .isEqualTo(new AccessDecision.MemberNotActive());
  }

  @Test
  void when_the_trial_is_over_the_member_is_refused_with_when_it_ended() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    AccountId ana = acme.account("ana@acme.test");

    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("1.0.0")).allowed()).isTrue();
    kit().clock().set(end);
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("1.0.0")))
        .isEqualTo(new AccessDecision.EntitlementEnded(end));
  }

  @Test
  void a_policy_changed_by_another_instance_applies_here_once_the_chosen_staleness_has_passed() {
    OrganisationFixture acme = acmeWithDesigner(Optional.empty());
    membership().applications().define("ops@host.test", DESIGNER, "Designer");
    AccountId ana = acme.account("ana@acme.test");
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2025.1")).allowed()).isTrue();

    TestMembership other = TestMembership.on(store());
    other.membership().applications().schedulePolicy("ops@host.test", DESIGNER,
        new ClientPolicy(Instant.parse("2026-01-01T00:00:00Z"), List.of(v("2025.4"))));

    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2025.1")).allowed())
        .as("within the default 30 seconds this instance still uses the catalogue it read").isTrue();
    kit().clock().advance(Duration.ofSeconds(31));
    assertThat(membership().access().check(ana, acme.id(), DESIGNER, v("2025.1")))
        .isEqualTo(new AccessDecision.ClientTooOld(v("2025.4"), Instant.parse("2026-01-01T00:00:00Z")));
  }

  // ---- the catalogue

  @Test
  void every_catalogue_change_is_in_the_application_history_with_who_made_it() {
    designerWithUpgradePolicy();
    membership().applications().rename("lee@host.test", DESIGNER, "DESIGNER 2026");
    membership().applications().cancelPolicy("lee@host.test", DESIGNER, UPGRADE);

    assertThat(membership().applications().history(DESIGNER, 10))
        .extracting(c -> c.action() + " by " + c.changedBy())
        .containsExactly("POLICY_CANCELLED by lee@host.test", "RENAMED by lee@host.test",
            "POLICY_SCHEDULED by ops@host.test", "DEFINED by ops@host.test");
    assertThat(membership().applications().history(DESIGNER, 10).get(2).details())
        .isEqualTo(Map.of("effectiveFrom", UPGRADE.toString(), "minimums", "2025.4, 2026.1"));
    assertThat(membership().applications().find(DESIGNER).orElseThrow().policies()).isEmpty();
  }

  @Test
  void catalogue_mistakes_are_refused_with_their_code_and_field_and_change_nothing() {
    designerWithUpgradePolicy();

    assertFailsWith(ErrorCode.APPLICATION_ALREADY_DEFINED,
        () -> membership().applications().define("ops@host.test", DESIGNER, "Again"));
    assertFailsWith(ErrorCode.APPLICATION_NOT_FOUND,
        () -> membership().applications().rename("ops@host.test", EntitlementKey.of("edgecam"), "Edgecam"));
    assertThatThrownBy(() -> ClientVersion.parse("2025.4.x", "minimums"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields())
            .extracting(f -> f.field() + ":" + f.code()).containsExactly("minimums:not_a_version"));
    assertThatThrownBy(() -> new ClientPolicy(UPGRADE, List.of(v("2025.4"), v("2025.6"))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields())
            .extracting(f -> f.field() + ":" + f.code()).containsExactly("minimums:duplicate_line"));
    assertThatThrownBy(() -> membership().applications().rename(" ", DESIGNER, "Designer"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields())
            .extracting(f -> f.field()).containsExactly("changedBy"));
    assertThat(membership().applications().history(DESIGNER, 10)).hasSize(2);
  }

  @Test
  void an_admin_sees_page_by_page_the_members_whose_client_the_next_policy_will_refuse() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(7).create();
    designerWithUpgradePolicy();
    List<String> versions = List.of("2025.3", "2025.4", "2024.1", "2026.0", "2026.2", "2025.3", "2027.1");
    for (int i = 0; i < versions.size(); i++) {
      membership().applications().reportClient(acme.members().get(i), acme.id(), DESIGNER, v(versions.get(i)));
    }

    List<ClientWarning> warned = walk(2, page -> membership().applications()
        .clientsToWarn(acme.owner(), acme.id(), DESIGNER, page));

    assertThat(warned).extracting(w -> w.lastSeen() + " needs " + w.minimum())
        .containsExactlyInAnyOrder("2025.3 needs 2025.4", "2024.1 needs 2025.4", "2026.0 needs 2026.1",
            "2025.3 needs 2025.4");
    assertThat(warned).extracting(ClientWarning::account).isSorted();
    assertThat(warned).allSatisfy(w -> assertThat(w.from()).isEqualTo(UPGRADE));
    assertThat(warned).extracting(w -> w.email().value()).contains("member1@acme.test", "member3@acme.test");
    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().applications()
        .clientsToWarn(AccountId.random(), acme.id(), DESIGNER, dev.membership.query.PageRequest.first()));
  }

  @Test
  void once_the_policy_applies_nobody_is_listed_until_the_next_one_is_scheduled() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    designerWithUpgradePolicy();
    membership().applications().reportClient(acme.members().get(0), acme.id(), DESIGNER, v("2024.1"));
    kit().clock().set(UPGRADE);

    assertThat(membership().applications().clientsToWarn(acme.owner(), acme.id(), DESIGNER,
        dev.membership.query.PageRequest.first()).items()).isEmpty();
  }

  // ---- trials and licences that end

  @Test
  void entitlement_managers_are_told_once_a_week_before_a_trial_ends_and_once_when_it_has_ended() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    kit().mailbox().clear();

    assertThat(membership().entitlements().sendEndNotices()).isZero();
    kit().clock().set(end.minus(Duration.ofDays(7)));
    assertThat(membership().entitlements().sendEndNotices()).isEqualTo(1);
    assertThat(membership().entitlements().sendEndNotices()).isZero();
    assertThat(kit().mailbox().delivered()).extracting(n -> n.type() + " " + n.recipient().value())
        .containsExactlyInAnyOrder("ENTITLEMENT_ENDING owner@acme.test", "ENTITLEMENT_ENDING ada@acme.test");
    assertThat(kit().mailbox().delivered().get(0).data())
        .containsEntry("entitlement", "designer").containsEntry("endsAt", end.toString());

    kit().clock().set(end);
    assertThat(membership().entitlements().sendEndNotices()).isEqualTo(1);
    assertThat(membership().entitlements().sendEndNotices()).isZero();
    assertThat(kit().mailbox().deliveredTo("owner@acme.test")).extracting(n -> n.type().name())
        .containsExactly("ENTITLEMENT_ENDING", "ENTITLEMENT_ENDED");
    assertThat(kit().mailbox().deliveredTo("ana@acme.test")).isEmpty();
    assertThat(membership().audit().list(acme.owner(), acme.id(), dev.membership.query.PageRequest.first()).items())
        .filteredOn(e -> e.action() == dev.membership.domain.AuditAction.ENTITLEMENT_END_NOTICE_SENT)
        .extracting(e -> e.details().get("notice") + " " + e.subject())
        .containsExactlyInAnyOrder("ENDING designer", "ENDING designer", "ENDED designer", "ENDED designer");
  }

  @Test
  void several_instances_running_the_upkeep_send_each_notice_once() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    acmeWithDesigner(Optional.of(end));
    TestMembership other = TestMembership.on(store());
    kit().clock().set(end.minus(Duration.ofDays(1)));
    other.clock().set(end.minus(Duration.ofDays(1)));

    int sent = membership().entitlements().sendEndNotices() + other.membership().entitlements().sendEndNotices();

    assertThat(sent).isEqualTo(1);
    assertThat(kit().mailbox().deliveredTo("owner@acme.test", dev.membership.domain.NotificationType.ENTITLEMENT_ENDING).size()
        + other.mailbox().deliveredTo("owner@acme.test", dev.membership.domain.NotificationType.ENTITLEMENT_ENDING).size())
        .isEqualTo(1);
  }

  @Test
  void four_instances_racing_the_upkeep_at_the_same_moment_send_each_notice_once() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD").until(end));
    List<TestMembership> instances = List.of(TestMembership.on(store()), TestMembership.on(store()),
        TestMembership.on(store()), TestMembership.on(store()));
    instances.forEach(i -> i.clock().set(end.minus(Duration.ofDays(1))));

    List<Integer> sent = Races.race(instances.stream()
        .map(i -> (java.util.concurrent.Callable<Integer>) () -> i.membership().entitlements().sendEndNotices())
        .toList());

    assertThat(sent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
    assertThat(instances.stream().mapToInt(i -> i.mailbox().deliveredTo("owner@acme.test",
        dev.membership.domain.NotificationType.ENTITLEMENT_ENDING).size()).sum()).isEqualTo(2);
  }

  @Test
  void an_admin_extends_a_trial_which_is_audited_and_announced_again_before_its_new_end() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    Instant later = Instant.parse("2026-03-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    AccountId ada = acme.account("ada@acme.test");
    kit().clock().set(end.minus(Duration.ofDays(2)));
    membership().entitlements().sendEndNotices();

    assertThat(membership().entitlements().extend(ada, acme.id(), DESIGNER, later).validUntil()).contains(later);
    assertThat(membership().access().check(acme.account("ana@acme.test"), acme.id(), DESIGNER, v("1.0")).allowed()).isTrue();
    assertThat(membership().audit().list(acme.owner(), acme.id(), dev.membership.query.PageRequest.first()).items())
        .filteredOn(e -> e.action() == dev.membership.domain.AuditAction.ENTITLEMENT_EXTENDED)
        .extracting(e -> e.actor() + " " + e.details())
        .containsExactly(ada + " " + Map.of("from", end.toString(), "to", later.toString()));
    kit().mailbox().clear();
    kit().clock().set(later.minus(Duration.ofDays(3)));
    assertThat(membership().entitlements().sendEndNotices()).isEqualTo(1);
    assertThat(kit().mailbox().deliveredTo("ada@acme.test")).extracting(n -> n.get("endsAt")).containsExactly(later.toString());
  }

  @Test
  void extending_is_refused_with_a_reason_when_it_would_not_extend_or_the_actor_may_not() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    membership().entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("crm", "CRM"));

    assertThatThrownBy(() -> membership().entitlements().extend(acme.owner(), acme.id(), DESIGNER, end))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields())
            .extracting(f -> f.field() + ":" + f.code()).containsExactly("validUntil:not_later"));
    assertFailsWith(ErrorCode.ENTITLEMENT_HAS_NO_END,
        () -> membership().entitlements().extend(acme.owner(), acme.id(), EntitlementKey.of("crm"), end));
    assertFailsWith(ErrorCode.ENTITLEMENT_NOT_FOUND,
        () -> membership().entitlements().extend(acme.owner(), acme.id(), EntitlementKey.of("cad"), end));
    assertFailsWith(ErrorCode.PERMISSION_DENIED, () -> membership().entitlements()
        .extend(acme.account("ana@acme.test"), acme.id(), DESIGNER, end.plusSeconds(60)));
    assertThat(membership().entitlements().list(acme.owner(), acme.id()))
        .filteredOn(e -> e.key().equals(DESIGNER)).extracting(e -> e.validUntil().orElseThrow()).containsExactly(end);
  }

  @Test
  void whoever_holds_the_permission_to_manage_entitlements_is_told_and_plain_members_are_not() {
    Instant end = Instant.parse("2026-02-01T00:00:00Z");
    OrganisationFixture acme = acmeWithDesigner(Optional.of(end));
    Role licences = membership().roles().create(acme.owner(), acme.id(),
        dev.membership.command.RoleDefinition.of("Licences", dev.membership.domain.Permission.MANAGE_ENTITLEMENTS));
    membership().members().changeRole(acme.owner(), acme.id(), acme.membership("mo@acme.test"), licences.id());
    kit().clock().set(end);
    kit().mailbox().clear();

    membership().entitlements().sendEndNotices();

    assertThat(kit().mailbox().deliveredTo("mo@acme.test", dev.membership.domain.NotificationType.ENTITLEMENT_ENDED)).hasSize(1);
    assertThat(kit().mailbox().deliveredTo("ana@acme.test")).isEmpty();
  }
}
