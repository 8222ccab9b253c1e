package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.DomainEnrollment;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.error.ErrorCode;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.NotificationSender;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.MutableClock;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: the audit log (every change, who, what, to whom, when; newest first), the outbox
 * (delivered only after commit, retried with backoff, idempotency keys; a failed command leaves no
 * trace) and optimistic versions (a stale change fails cleanly).
 */
public abstract class AuditAndOutboxContract extends StoreContractSupport {

  private List<AuditEvent> auditOf(TestMembership kit, OrganisationFixture org) {
    return kit.membership().audit().list(org.owner(), org.id(), PageRequest.first(200)).items();
  }

  /** A library on {@code store} that hands notifications to {@code sender}, with a test clock and hasher. */
  private static Memberships libraryWith(MembershipStore store, MutableClock clock,
      NotificationSender sender, boolean deliverAfterCommit) {
    return Memberships.builder()
        .store(store)
        .clock(clock)
        .passwordHasher(new FastTestPasswordHasher())
        .notifications(sender)
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .deliverNotificationsAfterCommit(deliverAfterCommit)
        // In the committing thread: no delivery of this library may still run when the next test's
        // library, on the same outbox, commits (it would claim that one's notifications).
        .notificationExecutor(Runnable::run)
        .build();
  }

  @Test
  void every_change_appends_an_audit_event_saying_who_did_what_to_whom_and_when() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    Instant created = kit().clock().instant();
    kit().clock().advance(Duration.ofMinutes(1));
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));
    kit().clock().advance(Duration.ofMinutes(1));
    AccountId ana = membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"),
        NewMemberDetails.of("Ana", "a passphrase ana chose herself")).account().id();
    MembershipId anaMembership = acme.membership(ana);
    for (int step = 0; step < 4; step++) {
      kit().clock().advance(Duration.ofMinutes(1));
      switch (step) {
        case 0 -> membership().members().changeRole(acme.owner(), acme.id(), anaMembership, Role.ADMIN.id());
        case 1 -> membership().members().deactivate(acme.owner(), acme.id(), anaMembership);
        case 2 -> membership().members().reactivate(acme.owner(), acme.id(), anaMembership);
        default -> membership().members().remove(acme.owner(), acme.id(), anaMembership);
      }
    }

    List<AuditEvent> log = auditOf(kit(), acme);

    assertThat(log).extracting(AuditEvent::action).containsExactly(
        AuditAction.MEMBER_REMOVED,
        AuditAction.MEMBER_REACTIVATED,
        AuditAction.MEMBER_DEACTIVATED,
        AuditAction.MEMBER_ROLE_CHANGED,
        AuditAction.INVITATION_ACCEPTED,
        AuditAction.INVITATION_SENT,
        AuditAction.ORGANISATION_CREATED);
    assertThat(log).extracting(AuditEvent::occurredAt).containsExactly(
        created.plus(Duration.ofMinutes(6)), created.plus(Duration.ofMinutes(5)), created.plus(Duration.ofMinutes(4)),
        created.plus(Duration.ofMinutes(3)), created.plus(Duration.ofMinutes(2)), created.plus(Duration.ofMinutes(1)),
        created);
    assertThat(log).extracting(AuditEvent::actor).containsExactly(
        acme.owner(), acme.owner(), acme.owner(), acme.owner(), ana, acme.owner(), acme.owner());
    assertThat(log.subList(0, 5)).allSatisfy(event -> {
      assertThat(event.subjectAccount()).contains(ana);
      assertThat(event.subject()).isEqualTo("ana@acme.test");
      assertThat(event.organisationId()).isEqualTo(acme.id());
    });
    assertThat(log.get(3).details()).containsEntry("from", "Member").containsEntry("to", "Admin");
    assertThat(log.get(5).subject()).isEqualTo("ana@acme.test");
  }

  @Test
  void the_audit_log_is_read_newest_first_in_pages() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(2).withMembers(2).create();
    List<AuditEvent> all = auditOf(kit(), acme);

    List<AuditEvent> walked = walk(3, request -> membership().audit().list(acme.owner(), acme.id(), request));

    assertThat(all).hasSize(9);
    assertThat(walked).containsExactlyElementsOf(all);
  }

  @Test
  void only_members_who_may_view_the_audit_log_read_it() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).withMembers(1).create();

    assertFailsWith(ErrorCode.PERMISSION_DENIED,
        () -> membership().audit().list(acme.members().getFirst(), acme.id(), PageRequest.first()));
    assertThat(membership().audit().list(acme.admins().getFirst(), acme.id(), PageRequest.first()).items()).isNotEmpty();
  }

  @Test
  void one_organisations_audit_log_shows_nothing_of_another() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers(1).create();
    OrganisationFixture globex = kit().organisation("Globex").create();

    assertThat(auditOf(kit(), globex)).extracting(AuditEvent::organisationId).containsOnly(globex.id());
    assertThat(auditOf(kit(), globex)).extracting(AuditEvent::action).containsExactly(AuditAction.ORGANISATION_CREATED);
    assertThat(auditOf(kit(), acme)).extracting(AuditEvent::organisationId).containsOnly(acme.id());
  }

  @Test
  void notifications_are_handed_over_only_after_the_change_committed() throws InterruptedException {
    ObservedStore observed = new ObservedStore(store());
    List<Boolean> committedAtDelivery = new CopyOnWriteArrayList<>();
    MutableClock clock = MutableClock.standard();
    Memberships library = libraryWith(observed, clock, n -> committedAtDelivery.add(observed.committed(n.id())), true);
    AccountId olga = kit().account("olga@acme.test", "Olga");
    OrganisationId acme = library.organisations().create(olga, "Acme").id();

    library.invitations().invite(olga, acme, Invite.of("ana@acme.test", Role.MEMBER));
    library.invitations().invite(olga, acme, Invite.of("bo@acme.test", Role.MEMBER));
    assertThat(library.outbox().awaitDeliveries(Duration.ofSeconds(30))).isTrue();

    assertThat(committedAtDelivery).hasSize(2).containsOnly(true);
  }

  @Test
  void a_command_whose_commit_fails_leaves_neither_rows_nor_audit_events_nor_notifications() {
    ObservedStore observed = new ObservedStore(store());
    TestMembership kit = TestMembership.on(observed);
    OrganisationFixture acme = kit.organisation("Acme").create();
    int auditBefore = auditOf(kit, acme).size();

    observed.failNextCommit();
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER)));

    assertThat(kit.mailbox().deliveredTo("ana@acme.test")).isEmpty();
    assertThat(kit.membership().outbox().deliverDue()).isZero();
    assertThat(kit.mailbox().deliveredTo("ana@acme.test")).isEmpty();
    assertThat(kit.membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING))
        .items()).isEmpty();
    assertThat(auditOf(kit, acme)).hasSize(auditBefore);
    kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));
    assertThat(kit.mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(1);
  }

  @Test
  void a_failed_delivery_is_retried_by_the_outbox_after_the_backoff() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    kit().mailbox().failNext(1);

    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));
    assertThat(kit().mailbox().deliveredTo("ana@acme.test")).isEmpty();
    assertThat(membership().outbox().deliverDue()).isZero();
    kit().clock().advance(Duration.ofSeconds(29));
    assertThat(membership().outbox().deliverDue()).isZero();
    kit().clock().advance(Duration.ofSeconds(1));

    assertThat(membership().outbox().deliverDue()).isEqualTo(1);
    assertThat(kit().mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(1);
    assertThat(membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"),
        NewMemberDetails.of("Ana", "a passphrase ana chose herself")).membership().isActive()).isTrue();
    kit().mailbox().awaitDeliveries();
    assertThat(membership().outbox().deliverDue()).isZero();
  }

  @Test
  void each_notification_keeps_one_idempotency_key_across_delivery_attempts() {
    List<Notification> attempts = new CopyOnWriteArrayList<>();
    MutableClock clock = MutableClock.standard();
    Memberships library = libraryWith(store(), clock, n -> {
      attempts.add(n);
      if (attempts.size() == 1) {
        throw new IOException("the mail server is down");
      }
    }, false);
    AccountId olga = kit().account("olga@acme.test", "Olga");
    OrganisationId acme = library.organisations().create(olga, "Acme").id();
    library.invitations().invite(olga, acme, Invite.of("ana@acme.test", Role.MEMBER));
    library.invitations().invite(olga, acme, Invite.of("bo@acme.test", Role.MEMBER));

    int first = library.outbox().deliverDue();
    clock.advance(Duration.ofMinutes(1));
    int retried = library.outbox().deliverDue();

    assertThat(first).isEqualTo(1);
    assertThat(retried).isEqualTo(1);
    assertThat(attempts).hasSize(3);
    List<String> toAna = new ArrayList<>();
    attempts.stream().filter(n -> n.recipient().value().equals("ana@acme.test")).forEach(n -> toAna.add(n.idempotencyKey()));
    List<String> toBo = attempts.stream().filter(n -> n.recipient().value().equals("bo@acme.test"))
        .map(Notification::idempotencyKey).toList();
    assertThat(toAna).hasSize(2).containsOnly(toAna.getFirst());
    assertThat(toBo).hasSize(1).doesNotContain(toAna.getFirst());
  }

  @Test
  void with_delivery_after_commit_turned_off_the_outbox_hands_over_everything_when_asked() {
    List<Notification> sent = new CopyOnWriteArrayList<>();
    Memberships library = libraryWith(store(), MutableClock.standard(), sent::add, false);
    AccountId olga = kit().account("olga@acme.test", "Olga");
    OrganisationId acme = library.organisations().create(olga, "Acme").id();
    library.invitations().invite(olga, acme, Invite.of("ana@acme.test", Role.MEMBER));
    assertThat(sent).isEmpty();

    assertThat(library.outbox().deliverDue()).isEqualTo(1);
    assertThat(library.outbox().deliverDue()).isZero();

    assertThat(sent).singleElement().satisfies(n -> {
      assertThat(n.type()).isEqualTo(NotificationType.INVITATION);
      assertThat(n.link()).isPresent();
    });
  }

  @Test
  void a_stale_change_fails_with_concurrent_modification_and_writes_nothing() {
    ObservedStore observed = new ObservedStore(store());
    TestMembership kit = TestMembership.on(observed);
    OrganisationFixture acme = kit.organisation("Acme").withMembers(1).create();
    AccountId member1 = acme.members().getFirst();
    var seen = kit.membershipOf(acme.id(), member1);
    kit.membership().members().changeRole(acme.owner(), acme.id(), seen.id(), Role.ADMIN.id());
    int auditBefore = auditOf(kit, acme).size();

    observed.serveStale(seen);
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION,
        () -> kit.membership().members().deactivate(acme.owner(), acme.id(), seen.id()));

    assertThat(kit.membership().access().has(member1, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(auditOf(kit, acme)).hasSize(auditBefore);
    kit.membership().members().deactivate(acme.owner(), acme.id(), seen.id());
    assertThat(kit.membership().access().permissions(member1, acme.id())).isEmpty();
  }

  @Test
  void the_outbox_delivers_more_than_one_batch_in_one_call() {
    List<Notification> sent = new CopyOnWriteArrayList<>();
    Memberships library = libraryWith(store(), MutableClock.standard(), sent::add, false);
    AccountId olga = kit().account("olga@acme.test", "Olga");
    OrganisationId acme = library.organisations().create(olga, "Acme").id();
    for (int i = 1; i <= 120; i++) {
      library.invitations().invite(olga, acme, Invite.of("i%03d@acme.test".formatted(i), Role.MEMBER));
    }

    int delivered = library.outbox().deliverDue();

    assertThat(delivered).isEqualTo(120);
    assertThat(sent).extracting(n -> n.recipient().value()).doesNotHaveDuplicates().hasSize(120);
    assertThat(library.outbox().deliverDue()).isZero();
  }

  @Test
  void listeners_hear_of_a_removal_after_it_committed_and_a_failing_listener_undoes_nothing() {
    List<String> heard = new CopyOnWriteArrayList<>();
    MutableClock clock = MutableClock.standard();
    MembershipStore store = store();
    Memberships library = Memberships.builder()
        .store(store)
        .clock(clock)
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .listener(event -> {
          throw new IllegalStateException("a listener that fails");
        })
        .listener(event -> {
          if (event instanceof AuditEvent audit && audit.action() == AuditAction.MEMBER_REMOVED) {
            var status = store.inTransaction(tx -> tx.memberships().findLive(audit.organisationId(), audit.subjectAccount().orElseThrow()));
            heard.add(audit.subject() + (status.isEmpty() ? " is gone" : " is still there"));
          }
        })
        .build();
    AccountId olga = kit().account("olga@acme.test", "Olga");
    OrganisationId acme = library.organisations().create(olga, "Acme").id();
    var bo = library.members().createDirectly(olga, acme,
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    var removed = library.members().remove(olga, acme, bo.membership().id());

    assertThat(removed.status()).isEqualTo(MembershipStatus.REMOVED);
    assertThat(heard).containsExactly("bo@acme.test is gone");
    assertThat(find(tx -> tx.memberships().find(acme, bo.membership().id()))).hasValueSatisfying(
        m -> assertThat(m.status()).isEqualTo(MembershipStatus.REMOVED));
  }

  @Test
  void every_kind_of_change_leaves_its_own_audit_event() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("mo@acme.test", "max@acme.test").create();
    AccountId owner = acme.owner();
    OrganisationId id = acme.id();
    var m = membership();
    m.organisations().rename(owner, id, "Acme Corporation");
    m.organisations().setDiscoverable(owner, id, true);
    var role = m.roles().create(owner, id, RoleDefinition.of("Support", Permission.VIEW_MEMBERS));
    m.roles().update(owner, id, role.id(), RoleDefinition.of("Support team", Permission.VIEW_MEMBERS));
    m.roles().delete(owner, id, role.id());
    m.entitlements().define(owner, id, EntitlementDefinition.of("analytics", "Analytics"));
    m.entitlements().update(owner, id, EntitlementDefinition.of("analytics", "Analytics").withSeats(10));
    m.entitlements().define(owner, id, EntitlementDefinition.of("trial", "Trial").until(kit().clock().instant().plus(Duration.ofDays(3))));
    m.entitlements().extend(owner, id, EntitlementKey.of("trial"), kit().clock().instant().plus(Duration.ofDays(5)));
    m.entitlements().sendEndNotices();
    MembershipId mo = acme.membership("mo@acme.test");
    m.members().grantAccess(owner, id, mo, EntitlementKey.of("analytics"));
    m.members().revokeAccess(owner, id, mo, EntitlementKey.of("analytics"));
    m.members().changeRole(owner, id, mo, Role.ADMIN.id());
    m.members().deactivate(owner, id, mo);
    m.members().reactivate(owner, id, mo);
    m.members().remove(owner, id, mo);
    m.members().leave(acme.account("max@acme.test"), id);
    var bo = m.members().createDirectly(owner, id, NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    m.members().resendCredentials(owner, id, bo.membership().id());
    m.members().changePassword(owner, id, bo.membership().id(), Password.of("another temporary one"));
    var toAna = m.invitations().invite(owner, id, Invite.of("ana@acme.test", Role.MEMBER));
    m.invitations().resend(owner, id, toAna.id());
    m.invitations().cancel(owner, id, toAna.id());
    m.invitations().invite(owner, id, Invite.of("eve@acme.test", Role.MEMBER));
    kit().clock().advance(Duration.ofDays(8));
    m.invitations().invite(owner, id, Invite.of("eve@acme.test", Role.MEMBER));
    m.invitations().acceptAsNewAccount(kit().invitationTokenTo("eve@acme.test"), NewMemberDetails.of("Eve", "eve has a long passphrase"));
    OrganisationFixture other = kit().organisation("Other").create();
    m.members().createDirectly(other.owner(), other.id(), NewAccount.generatedPassword("zed@x.test", "Zed", Role.MEMBER));
    m.invitations().invite(owner, id, Invite.of("zed@x.test", Role.MEMBER));
    m.invitations().acceptAsNewAccount(kit().invitationTokenTo("zed@x.test"), NewMemberDetails.of("Zed", "zed claims it back"));
    AccountId pat = kit().account("pat@x.test");
    AccountId sam = kit().account("sam@x.test");
    AccountId ray = kit().account("ray@x.test");
    m.joinRequests().approve(owner, id, m.joinRequests().request(pat, id, Optional.empty()).id());
    m.joinRequests().deny(owner, id, m.joinRequests().request(sam, id, Optional.empty()).id());
    m.joinRequests().withdraw(ray, m.joinRequests().request(ray, id, Optional.empty()).id());
    // Verified domains: proved through an accepted invitation, then taken over by another's DNS proof;
    // another proved by DNS enrols an account automatically; one removed.
    var shared = m.domains().add(owner, id, "acme-corp.example");
    m.invitations().invite(owner, id, Invite.of("dee@acme-corp.example", Role.MEMBER));
    m.invitations().acceptAsNewAccount(kit().invitationTokenTo("dee@acme-corp.example"),
        NewMemberDetails.of("Dee", "dee has a long passphrase"));
    m.domains().setEnrollment(owner, id, shared.id(), DomainEnrollment.suggest());
    var theirs = m.domains().add(other.owner(), other.id(), "acme-corp.example");
    m.domains().verify(other.owner(), other.id(), theirs.id(), List.of(theirs.txtRecordValue()));
    var own = m.domains().add(owner, id, "acme-dns.example");
    m.domains().verify(owner, id, own.id(), List.of(own.txtRecordValue()));
    m.domains().setEnrollment(owner, id, own.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    AccountId kim = kit().account("kim@acme-dns.example");
    m.domains().enrol(kim);
    m.domains().remove(owner, id, shared.id());
    m.erasure().eraseOnRequest("request 1", kim);
    m.organisations().delete(owner, id, m.organisations().get(owner, id).name());

    List<AuditEvent> log = list(tx -> tx.audit().page(id, PageRequest.first(200)).items());

    assertThat(log).extracting(AuditEvent::action).containsAll(EnumSet.allOf(AuditAction.class));
    assertThat(log.getFirst().action()).isEqualTo(AuditAction.ORGANISATION_DELETED);
    assertThat(log).allSatisfy(event -> assertThat(event.organisationId()).isEqualTo(id));
  }

  @Test
  void a_delivery_that_fails_after_commit_does_not_fail_the_command_and_is_delivered_later() {
    ObservedStore observed = new ObservedStore(store());
    TestMembership kit = TestMembership.on(observed);
    OrganisationFixture acme = kit.organisation("Acme").create();

    observed.failNextClaim();
    kit.membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));

    assertThat(kit.mailbox().deliveredTo("ana@acme.test")).isEmpty();
    assertThat(kit.membership().members().list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING))
        .items()).hasSize(1);
    assertThat(kit.membership().outbox().deliverDue()).isEqualTo(1);
    assertThat(kit.mailbox().deliveredTo("ana@acme.test", NotificationType.INVITATION)).hasSize(1);
  }
}
