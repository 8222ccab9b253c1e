package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipId;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.Organisation;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.Race;
import dev.membership.jooq.support.Race.Outcome;
import dev.membership.jooq.support.TwoInstances;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Commands racing each other on one database from two application instances (two connection pools),
 * started together by a barrier: the database, not luck, decides, and exactly one outcome stands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConcurrencyBehaviour {
  private static final int ROUNDS = 8;

  TwoInstances instances;
  int organisations;

  abstract DatabaseKind kind();

  @BeforeAll
  void start() {
    instances = TwoInstances.on(kind());
  }

  @AfterAll
  void stop() {
    if (instances != null) {
      instances.close();
    }
  }

  @AfterEach
  void noNotificationWasDeliveredTwice() {
    List<NotificationId> ids = instances.delivered().stream().map(Notification::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void twenty_accepts_of_one_invitation_make_exactly_one_membership() {
    AccountId owner = instances.register("owner-accept@x.test");
    Organisation acme = instances.a.organisations().create(owner, "acme accept");
    instances.a.invitations().invite(owner, acme.id(), Invite.of("ana@x.test", Role.MEMBER));
    AccountId ana = instances.register("ana@x.test");
    String token = instances.invitationTokenTo("ana@x.test");

    List<Callable<?>> accepts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Memberships instance = i % 2 == 0 ? instances.a : instances.b;
      accepts.add(() -> instance.invitations().accept(ana, token));
    }
    List<Outcome> outcomes = Race.run(accepts);

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertOnlyDomainErrors(outcomes);
    String org = acme.id().toString();
    assertThat(count("SELECT COUNT(*) FROM membership_member WHERE organisation_id = '" + org + "' AND account_id = '"
        + ana + "'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM membership_invitation WHERE organisation_id = '" + org
        + "' AND status = 'ACCEPTED' AND accepted_by = '" + ana + "'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM membership_audit_event WHERE organisation_id = '" + org
        + "' AND action = 'INVITATION_ACCEPTED'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM membership_outbox WHERE organisation_id = '" + org
        + "' AND notification_type = 'INVITATION_ACCEPTED'")).isEqualTo(1);
  }

  @Test
  void approve_and_deny_of_one_join_request_at_once_leave_one_outcome() {
    AccountId owner = instances.register("owner-review@x.test");
    AccountId admin = instances.register("admin-review@x.test");
    Organisation acme = instances.a.organisations().create(owner, "acme review");
    instances.a.invitations().invite(owner, acme.id(), Invite.of("admin-review@x.test", Role.ADMIN));
    instances.a.invitations().accept(admin, instances.invitationTokenTo("admin-review@x.test"));

    for (int round = 0; round < ROUNDS; round++) {
      String email = "asker" + round + "@x.test";
      AccountId asker = instances.register(email);
      JoinRequest request = instances.b.joinRequests().request(asker, acme.id(), Optional.of("round " + round));

      List<Outcome> outcomes = Race.run(List.of(
          () -> instances.a.joinRequests().approve(owner, acme.id(), request.id()),
          () -> instances.b.joinRequests().deny(admin, acme.id(), request.id())));

      assertThat(outcomes).as("round %s", round).filteredOn(Outcome::succeeded).hasSize(1);
      assertOnlyDomainErrors(outcomes);
      boolean approved = outcomes.get(0).succeeded();
      String status = approved ? JoinRequestStatus.APPROVED.name() : JoinRequestStatus.DENIED.name();
      assertThat(count("SELECT COUNT(*) FROM membership_join_request WHERE id = '" + request.id() + "' AND status = '"
          + status + "'")).as("round %s", round).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM membership_invitation WHERE organisation_id = '" + acme.id()
          + "' AND email = '" + email + "' AND status = '" + InvitationStatus.PENDING + "'"))
          .as("invitations after %s in round %s", status, round).isEqualTo(approved ? 1 : 0);
    }
  }

  @Test
  void two_owners_demoting_each_other_at_once_leave_one_owner() {
    for (int round = 0; round < ROUNDS; round++) {
      AccountId first = instances.register("first" + round + "@x.test");
      AccountId second = instances.register("second" + round + "@x.test");
      Organisation acme = instances.a.organisations().create(first, "acme owners " + round);
      instances.a.invitations().invite(first, acme.id(), Invite.of("second" + round + "@x.test", Role.OWNER));
      MembershipId secondMembership = instances.a.invitations()
          .accept(second, instances.invitationTokenTo("second" + round + "@x.test")).id();
      MembershipId firstMembership = instances.a.members().find(first, acme.id(), first).orElseThrow().id();

      List<Outcome> outcomes = Race.run(List.of(
          () -> instances.a.members().changeRole(first, acme.id(), secondMembership, Role.ADMIN.id()),
          () -> instances.b.members().changeRole(second, acme.id(), firstMembership, Role.ADMIN.id())));

      assertThat(outcomes).as("round %s", round).filteredOn(Outcome::succeeded).hasSize(1);
      assertOnlyDomainErrors(outcomes);
      assertThat(count("SELECT COUNT(*) FROM membership_member WHERE organisation_id = '" + acme.id()
          + "' AND role_id = 'owner' AND status = 'ACTIVE'")).as("owners after round %s", round).isEqualTo(1);
    }
  }

  @Test
  void the_same_address_invited_twice_at_once_has_one_pending_invitation() {
    AccountId owner = instances.register("owner-invite@x.test");
    AccountId admin = instances.register("admin-invite@x.test");
    Organisation acme = instances.a.organisations().create(owner, "acme invite");
    instances.a.invitations().invite(owner, acme.id(), Invite.of("admin-invite@x.test", Role.ADMIN));
    instances.a.invitations().accept(admin, instances.invitationTokenTo("admin-invite@x.test"));

    for (int round = 0; round < ROUNDS; round++) {
      String email = "twice" + round + "@x.test";
      List<Outcome> outcomes = Race.run(List.of(
          () -> instances.a.invitations().invite(owner, acme.id(), Invite.of(email, Role.MEMBER)),
          () -> instances.b.invitations().invite(admin, acme.id(), Invite.of(email, Role.MEMBER))));

      assertThat(outcomes).as("round %s", round).filteredOn(Outcome::succeeded).hasSize(1);
      assertOnlyDomainErrors(outcomes);
      assertThat(outcomes).filteredOn(o -> !o.succeeded()).allSatisfy(o -> assertThat(o.error())
          .isInstanceOfAny(ConflictException.class, ConcurrentModificationException.class));
      assertThat(count("SELECT COUNT(*) FROM membership_invitation WHERE organisation_id = '" + acme.id()
          + "' AND email = '" + email + "'")).as("invitations in round %s", round).isEqualTo(1);
      assertThat(count("SELECT COUNT(*) FROM membership_outbox WHERE organisation_id = '" + acme.id()
          + "' AND recipient = '" + email + "'")).as("invitation e-mails in round %s", round).isEqualTo(1);
    }
  }

  @Test
  void two_invitations_at_once_at_the_daily_limit_send_exactly_one() {
    try (TwoInstances limited = TwoInstances.on(kind(), MembershipPolicy.defaults().withInvitationsPerDay(2))) {
      AccountId owner = limited.register("owner-limit@x.test");
      AccountId admin = limited.register("admin-limit@x.test");
      for (int round = 0; round < ROUNDS; round++) {
        Organisation acme = limited.a.organisations().create(owner, "acme limit " + round);
        limited.a.invitations().invite(owner, acme.id(), Invite.of("admin-limit@x.test", Role.ADMIN));
        limited.a.invitations().accept(admin, limited.invitationTokenTo("admin-limit@x.test"));
        String first = "first" + round + "@x.test";
        String second = "second" + round + "@x.test";

        List<Outcome> outcomes = Race.run(List.of(
            () -> limited.a.invitations().invite(owner, acme.id(), Invite.of(first, Role.MEMBER)),
            () -> limited.b.invitations().invite(admin, acme.id(), Invite.of(second, Role.MEMBER))));

        assertThat(outcomes).as("round %s", round).filteredOn(Outcome::succeeded).hasSize(1);
        assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> assertThat(o.error())
            .isInstanceOfSatisfying(MembershipException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITATION_LIMIT_REACHED)));
        assertThat(limited.database.count("SELECT COUNT(*) FROM membership_outbox WHERE organisation_id = '" + acme.id()
            + "' AND notification_type = 'INVITATION'")).as("invitation e-mails in round %s", round).isEqualTo(2);
      }
    }
  }

  @Test
  void two_look_alike_roles_created_at_once_leave_one() {
    AccountId owner = instances.register("owner-roles@x.test");
    Organisation acme = instances.a.organisations().create(owner, "acme roles");

    for (int round = 0; round < ROUNDS; round++) {
      // A Latin B and a Cyrillic VE: the same name to a reader, held apart only by the role table's unique keys.
      String latin = "Billing " + round;
      String cyrillic = "\u0412illing " + round;
      List<Outcome> outcomes = Race.run(List.of(
          () -> instances.a.roles().create(owner, acme.id(), RoleDefinition.of(latin, Permission.VIEW_MEMBERS)),
          () -> instances.b.roles().create(owner, acme.id(), RoleDefinition.of(cyrillic, Permission.VIEW_MEMBERS))));

      assertThat(outcomes).as("round %s", round).filteredOn(Outcome::succeeded).hasSize(1);
      assertThat(outcomes).filteredOn(o -> !o.succeeded()).singleElement().satisfies(o -> assertThat(o.error())
          .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROLE_NAME_TAKEN)));
      assertThat(count("SELECT COUNT(*) FROM membership_role WHERE organisation_id = '" + acme.id() + "'"))
          .as("roles after round %s", round).isEqualTo(round + 1);
    }
  }

  @Test
  void dispatchers_of_two_instances_delivering_at_once_send_each_notification_once() {
    AccountId owner = instances.register("owner-outbox@x.test");
    Organisation acme = instances.a.organisations().create(owner, "acme outbox");
    List<NotificationId> queued = new ArrayList<>();
    JooqMembershipStore store = JooqMembershipStore.create(instances.database.dataSource());
    store.inTransaction(tx -> {
      for (int i = 0; i < 300; i++) {
        Notification notification = new Notification(NotificationId.random(), NotificationType.ACCOUNT_CREATED, Optional.of(acme.id()),
            EmailAddress.of("n" + i + "@x.test"), Map.of(), Optional.empty(), Instant.now().minusSeconds(60));
        tx.outbox().enqueue(notification);
        queued.add(notification.id());
      }
      return null;
    });

    List<Outcome> outcomes = Race.run(List.of(
        () -> instances.a.outbox().deliverDue(), () -> instances.b.outbox().deliverDue(),
        () -> instances.a.outbox().deliverDue(), () -> instances.b.outbox().deliverDue()));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.error()).isNull());
    assertThat(outcomes.stream().mapToInt(o -> (Integer) o.value()).sum()).isEqualTo(queued.size());
    assertThat(instances.delivered().stream().map(Notification::id).filter(queued::contains))
        .hasSize(queued.size()).doesNotHaveDuplicates();
  }

  @Test
  void wrong_guesses_racing_through_two_instances_get_only_the_five_free_ones_between_them() {
    instances.register("guessed@x.test");

    for (int round = 0; round < ROUNDS; round++) {
      String email = round == 0 ? "guessed@x.test" : "made-up" + round + "@x.test";
      String source = "198.51.100." + round;
      Password wrong = Password.of("a wrong guess, number " + round);
      List<Callable<?>> guesses = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Memberships instance = i % 2 == 0 ? instances.a : instances.b;
        guesses.add(() -> instance.accounts().signIn(email, wrong, source));
      }
      List<Outcome> outcomes = Race.run(guesses);

      assertThat(outcomes).as("round %s", round).allSatisfy(o -> assertThat(o.error()).isNull());
      assertThat(outcomes).as("round %s: %s", round, outcomes).filteredOn(o -> o.value() instanceof SignInResult.Failed).hasSize(5);
      assertThat(outcomes).as("round %s", round).filteredOn(o -> o.value() instanceof SignInResult.Throttled).hasSize(7);
    }
  }

  private static void assertOnlyDomainErrors(List<Outcome> outcomes) {
    Function<Outcome, String> describe = o -> o.error().getClass().getSimpleName() + ": " + o.error().getMessage();
    List<Outcome> failures = outcomes.stream().filter(o -> !o.succeeded()).toList();
    assertThat(failures)
        .as("the losers fail with typed domain errors: %s",
            failures.stream().map(describe).collect(Collectors.joining("; ")))
        .allSatisfy(o -> assertThat(o.error()).isInstanceOf(MembershipException.class));
    assertThat(failures).allSatisfy(o -> assertThat(((MembershipException) o.error()).code())
        .isIn(ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.ALREADY_MEMBER, ErrorCode.INVITATION_NO_LONGER_VALID,
            ErrorCode.INVITATION_ALREADY_PENDING, ErrorCode.LAST_OWNER, ErrorCode.PERMISSION_DENIED,
            ErrorCode.ILLEGAL_STATE_TRANSITION, ErrorCode.MEMBER_ALREADY_ACTIVE, ErrorCode.MEMBER_ALREADY_DEACTIVATED,
            ErrorCode.MEMBER_ALREADY_REMOVED, ErrorCode.INVITATION_ALREADY_ACCEPTED, ErrorCode.INVITATION_ALREADY_CANCELLED,
            ErrorCode.JOIN_REQUEST_ALREADY_ANSWERED, ErrorCode.JOIN_REQUEST_WITHDRAWN));
  }

  private long count(String sql) {
    return instances.database.count(sql);
  }
}
