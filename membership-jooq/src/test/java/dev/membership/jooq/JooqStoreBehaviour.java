package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.membership.command.Invite;
import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.StatementCounter;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.query.AccountOrganisation;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.StoreTransaction;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The jOOQ store at the port: unique keys, optimistic versions, atomicity, exact round trips, keyset
 * pages, seats and the outbox, on one database per subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JooqStoreBehaviour {
  static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  TestDatabase database;
  JooqMembershipStore store;
  final StatementCounter statements = new StatementCounter();

  abstract DatabaseKind kind();

  @BeforeAll
  void openDatabase() {
    database = TestDatabase.migrated(kind());
    store = JooqMembershipStore.builder(database.dataSource()).executeListener(statements).build();
  }

  @AfterAll
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  @BeforeEach
  void emptyTables() {
    database.truncate();
    statements.reset();
  }

  // ---- unique keys

  @Test
  void a_second_account_with_the_same_email_is_refused_with_email_already_registered() {
    Account alice = account("alice@x.test");

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> tx.accounts().insert(newAccount("Alice@X.test "))));

    assertThat(tx((StoreTransaction tx) -> tx.accounts().findByEmail(EmailAddress.of("ALICE@x.test")))).contains(alice);
  }

  @Test
  void a_second_live_membership_is_refused_with_already_member_and_a_removed_one_stays_as_history() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Membership first = member(acme, alice, Role.MEMBER);

    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> inTx(tx -> tx.memberships().insert(
        Membership.start(acme.id(), alice.id(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, T0))));
    Membership deactivated = tx((StoreTransaction tx) -> tx.memberships().update(first.deactivate(T0.plusSeconds(1))));
    assertFailsWith(ErrorCode.ALREADY_MEMBER, () -> inTx(tx -> tx.memberships().insert(
        Membership.start(acme.id(), alice.id(), Role.ADMIN.id(), Set.of(), MembershipOrigin.INVITATION, T0))));

    tx((StoreTransaction tx) -> tx.memberships().update(deactivated.remove(T0.plusSeconds(2))));
    Membership again = member(acme, alice, Role.ADMIN);

    assertThat(tx((StoreTransaction tx) -> tx.memberships().findLive(acme.id(), alice.id()))).contains(again);
    assertThat(tx((StoreTransaction tx) -> tx.memberships().find(acme.id(), first.id())).orElseThrow().status().isLive()).isFalse();
  }

  @Test
  void a_second_pending_invitation_to_an_address_is_refused_until_the_first_is_decided() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Invitation first = invitation(acme, "bo@acme.test", owner);

    assertFailsWith(ErrorCode.INVITATION_ALREADY_PENDING,
        () -> inTx(tx -> tx.invitations().insert(newInvitation(acme, "bo@acme.test", owner))));

    tx((StoreTransaction tx) -> tx.invitations().update(first.cancel(T0.plusSeconds(1))));
    Invitation second = invitation(acme, "bo@acme.test", owner);
    assertThat(tx((StoreTransaction tx) -> tx.invitations().findPending(acme.id(), EmailAddress.of("bo@acme.test")))).contains(second);
  }

  @Test
  void a_second_pending_join_request_of_an_account_is_refused() {
    Organisation acme = organisation("acme");
    Account bo = account("bo@x.test");
    JoinRequest first = JoinRequest.open(acme.id(), bo.id(), Optional.of("hi"), T0);
    inTx(tx -> tx.joinRequests().insert(first));

    assertFailsWith(ErrorCode.JOIN_REQUEST_ALREADY_PENDING,
        () -> inTx(tx -> tx.joinRequests().insert(JoinRequest.open(acme.id(), bo.id(), Optional.empty(), T0))));

    tx((StoreTransaction tx) -> tx.joinRequests().update(first.withdraw(T0.plusSeconds(1))));
    JoinRequest second = JoinRequest.open(acme.id(), bo.id(), Optional.empty(), T0.plusSeconds(2));
    inTx(tx -> tx.joinRequests().insert(second));
    assertThat(tx((StoreTransaction tx) -> tx.joinRequests().findPending(acme.id(), bo.id()))).contains(second);
  }

  @Test
  void role_names_are_unique_per_organisation_ignoring_case_and_built_in_names_are_taken() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Role billing = customRole(acme, "Billing", Permission.VIEW_MEMBERS);

    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN, () -> customRole(acme, "BILLING"));
    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN, () -> customRole(acme, "admin"));
    Role support = customRole(acme, "Support");
    assertFailsWith(ErrorCode.ROLE_NAME_TAKEN,
        () -> inTx(tx -> tx.roles().update(support.withDefinition("billing", Set.of()))));
    customRole(other, "Billing");

    assertThat(tx((StoreTransaction tx) -> tx.roles().list(acme.id())))
        .containsExactly(Role.OWNER, Role.ADMIN, Role.MEMBER, billing, support);
  }

  @Test
  void a_second_definition_of_an_entitlement_is_refused() {
    Organisation acme = organisation("acme");
    entitlement(acme, "crm", Optional.of(3));

    assertFailsWith(ErrorCode.ENTITLEMENT_ALREADY_DEFINED, () -> entitlement(acme, "crm", Optional.empty()));
  }

  @Test
  void the_same_id_twice_is_a_programming_error_not_a_conflict() {
    Account alice = account("alice@x.test");
    Account twin = new Account(alice.id(), EmailAddress.of("other@x.test"), "Twin", alice.passwordHash(),
        alice.credentialState(), Optional.empty(), Optional.empty(), Optional.empty(), T0, 0);

    assertThatThrownBy(() -> inTx(tx -> tx.accounts().insert(twin))).isInstanceOf(IllegalStateException.class);
  }

  // ---- versions and atomicity

  @Test
  void an_update_with_a_stale_version_is_refused_and_writes_nothing() {
    Organisation acme = organisation("acme");
    Organisation renamed = tx((StoreTransaction tx) -> tx.organisations().update(acme.rename("acme 2")));
    assertThat(renamed.version()).isEqualTo(1);

    assertThatThrownBy(() -> inTx(tx -> tx.organisations().update(acme.rename("stale"))))
        .isInstanceOf(ConcurrentModificationException.class);

    assertThat(tx((StoreTransaction tx) -> tx.organisations().find(acme.id()))).contains(renamed);
  }

  @Test
  void an_update_of_a_row_that_does_not_exist_is_refused_as_a_concurrent_change() {
    Organisation ghost = Organisation.create("ghost", T0);

    assertThatThrownBy(() -> inTx(tx -> tx.organisations().update(ghost.rename("x"))))
        .isInstanceOf(ConcurrentModificationException.class);
  }

  @Test
  void an_exception_in_the_work_rolls_back_every_write_and_is_rethrown_unchanged() {
    Organisation acme = organisation("acme");
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(() -> inTx(tx -> {
      tx.accounts().insert(newAccount("alice@x.test"));
      tx.organisations().update(acme.rename("renamed"));
      tx.outbox().enqueue(notification(acme, "alice@x.test", T0));
      throw boom;
    })).isSameAs(boom);

    assertThat(tx((StoreTransaction tx) -> tx.accounts().findByEmail(EmailAddress.of("alice@x.test")))).isEmpty();
    assertThat(tx((StoreTransaction tx) -> tx.organisations().find(acme.id()))).contains(acme);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox")).isZero();
  }

  @Test
  void a_conflict_rolls_back_what_the_transaction_wrote_before_it() {
    account("alice@x.test");
    Organisation acme = Organisation.create("acme", T0);

    assertFailsWith(ErrorCode.EMAIL_ALREADY_REGISTERED, () -> inTx(tx -> {
      tx.organisations().insert(acme);
      tx.accounts().insert(newAccount("alice@x.test"));
    }));

    assertThat(tx((StoreTransaction tx) -> tx.organisations().find(acme.id()))).isEmpty();
  }

  // ---- exact round trips

  @Test
  void every_record_reads_back_exactly_as_written() {
    Organisation acme = organisation("acme");
    Instant withNanos = Instant.parse("2026-03-01T10:11:12.123456789Z");
    Account admin = new Account(AccountId.random(), EmailAddress.of("bo@acme.test"), "Bo \"B\" Ø",
        new PasswordHash("$h$1"), CredentialState.TEMPORARY, Optional.of(withNanos),
        Optional.of(acme.id()), Optional.of(T0.plusSeconds(5)), T0, 0);
    inTx(tx -> tx.accounts().insert(admin));
    entitlement(acme, "crm", Optional.of(5));
    entitlement(acme, "bi.pro", Optional.empty());
    Membership active = member(acme, admin, Role.ADMIN, "crm", "bi.pro");
    Membership deactivated = tx((StoreTransaction tx) -> tx.memberships().update(active.deactivate(withNanos)));
    Invitation invitation = invitation(acme, "cy@acme.test", admin, "crm");
    JoinRequest request = JoinRequest.open(acme.id(), admin.id(), Optional.of("line 1\nline 2 \"quoted\""), withNanos);
    inTx(tx -> tx.joinRequests().insert(request));
    Entitlement trial = new Entitlement(acme.id(), EntitlementKey.of("trial"), "Trial", Optional.of(1),
        Optional.of(Instant.parse("2199-12-31T23:59:59.999999999Z")), 0);
    inTx(tx -> tx.entitlements().insert(trial));
    Role custom = customRole(acme, "Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS);

    assertThat(tx((StoreTransaction tx) -> tx.accounts().find(admin.id()))).contains(admin);
    assertThat(tx((StoreTransaction tx) -> tx.memberships().find(acme.id(), active.id()))).contains(deactivated);
    assertThat(deactivated.suspension().orElseThrow().grants()).containsExactlyInAnyOrder(
        EntitlementKey.of("crm"), EntitlementKey.of("bi.pro"));
    assertThat(tx((StoreTransaction tx) -> tx.invitations().find(acme.id(), invitation.id()))).contains(invitation);
    assertThat(tx((StoreTransaction tx) -> tx.invitations().findByTokenHash(invitation.tokenHash()))).contains(invitation);
    assertThat(tx((StoreTransaction tx) -> tx.joinRequests().find(request.id()))).contains(request);
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().find(acme.id(), trial.key()))).contains(trial);
    assertThat(tx((StoreTransaction tx) -> tx.roles().find(acme.id(), custom.id()))).contains(custom);
    assertThat(tx((StoreTransaction tx) -> tx.accounts().findAll(List.of(admin.id(), admin.id())))).containsExactly(admin);
    assertThat(tx((StoreTransaction tx) -> tx.memberships().find(organisation("other").id(), active.id()))).isEmpty();
  }

  @Test
  void reactivation_restores_exactly_the_grants_that_count_seats_again() {
    Organisation acme = organisation("acme");
    entitlement(acme, "crm", Optional.of(5));
    Account alice = account("alice@acme.test");
    Account owner = account("owner@acme.test");
    Membership active = member(acme, alice, Role.MEMBER, "crm");
    invitation(acme, "bo@acme.test", owner, "crm");
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("crm"), T0))).isEqualTo(2);

    Membership deactivated = tx((StoreTransaction tx) -> tx.memberships().update(active.deactivate(T0.plusSeconds(1))));
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("crm"), T0))).isEqualTo(1);
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("crm"), T0.plus(Duration.ofDays(8))))).isZero();

    Membership reactivated = tx((StoreTransaction tx) -> tx.memberships().update(deactivated.reactivate(T0.plusSeconds(2))));
    assertThat(reactivated.grants()).containsExactly(EntitlementKey.of("crm"));
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().countSeatsInUse(acme.id(), EntitlementKey.of("crm"), T0))).isEqualTo(2);
  }

  @Test
  void an_instant_beyond_what_the_store_keeps_is_refused_as_invalid_input() {
    Organisation acme = organisation("acme");
    Entitlement forever = new Entitlement(acme.id(), EntitlementKey.of("forever"), "Forever", Optional.empty(),
        Optional.of(Instant.parse("3000-01-01T00:00:00Z")), 0);

    assertThatThrownBy(() -> inTx(tx -> tx.entitlements().insert(forever)))
        .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT));
    assertThat(tx((StoreTransaction tx) -> tx.entitlements().list(acme.id()))).isEmpty();
  }

  // ---- reads

  @Test
  void the_permission_check_reads_membership_organisation_and_custom_role_in_one_statement() {
    Organisation acme = organisation("acme");
    Account alice = account("alice@acme.test");
    Role reviewer = customRole(acme, "Reviewer", Permission.REVIEW_JOIN_REQUESTS);
    Membership membership = member(acme, alice, reviewer);
    statements.reset();

    var access = tx((StoreTransaction tx) -> tx.memberships().findAccess(acme.id(), alice.id())).orElseThrow();

    assertThat(statements.count()).isEqualTo(1);
    assertThat(access.organisation()).isEqualTo(acme);
    assertThat(access.membership()).isEqualTo(membership);
    assertThat(access.role()).isEqualTo(reviewer);
    assertThat(access.allows(Permission.REVIEW_JOIN_REQUESTS)).isTrue();
    assertThat(tx((StoreTransaction tx) -> tx.memberships().findAccess(organisation("other").id(), alice.id()))).isEmpty();
  }

  @Test
  void the_permission_check_reads_the_members_own_role_among_many_custom_roles_and_none_for_a_built_in_role() {
    Organisation acme = organisation("acme");
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      roles.add(customRole(acme, "Role " + i, i % 2 == 0 ? Permission.VIEW_MEMBERS : Permission.VIEW_AUDIT_LOG));
    }
    Account alice = account("alice@acme.test");
    Account bob = account("bob@acme.test");
    member(acme, alice, roles.get(7));
    member(acme, bob, Role.ADMIN);

    var alices = tx((StoreTransaction tx) -> tx.memberships().findAccess(acme.id(), alice.id())).orElseThrow();
    var bobs = tx((StoreTransaction tx) -> tx.memberships().findAccess(acme.id(), bob.id())).orElseThrow();

    assertThat(alices.role()).isEqualTo(roles.get(7));
    assertThat(alices.allows(Permission.VIEW_AUDIT_LOG)).isTrue();
    assertThat(alices.allows(Permission.VIEW_MEMBERS)).isFalse();
    assertThat(bobs.role()).isEqualTo(Role.ADMIN);
    assertThat(bobs.allows(Permission.MANAGE_MEMBERS)).isTrue();
  }

  @Test
  void a_membership_naming_a_custom_role_of_another_organisation_gets_none_of_its_permissions() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Role theirs = customRole(other, "Auditor", Permission.VIEW_AUDIT_LOG, Permission.VIEW_MEMBERS);
    Account mallory = account("mallory@acme.test");
    member(acme, mallory, theirs);

    var access = tx((StoreTransaction tx) -> tx.memberships().findAccess(acme.id(), mallory.id())).orElseThrow();

    assertThat(access.role()).isEqualTo(Role.deleted(acme.id(), theirs.id()));
    assertThat(access.allows(Permission.VIEW_AUDIT_LOG)).isFalse();
    assertThat(access.allows(Permission.VIEW_MEMBERS)).isFalse();
  }

  @Test
  void the_members_page_walks_members_and_pending_invitations_by_email_across_pages() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    member(acme, owner, Role.OWNER);
    List<String> expected = new ArrayList<>(List.of("owner@acme.test"));
    for (int i = 0; i < 7; i++) {
      String email = "m" + i + "@acme.test";
      member(acme, account(email), Role.MEMBER);
      expected.add(email);
    }
    for (int i = 0; i < 5; i++) {
      String email = "i" + i + "@acme.test";
      invitation(acme, email, owner);
      expected.add(email);
    }
    Invitation expired = Invitation.issue(acme.id(), EmailAddress.of("late@acme.test"), Role.MEMBER.id(), Set.of(),
        TokenHash.of("late"), T0.minusSeconds(1), owner.id(), Optional.empty(), T0.minusSeconds(100));
    inTx(tx -> tx.invitations().insert(expired));
    expected.add("late@acme.test"); // shown with the EXPIRED badge, so it can be resent
    member(other, account("stranger@other.test"), Role.MEMBER);
    expected.sort(String::compareTo);

    List<String> seen = new ArrayList<>();
    MemberQuery query = MemberQuery.all().withPage(PageRequest.first(4));
    Page<MemberRow> page;
    int pages = 0;
    do {
      MemberQuery current = query;
      statements.reset();
      page = tx((StoreTransaction tx) -> tx.reads().memberPage(acme.id(), current, T0));
      assertThat(statements.count()).as("statements per page").isEqualTo(1);
      page.items().forEach(row -> seen.add(row.email().value()));
      query = query.withPage(query.page().next(page));
      pages++;
    } while (page.hasNext());

    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void the_members_page_filters_by_badge_role_origin_and_text() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    member(acme, owner, Role.OWNER);
    Account created = new Account(AccountId.random(), EmailAddress.of("new@acme.test"), "Newbie",
        new PasswordHash("$h$"), CredentialState.TEMPORARY, Optional.of(T0.plusSeconds(9)),
        Optional.of(acme.id()), Optional.empty(), T0, 0);
    inTx(tx -> tx.accounts().insert(created));
    inTx(tx -> tx.memberships().insert(Membership.start(acme.id(), created.id(), Role.MEMBER.id(), Set.of(),
        MembershipOrigin.CREATED_BY_ADMIN, T0)));
    Membership gone = member(acme, account("zed@acme.test", "Zed Lastname"), Role.ADMIN);
    tx((StoreTransaction tx) -> tx.memberships().update(gone.deactivate(T0.plusSeconds(1))));
    invitation(acme, "pending@acme.test", owner);

    assertThat(emails(acme, MemberQuery.all())).containsExactly("new@acme.test", "owner@acme.test", "pending@acme.test",
        "zed@acme.test");
    assertThat(emails(acme, MemberQuery.all().withBadges(MemberBadge.CREATED_BY_ADMIN))).containsExactly("new@acme.test");
    assertThat(emails(acme, MemberQuery.all().withBadges(MemberBadge.ACTIVE))).containsExactly("owner@acme.test");
    assertThat(emails(acme, MemberQuery.all().withBadges(MemberBadge.DEACTIVATED, MemberBadge.PENDING)))
        .containsExactly("pending@acme.test", "zed@acme.test");
    assertThat(emails(acme, MemberQuery.all().withRoles(Role.ADMIN.id()))).containsExactly("zed@acme.test");
    assertThat(emails(acme, MemberQuery.all().withOrigins(MembershipOrigin.INVITATION)))
        .containsExactly("owner@acme.test", "pending@acme.test", "zed@acme.test");
    assertThat(emails(acme, MemberQuery.all().withText("LASTNAME"))).containsExactly("zed@acme.test");
    assertThat(emails(acme, MemberQuery.all().withText("pend"))).containsExactly("pending@acme.test");
    assertThat(emails(acme, MemberQuery.all().withText("%"))).isEmpty();
  }

  @Test
  void an_accounts_organisations_are_paged_by_name_ignoring_case_without_deleted_ones() {
    Account alice = account("alice@x.test");
    List<String> names = List.of("beta", "Alpha", "delta", "Charlie", "echo");
    for (String name : names) {
      member(organisation(name), alice, Role.MEMBER);
    }
    Organisation deleted = organisation("Aardvark");
    member(deleted, alice, Role.OWNER);
    tx((StoreTransaction tx) -> tx.organisations().update(deleted.delete()));

    List<String> seen = new ArrayList<>();
    PageRequest request = PageRequest.first(2);
    Page<AccountOrganisation> page;
    do {
      PageRequest current = request;
      page = tx((StoreTransaction tx) -> tx.reads().organisationsOf(alice.id(), current));
      page.items().forEach(row -> seen.add(row.organisation().name()));
      request = request.next(page);
    } while (page.hasNext());

    assertThat(seen).containsExactly("Alpha", "beta", "Charlie", "delta", "echo");
  }

  @Test
  void an_accounts_organisations_read_back_membership_organisation_and_custom_role_as_written() {
    Organisation acme = organisation("Acme");
    Account alice = account("Alice.Smith@Acme.test");
    Role reviewer = customRole(acme, "Reviewer", Permission.REVIEW_JOIN_REQUESTS);
    Membership membership = member(acme, alice, reviewer, "crm");

    List<AccountOrganisation> rows = tx((StoreTransaction tx) -> tx.reads().organisationsOf(alice.id(), PageRequest.first(10))).items();

    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.organisation()).isEqualTo(acme);
      assertThat(row.membership()).isEqualTo(membership);
      assertThat(row.role()).isEqualTo(reviewer);
    });
  }

  @Test
  void a_members_address_read_back_on_the_members_page_equals_the_one_written() {
    Organisation acme = organisation("acme");
    Account typed = account(" Zoë.Müller@Acme.TEST ", "Zoë");
    Account plain = account("bob@acme.test");
    member(acme, typed, Role.MEMBER);
    member(acme, plain, Role.MEMBER);

    List<MemberRow> rows = tx((StoreTransaction tx) -> tx.reads().memberPage(acme.id(), MemberQuery.all(), T0)).items();

    assertThat(rows).extracting(MemberRow::email).containsExactly(plain.email(), typed.email());
    assertThat(typed.email().value()).isEqualTo("zoë.müller@acme.test");
  }

  @Test
  void organisations_are_found_by_part_of_their_name_ignoring_case() {
    organisation("Acme Corp");
    organisation("ACME labs");
    organisation("Globex");
    Organisation deleted = organisation("acme old");
    tx((StoreTransaction tx) -> tx.organisations().update(deleted.delete()));

    Page<Organisation> first = tx((StoreTransaction tx) -> tx.reads().searchOrganisations("cme", PageRequest.first(1)));
    Page<Organisation> second = tx((StoreTransaction tx) -> tx.reads().searchOrganisations("cme", PageRequest.first(1).next(first)));

    assertThat(first.items()).extracting(Organisation::name).containsExactly("Acme Corp");
    assertThat(second.items()).extracting(Organisation::name).containsExactly("ACME labs");
    assertThat(second.hasNext()).isFalse();
  }

  @Test
  void the_audit_log_is_paged_newest_first() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    List<AuditEvent> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      AuditEvent event = new AuditEvent(AuditEventId.random(), acme.id(), owner.id(), AuditAction.MEMBER_ROLE_CHANGED,
          Optional.of(owner.id()), "owner@acme.test", T0.plusSeconds(i / 2), Map.of("from", "Admin", "to", "\"Owner\""));
      events.add(event);
      inTx(tx -> tx.audit().append(event));
    }
    events.sort(Comparator.comparing(AuditEvent::occurredAt).thenComparing(e -> e.id().toString()).reversed());

    Page<AuditEvent> first = tx((StoreTransaction tx) -> tx.audit().page(acme.id(), PageRequest.first(3)));
    Page<AuditEvent> second = tx((StoreTransaction tx) -> tx.audit().page(acme.id(), PageRequest.first(3).next(first)));

    assertThat(first.items()).containsExactlyElementsOf(events.subList(0, 3));
    assertThat(second.items()).containsExactlyElementsOf(events.subList(3, 5));
  }

  @Test
  void join_requests_are_paged_oldest_first_and_filtered_by_status() {
    Organisation acme = organisation("acme");
    List<JoinRequest> requests = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      JoinRequest request = JoinRequest.open(acme.id(), account("r" + i + "@x.test").id(), Optional.empty(),
          T0.plusSeconds(10 - i));
      inTx(tx -> tx.joinRequests().insert(request));
      requests.add(request);
    }
    tx((StoreTransaction tx) -> tx.joinRequests().update(requests.get(0).deny(requests.get(1).accountId(), T0.plusSeconds(20))));

    Page<JoinRequest> pending = tx((StoreTransaction tx) -> tx.reads().joinRequestPage(acme.id(), Set.of(JoinRequestStatus.PENDING), PageRequest.first(2)));
    Page<JoinRequest> rest = tx((StoreTransaction tx) -> tx.reads().joinRequestPage(acme.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first(2).next(pending)));

    assertThat(pending.items()).extracting(JoinRequest::id).containsExactly(requests.get(3).id(), requests.get(2).id());
    assertThat(rest.items()).extracting(JoinRequest::id).containsExactly(requests.get(1).id());
  }

  @Test
  void deleting_a_role_moves_members_suspensions_and_pending_invitations_to_another() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Role old = customRole(acme, "Old", Permission.VIEW_MEMBERS);
    Membership active = member(acme, account("a@acme.test"), old);
    Membership suspended = tx((StoreTransaction tx) -> tx.memberships().update(member(acme, account("b@acme.test"), old).deactivate(T0)));
    Invitation invited = invitation(acme, "c@acme.test", owner, old);
    assertThat(tx((StoreTransaction tx) -> tx.roles().isInUse(acme.id(), old.id()))).isTrue();

    int moved = tx((StoreTransaction tx) -> tx.roles().reassign(acme.id(), old.id(), Role.MEMBER.id(), T0.plusSeconds(3)));
    inTx(tx -> tx.roles().delete(acme.id(), old.id()));

    assertThat(moved).isEqualTo(3);
    assertThat(tx((StoreTransaction tx) -> tx.roles().isInUse(acme.id(), old.id()))).isFalse();
    assertThat(tx((StoreTransaction tx) -> tx.memberships().find(acme.id(), active.id())).orElseThrow())
        .satisfies(m -> assertThat(m.roleId()).isEqualTo(Role.MEMBER.id()))
        .satisfies(m -> assertThat(m.version()).isEqualTo(active.version() + 1));
    assertThat(tx((StoreTransaction tx) -> tx.memberships().find(acme.id(), suspended.id())).orElseThrow().roleId())
        .isEqualTo(Role.MEMBER.id());
    assertThat(tx((StoreTransaction tx) -> tx.invitations().find(acme.id(), invited.id())).orElseThrow().roleId()).isEqualTo(Role.MEMBER.id());
    assertThat(tx((StoreTransaction tx) -> tx.roles().find(acme.id(), old.id()))).isEmpty();
  }

  @Test
  void owners_and_reviewers_are_counted_and_listed_among_active_members_only() {
    Organisation acme = organisation("acme");
    Membership first = member(acme, account("o1@acme.test"), Role.OWNER);
    Membership second = member(acme, account("o2@acme.test"), Role.OWNER);
    member(acme, account("m@acme.test"), Role.MEMBER);
    tx((StoreTransaction tx) -> tx.memberships().update(second.deactivate(T0)));

    assertThat(tx((StoreTransaction tx) -> tx.memberships().countActiveWithRole(acme.id(), Role.OWNER.id()))).isEqualTo(1);
    assertThat(tx((StoreTransaction tx) -> tx.memberships().activeWithRoles(acme.id(), Set.of(Role.OWNER.id(), Role.ADMIN.id()), 10)))
        .extracting(Membership::id).containsExactly(first.id());
    assertThat(tx((StoreTransaction tx) -> tx.memberships().hasLiveOutside(first.accountId(), acme.id()))).isFalse();
  }

  // ---- outbox

  @Test
  void the_outbox_hands_out_due_notifications_in_order_and_erases_the_link_once_delivered() {
    Organisation acme = organisation("acme");
    Notification late = notification(acme, "late@x.test", T0.plusSeconds(60));
    Notification early = notification(acme, "early@x.test", T0);
    Notification failing = notification(acme, "failing@x.test", T0.plusSeconds(1));
    inTx(tx -> {
      tx.outbox().enqueue(late);
      tx.outbox().enqueue(early);
      tx.outbox().enqueue(failing);
    });
    OutboxLease lease = OutboxLease.until(T0.plusSeconds(70));

    List<ClaimedNotification> due = tx((StoreTransaction tx) -> tx.outbox().claimDue(T0.plusSeconds(10), lease, 10));
    assertThat(due).extracting(ClaimedNotification::notification).containsExactly(early, failing);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE lease_id = '" + lease.id() + "'"))
        .isEqualTo(2);
    inTx(tx -> {
      tx.outbox().markDelivered(early.id(), T0.plusSeconds(10));
      tx.outbox().markFailed(failing.id(), lease, T0.plusSeconds(100), "java.io.IOException");
    });

    OutboxLease next = OutboxLease.until(T0.plusSeconds(200));
    assertThat(tx((StoreTransaction tx) -> tx.outbox().claimDue(T0.plusSeconds(99), next, 10)))
        .extracting(e -> e.notification().id()).containsExactly(late.id());
    List<ClaimedNotification> retry = tx((StoreTransaction tx) -> tx.outbox().claimDue(T0.plusSeconds(100), next, 10));
    assertThat(retry).extracting(e -> e.notification().id()).containsExactly(failing.id());
    assertThat(retry.getFirst().attempt()).isEqualTo(2);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE link IS NULL AND delivered_at IS NOT NULL"))
        .isEqualTo(1);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE link IS NOT NULL")).isEqualTo(2);
    assertThat(database.count("SELECT COUNT(*) FROM membership_outbox WHERE last_error = 'java.io.IOException'"))
        .isEqualTo(1);
  }

  @Test
  void the_sender_is_called_without_holding_a_connection_of_the_pool() {
    HikariPoolMXBean pool = ((HikariDataSource) database.dataSource()).getHikariPoolMXBean();
    List<Integer> busyAtEachCall = new CopyOnWriteArrayList<>();
    dev.membership.Memberships library = dev.membership.Memberships.builder()
        .notificationExecutor(Runnable::run) // delivered before the command returns: tests read the mail at once, and several libraries share one outbox
        .store(store)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .notifications(n -> busyAtEachCall.add(pool.getActiveConnections()))
        .build();
    Account account = newAccount("owner@x.test", "Owner");
    store.inTransaction(tx -> {
      tx.accounts().insert(account);
      return null;
    });
    var owner = account.id();
    var acme = library.organisations().create(owner, "acme");

    library.invitations().invite(owner, acme.id(), Invite.of("ana@x.test", Role.MEMBER));
    library.invitations().invite(owner, acme.id(), Invite.of("bo@x.test", Role.MEMBER));

    assertThat(busyAtEachCall).hasSize(2).containsOnly(0);
  }

  // ---- throttles

  @Test
  void throttle_rows_keep_only_sha256_digests_never_an_address_or_a_client_key() {
    dev.membership.Memberships membership = facade(MutableClock.at(T0));

    membership.accounts().signIn("Nobody@Nowhere.test", Password.of("a wrong passphrase"), "192.0.2.55");

    assertThat(database.count("SELECT COUNT(*) FROM membership_throttle")).isEqualTo(3);
    assertThat(database.count("SELECT COUNT(*) FROM membership_throttle WHERE failures = 1")).isEqualTo(3);
    for (String key : database.strings("SELECT key_hash FROM membership_throttle")) {
      assertThat(key).matches("[0-9a-f]{64}").doesNotContain("nowhere").doesNotContain("192.0.2.55");
    }
  }

  @Test
  void expired_throttle_rows_are_purged_as_sign_ins_go_on() {
    MutableClock clock = MutableClock.at(T0);
    dev.membership.Memberships membership = facade(clock);
    for (int i = 0; i < 100; i++) {
      membership.accounts().signIn("made-up-" + i + "@flood.test", Password.of("a wrong passphrase"));
    }
    assertThat(database.count("SELECT COUNT(*) FROM membership_throttle")).isEqualTo(100);

    clock.advance(Duration.ofHours(25));
    for (int i = 0; i < 64; i++) {
      membership.accounts().signIn("later-" + i + "@flood.test", Password.of("a wrong passphrase"));
    }

    assertThat(database.count("SELECT COUNT(*) FROM membership_throttle")).isEqualTo(64);
  }

  private dev.membership.Memberships facade(MutableClock clock) {
    return dev.membership.Memberships.builder()
        .notificationExecutor(Runnable::run) // delivered before the command returns: tests read the mail at once, and several libraries share one outbox
        .store(store)
        .clock(clock)
        .passwordHasher(new FastTestPasswordHasher())
        .notifications(notification -> { })
        .invitationLinks(token -> URI.create("https://app.test/i/" + token))
        .build();
  }

  // ---- helpers

  private List<String> emails(Organisation organisation, MemberQuery query) {
    return tx((StoreTransaction tx) -> tx.reads().memberPage(organisation.id(), query, T0)).items().stream().map(r -> r.email().value()).toList();
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  <T> T tx(Function<StoreTransaction, T> work) {
    return store.inTransaction(work::apply);
  }

  void inTx(Consumer<StoreTransaction> work) {
    store.inTransaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  static void assertFailsWith(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(MembershipException.class, e -> {
      assertThat(e).isInstanceOf(ConflictException.class);
      assertThat(e.code()).isEqualTo(code);
    });
  }

  static Account newAccount(String email) {
    return newAccount(email, email.substring(0, email.indexOf('@')));
  }

  static Account newAccount(String email, String displayName) {
    return Account.registered(EmailAddress.of(email), displayName, new PasswordHash("$test$" + email.strip()), T0);
  }

  Account account(String email) {
    return account(email, email.substring(0, email.indexOf('@')));
  }

  Account account(String email, String displayName) {
    Account account = newAccount(email, displayName);
    inTx(tx -> tx.accounts().insert(account));
    return account;
  }

  /** A new organisation, discoverable so that the search tests find it. */
  Organisation organisation(String name) {
    Organisation organisation = Organisation.create(name, T0).withDiscoverable(true);
    inTx(tx -> tx.organisations().insert(organisation));
    return organisation;
  }

  Membership member(Organisation organisation, Account account, Role role, String... grants) {
    Membership membership = Membership.start(organisation.id(), account.id(), role.id(), keys(grants),
        MembershipOrigin.INVITATION, T0);
    inTx(tx -> tx.memberships().insert(membership));
    return membership;
  }

  Entitlement entitlement(Organisation organisation, String key, Optional<Integer> seats) {
    Entitlement entitlement = new Entitlement(organisation.id(), EntitlementKey.of(key), key, seats, Optional.empty(), 0);
    inTx(tx -> tx.entitlements().insert(entitlement));
    return entitlement;
  }

  Role customRole(Organisation organisation, String name, Permission... permissions) {
    Role role = Role.custom(organisation.id(), name, Set.of(permissions));
    inTx(tx -> tx.roles().insert(role));
    return role;
  }

  static Set<EntitlementKey> keys(String... keys) {
    return Arrays.stream(keys).map(EntitlementKey::of).collect(Collectors.toUnmodifiableSet());
  }

  private static final AtomicLong TOKENS = new AtomicLong();

  static Invitation newInvitation(Organisation organisation, String email, Account invitedBy, String... grants) {
    return newInvitation(organisation, email, invitedBy, Role.MEMBER, grants);
  }

  static Invitation newInvitation(Organisation organisation, String email, Account invitedBy, Role role, String... grants) {
    return Invitation.issue(organisation.id(), EmailAddress.of(email), role.id(), keys(grants),
        TokenHash.of("token-" + TOKENS.incrementAndGet()), T0.plus(Duration.ofDays(7)), invitedBy.id(), Optional.empty(), T0);
  }

  Invitation invitation(Organisation organisation, String email, Account invitedBy, String... grants) {
    Invitation invitation = newInvitation(organisation, email, invitedBy, grants);
    inTx(tx -> tx.invitations().insert(invitation));
    return invitation;
  }

  Invitation invitation(Organisation organisation, String email, Account invitedBy, Role role) {
    Invitation invitation = newInvitation(organisation, email, invitedBy, role);
    inTx(tx -> tx.invitations().insert(invitation));
    return invitation;
  }

  static Notification notification(Organisation organisation, String recipient, Instant at) {
    return new Notification(NotificationId.random(), NotificationType.INVITATION, Optional.of(organisation.id()),
        EmailAddress.of(recipient), Map.of("organisationName", organisation.name(), "quote", "say \"hi\"\\"),
        Optional.of(URI.create("https://app.test/i/secret-" + recipient)), at);
  }
}
