package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.AccessCache;
import dev.membership.Memberships;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.PermissionDeniedException;
import dev.membership.query.AccessDecision;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The access cache ({@code Memberships.builder().accessCache(AccessCache.of(...))}): off unless asked
 * for; with it, repeated checks read the store once, every change made through the same instance is
 * seen at once, a change made through another instance on the same store within the staleness bound,
 * someone let in is let in at once everywhere (no refusal is kept), and a check that read the store
 * before a change cannot put its older answer back. Wired into {@link MembershipStoreContract}, so it
 * runs on every store.
 */
public abstract class AccessCacheContract extends StoreContractSupport {
  private static final Duration STALENESS = Duration.ofSeconds(5);
  private static final AccessCache CACHE = AccessCache.of(1_000, STALENESS);
  private static final EntitlementKey CAD = EntitlementKey.of("cad");

  /** A library on {@code store}, as another server of the fleet would build it: the kit's clock and mailbox. */
  private Memberships instance(MembershipStore store, @Nullable AccessCache cache) {
    Memberships.Builder builder = Memberships.builder()
        .store(store)
        .clock(kit().clock())
        .notifications(kit().mailbox())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token));
    if (cache != null) {
      builder.accessCache(cache);
    }
    return builder.build();
  }

  private Memberships cached() {
    return instance(store(), CACHE);
  }

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withAdmins("ana@acme.test").withMembers("mo@acme.test").create();
  }

  @Test
  void the_cache_is_off_unless_asked_for() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    CountingStore counted = new CountingStore(store());
    Memberships plain = instance(counted, null);

    assertThat(plain.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(plain.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(counted.reads()).as("every check reads the store").isEqualTo(2);

    // Another instance's change is seen at once, without moving the clock.
    membership().members().remove(acme.owner(), acme.id(), acme.membership("ana@acme.test"));
    assertThat(plain.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
  }

  @Test
  void with_the_cache_repeated_checks_of_an_active_member_read_the_store_once() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    CountingStore counted = new CountingStore(store());
    Memberships here = instance(counted, CACHE);

    for (int i = 0; i < 5; i++) {
      assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
      here.access().check(ana, acme.id(), Permission.VIEW_MEMBERS);
      assertThat(here.access().permissions(ana, acme.id())).contains(Permission.MANAGE_MEMBERS);
    }
    assertThat(counted.reads()).isEqualTo(1);
  }

  @Test
  void with_the_cache_a_refusal_is_read_from_the_store_every_time() {
    OrganisationFixture acme = acme();
    AccountId stranger = kit().account("stranger@else.test");
    AccountId mo = acme.account("mo@acme.test");
    CountingStore counted = new CountingStore(store());
    Memberships here = instance(counted, CACHE);

    assertThat(here.access().has(stranger, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(here.access().has(stranger, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(counted.reads()).as("not a member: never kept").isEqualTo(2);

    assertThat(here.access().has(mo, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
    assertThat(here.access().has(mo, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(counted.reads()).as("a member's missing permission is read again; a yes is not").isEqualTo(4);
  }

  @Test
  void with_the_cache_a_removed_member_is_refused_at_once_on_the_same_instance() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();

    here.members().remove(acme.owner(), acme.id(), acme.membership("ana@acme.test"));

    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
    assertThat(here.access().permissions(ana, acme.id())).isEmpty();
    assertThatThrownBy(() -> here.access().check(ana, acme.id(), Permission.VIEW_MEMBERS))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void with_the_cache_a_demoted_admin_loses_the_permission_at_once_on_the_same_instance() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();

    here.members().changeRole(acme.owner(), acme.id(), acme.membership("ana@acme.test"), Role.MEMBER.id());

    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
    assertThat(here.access().permissions(ana, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void with_the_cache_a_deactivated_member_is_refused_and_a_reactivated_one_let_in_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();

    here.members().deactivate(acme.owner(), acme.id(), acme.membership("mo@acme.test"));
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isFalse();

    here.members().reactivate(acme.owner(), acme.id(), acme.membership("mo@acme.test"));
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
  }

  @Test
  void with_the_cache_a_member_who_left_is_refused_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();

    here.members().leave(mo, acme.id());

    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
  }

  @Test
  void with_the_cache_a_permission_taken_from_a_custom_role_is_refused_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    Role auditor = here.roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));
    here.members().changeRole(acme.owner(), acme.id(), acme.membership("mo@acme.test"), auditor.id());
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_AUDIT_LOG)).isTrue();

    here.roles().update(acme.owner(), acme.id(), auditor.id(), RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS));

    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_AUDIT_LOG)).isFalse();
    assertThat(here.access().permissions(mo, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void with_the_cache_members_moved_off_a_deleted_custom_role_have_the_new_roles_permissions_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    Role auditor = here.roles().create(acme.owner(), acme.id(),
        RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));
    here.members().changeRole(acme.owner(), acme.id(), acme.membership("mo@acme.test"), auditor.id());
    assertThat(here.access().permissions(mo, acme.id())).contains(Permission.VIEW_AUDIT_LOG);

    here.roles().delete(acme.owner(), acme.id(), auditor.id(), Role.MEMBER.id());

    assertThat(here.access().permissions(mo, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void with_the_cache_a_deleted_organisation_refuses_everyone_at_once() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(ana, acme.id(), Permission.VIEW_MEMBERS)).isTrue();

    here.organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(here.access().has(ana, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(here.access().permissions(acme.owner(), acme.id())).isEmpty();
  }

  @Test
  void with_the_cache_an_erased_account_is_refused_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isTrue();

    here.erasure().eraseOnRequest("ticket 4711", mo);

    assertThat(here.access().has(mo, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
  }

  @Test
  void with_the_cache_revoked_application_access_is_refused_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    here.entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("cad", "CAD"));
    here.members().grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);
    ClientVersion version = ClientVersion.parse("2026.1");
    assertThat(here.access().hasEntitlement(mo, acme.id(), CAD)).isTrue();
    assertThat(here.access().check(mo, acme.id(), CAD, version)).isInstanceOf(AccessDecision.Allowed.class);

    here.members().revokeAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);

    assertThat(here.access().hasEntitlement(mo, acme.id(), CAD)).isFalse();
    assertThat(here.access().check(mo, acme.id(), CAD, version)).isInstanceOf(AccessDecision.NoEntitlement.class);
  }

  @Test
  void with_the_cache_another_instance_sees_a_removal_within_the_staleness_bound() {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    Memberships first = cached();
    Memberships second = cached();
    assertThat(first.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(second.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();

    first.members().remove(acme.owner(), acme.id(), acme.membership("ana@acme.test"));

    assertThat(first.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS)).as("the same instance: at once").isFalse();
    kit().clock().advance(STALENESS.minusMillis(1));
    assertThat(second.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS))
        .as("the other instance may answer as before until the bound").isTrue();
    kit().clock().advance(Duration.ofMillis(1));
    assertThat(second.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS))
        .as("the other instance, %s after its read", STALENESS).isFalse();
  }

  @Test
  void with_the_cache_someone_let_in_on_another_instance_is_let_in_at_once() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    AccountId ivy = kit().account("ivy@else.test");
    Memberships first = cached();
    Memberships second = cached();
    assertThat(second.access().has(ivy, acme.id(), Permission.VIEW_MEMBERS)).isFalse();
    assertThat(second.access().has(mo, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();

    first.invitations().invite(acme.owner(), acme.id(), Invite.of("ivy@else.test", Role.MEMBER));
    first.invitations().accept(ivy, kit().invitationTokenTo("ivy@else.test"));
    first.members().changeRole(acme.owner(), acme.id(), acme.membership("mo@acme.test"), Role.ADMIN.id());

    assertThat(second.access().has(ivy, acme.id(), Permission.VIEW_MEMBERS)).isTrue();
    assertThat(second.access().has(mo, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
  }

  @Test
  void a_check_that_read_before_a_role_change_does_not_put_the_old_answer_back() throws Exception {
    OrganisationFixture acme = acme();
    AccountId ana = acme.account("ana@acme.test");
    CountingStore held = new CountingStore(store());
    Memberships here = instance(held, CACHE);
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch changed = new CountDownLatch(1);
    held.holdNextReadAfterItRead(read, changed);

    // The check reads "admin" from the store, then waits before it keeps the answer...
    CompletableFuture<Boolean> slowCheck = CompletableFuture.supplyAsync(
        () -> here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS));
    assertThat(read.await(30, TimeUnit.SECONDS)).as("the check read the store").isTrue();
    // ...while the role change commits (and drops what the cache held) ...
    here.members().changeRole(acme.owner(), acme.id(), acme.membership("ana@acme.test"), Role.MEMBER.id());
    changed.countDown();
    // ... then it answers what it read, which was true when it read it.
    assertThat(slowCheck.get(30, TimeUnit.SECONDS)).isTrue();

    assertThat(here.access().has(ana, acme.id(), Permission.MANAGE_MEMBERS))
        .as("the next check must not use the answer read before the change").isFalse();
    assertThat(here.access().permissions(ana, acme.id())).containsExactly(Permission.VIEW_MEMBERS);
  }

  @Test
  void with_the_cache_an_entitlement_that_ends_refuses_at_its_end_without_a_change() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account("mo@acme.test");
    Memberships here = cached();
    here.entitlements().define(acme.owner(), acme.id(),
        EntitlementDefinition.of("cad", "CAD").until(kit().clock().instant().plusSeconds(2)));
    here.members().grantAccess(acme.owner(), acme.id(), acme.membership("mo@acme.test"), CAD);
    assertThat(here.access().hasEntitlement(mo, acme.id(), CAD)).isTrue();

    kit().clock().advance(Duration.ofSeconds(2));

    assertThat(here.access().hasEntitlement(mo, acme.id(), CAD)).isFalse();
    assertThat(here.access().check(mo, acme.id(), CAD, ClientVersion.parse("2026.1")))
        .isInstanceOf(AccessDecision.EntitlementEnded.class);
  }
}
