package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.ErasedAccount;
import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.CredentialState;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.OrganisationStatus;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.domain.SessionsToEnd;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.spi.ThrottleKey;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: erasing a person (GDPR art. 17). The account loses its address, name and password; the
 * organisations keep their history under one stable pseudonym; the address is free again; the
 * last owner of a team must hand over first; an organisation of one ends with its member.
 */
public abstract class ErasureContract extends StoreContractSupport {
  private static final String MO = "mo@acme.test";
  private static final Password PASSWORD = Password.of(TestMembership.PASSWORD);

  private OrganisationFixture acme() {
    return kit().organisation("Acme").withMembers(MO).create();
  }

  private List<AuditEvent> log(OrganisationId organisation) {
    return tx(t -> t.audit().page(organisation, PageRequest.first(200))).items();
  }

  private Account stored(AccountId id) {
    return find(t -> t.accounts().find(id)).orElseThrow();
  }

  @Test
  void erasing_ones_own_account_pseudonymises_the_person_and_the_organisation_keeps_its_history() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    var membership = acme.membership(MO);

    ErasedAccount erased = membership().erasure().eraseOwnAccount(mo, PASSWORD);

    assertThat(erased.account()).isEqualTo(mo);
    assertThat(erased.pseudonym()).matches("Former member [0-9A-F]{6}");
    assertThat(erased.organisationsLeft()).containsExactly(acme.id());
    assertThat(erased.organisationsEnded()).isEmpty();
    Account account = stored(mo);
    assertThat(account.credentialState()).isEqualTo(CredentialState.ERASED);
    assertThat(account.displayName()).isEqualTo(erased.pseudonym());
    assertThat(account.email().value()).endsWith("@" + Account.ERASED_DOMAIN).doesNotContain("mo");
    assertThat(account.lastSignInAt()).isEmpty();
    assertThat(membership().accounts().findByEmail(MO)).isEmpty();
    // The membership ends as removed, its row kept as history.
    assertThat(find(t -> t.memberships().find(acme.id(), membership)).orElseThrow().status())
        .isEqualTo(MembershipStatus.REMOVED);
    List<AuditEvent> log = log(acme.id());
    assertThat(log).filteredOn(e -> e.action() == AuditAction.MEMBER_ERASED).singleElement().satisfies(e -> {
      assertThat(e.subjectAccount()).contains(mo);
      assertThat(e.subject()).isEqualTo(erased.pseudonym());
      assertThat(e.details()).containsEntry("by", "SELF");
    });
    // Every entry about the person (the invitation, the acceptance, the erasure) names the pseudonym.
    assertThat(log).filteredOn(e -> e.subjectAccount().equals(Optional.of(mo)) || e.action() == AuditAction.INVITATION_SENT)
        .hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(e -> assertThat(e.subject()).isEqualTo(erased.pseudonym()));
    assertThat(log).allSatisfy(e -> {
      assertThat(e.subject()).doesNotContain(MO);
      assertThat(e.details().values()).noneMatch(v -> v.contains(MO));
    });
    // The owner still reads the whole log, the person named by the pseudonym.
    assertThat(membership().audit().listWithActors(acme.owner(), acme.id(), PageRequest.first(50)).items())
        .isNotEmpty();
  }

  @Test
  void the_pseudonym_is_the_same_in_every_organisation_and_is_not_derived_from_the_address() {
    OrganisationFixture acme = acme();
    OrganisationFixture beta = kit().organisation("Beta").create();
    AccountId mo = acme.account(MO);
    kit().join(beta.id(), beta.owner(), MO, Role.MEMBER);

    ErasedAccount first = membership().erasure().eraseOnRequest("ticket 1", mo);

    List<AuditEvent> about = new ArrayList<>(log(acme.id()));
    about.addAll(log(beta.id()));
    assertThat(about).filteredOn(e -> e.subjectAccount().equals(Optional.of(mo)))
        .extracting(AuditEvent::subject).hasSizeGreaterThanOrEqualTo(4).containsOnly(first.pseudonym());
    // The same address erased again (a new account of it) gets another pseudonym: nothing about the
    // address decides it, so nobody can guess an address from a pseudonym.
    AccountId again = kit().account(MO);
    ErasedAccount second = membership().erasure().eraseOnRequest("ticket 2", again);
    assertThat(second.pseudonym()).isNotEqualTo(first.pseudonym());
    assertThat(stored(again).email()).isNotEqualTo(stored(mo).email());
  }

  @Test
  void after_erasure_the_address_registers_a_new_account_with_no_link_to_the_old_one() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    membership().erasure().eraseOwnAccount(mo, PASSWORD);

    AccountId fresh = kit().account(MO, "Mo Again");

    assertThat(fresh).isNotEqualTo(mo);
    assertThat(membership().organisations().of(fresh, PageRequest.first(10)).items()).isEmpty();
    assertThat(membership().accounts().events(fresh, PageRequest.first(10)).items())
        .extracting(AccountEvent::type).containsExactly(AccountEventType.EMAIL_VERIFIED);
    assertThat(membership().accounts().findByEmail(MO).orElseThrow().id()).isEqualTo(fresh);
    assertThat(stored(mo).isErased()).isTrue();
  }

  @Test
  void the_erased_account_cannot_sign_in_and_the_host_hears_to_end_its_sessions_and_erase_its_own_data() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    List<MembershipEvent> heard = Collections.synchronizedList(new ArrayList<>());
    kit().listener(heard::add);

    ErasedAccount erased = membership().erasure().eraseOwnAccount(mo, PASSWORD);

    assertThat(membership().accounts().signIn(MO, PASSWORD)).isInstanceOf(SignInResult.Failed.class);
    assertThat(membership().accounts().signIn(stored(mo).email().value(), PASSWORD))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(heard).filteredOn(AccountEvent.class::isInstance).map(AccountEvent.class::cast).singleElement()
        .satisfies(event -> {
          assertThat(event.type()).isEqualTo(AccountEventType.ACCOUNT_ERASED);
          assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.All(mo));
          assertThat(event.details()).containsEntry("by", "SELF");
        });
    assertThat(heard).filteredOn(AuditEvent.class::isInstance).map(AuditEvent.class::cast)
        .filteredOn(e -> e.action() == AuditAction.MEMBER_ERASED).singleElement()
        .satisfies(e -> assertThat(e.sessionsToEnd()).contains(new SessionsToEnd.InOrganisation(mo, acme.id())));
    // The account's history keeps the erasure only.
    assertThat(membership().accounts().events(mo, PageRequest.first(10)).items())
        .extracting(AccountEvent::type).containsExactly(AccountEventType.ACCOUNT_ERASED);
    assertThat(erased.toString()).doesNotContain(MO);
  }

  @Test
  void a_wrong_password_erases_nothing() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);

    assertFailsWith(ErrorCode.INVALID_CREDENTIALS,
        () -> membership().erasure().eraseOwnAccount(mo, Password.of("not the password at all")));

    assertThat(stored(mo).email().value()).isEqualTo(MO);
    assertThat(kit().membershipOf(acme.id(), mo).isActive()).isTrue();
  }

  @Test
  void the_last_owner_of_an_organisation_with_other_members_is_refused_until_someone_else_is_owner() {
    OrganisationFixture acme = acme();
    AccountId owner = acme.owner();

    assertThatThrownBy(() -> membership().erasure().eraseOwnAccount(owner, PASSWORD))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.LAST_OWNER);
          assertThat(e.fields()).singleElement().satisfies(f -> {
            assertThat(f.field()).isEqualTo("organisation");
            assertThat(f.message()).isEqualTo(acme.id().toString());
          });
        });
    // Nothing half-written: the owner is whole, still owner, the log unchanged.
    assertThat(stored(owner).isErased()).isFalse();
    assertThat(kit().membershipOf(acme.id(), owner).isActive()).isTrue();
    assertThat(log(acme.id())).noneMatch(e -> e.action() == AuditAction.MEMBER_ERASED);

    membership().members().changeRole(owner, acme.id(), acme.membership(MO), Role.OWNER.id());
    ErasedAccount erased = membership().erasure().eraseOwnAccount(owner, PASSWORD);

    assertThat(erased.organisationsEnded()).isEmpty();
    assertThat(find(t -> t.organisations().find(acme.id())).orElseThrow().status()).isEqualTo(OrganisationStatus.ACTIVE);
  }

  @Test
  void an_organisation_whose_only_member_is_erased_ends_with_them_and_keeps_its_history() {
    AccountId solo = kit().account("solo@home.test");
    Organisation home = membership().organisations().create(solo, "Home");

    ErasedAccount erased = membership().erasure().eraseOwnAccount(solo, PASSWORD);

    assertThat(erased.organisationsEnded()).containsExactly(home.id());
    assertThat(find(t -> t.organisations().find(home.id())).orElseThrow().status())
        .isEqualTo(OrganisationStatus.DELETED);
    assertThat(log(home.id())).extracting(AuditEvent::action)
        .contains(AuditAction.ORGANISATION_CREATED, AuditAction.MEMBER_ERASED, AuditAction.ORGANISATION_DELETED);
  }

  @Test
  void erasing_twice_is_refused_and_changes_nothing_the_second_time() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    List<MembershipEvent> heard = Collections.synchronizedList(new ArrayList<>());
    kit().listener(heard::add);
    ErasedAccount first = membership().erasure().eraseOnRequest("ticket 7", mo);
    Account after = stored(mo);

    assertFailsWith(ErrorCode.ACCOUNT_ALREADY_ERASED, () -> membership().erasure().eraseOnRequest("ticket 7", mo));
    assertFailsWith(ErrorCode.ACCOUNT_ALREADY_ERASED, () -> membership().erasure().eraseOwnAccount(mo, PASSWORD));

    assertThat(stored(mo)).isEqualTo(after);
    assertThat(after.displayName()).isEqualTo(first.pseudonym());
    assertThat(heard).filteredOn(AccountEvent.class::isInstance).hasSize(1);
    assertFailsWith(ErrorCode.ACCOUNT_NOT_FOUND, () -> membership().erasure().eraseOnRequest("x", AccountId.random()));
  }

  @Test
  void the_operator_names_the_request_and_a_blank_name_is_refused_on_its_field() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    List<MembershipEvent> heard = Collections.synchronizedList(new ArrayList<>());
    kit().listener(heard::add);

    assertThatThrownBy(() -> membership().erasure().eraseOnRequest("  ", mo))
        .isInstanceOfSatisfying(MembershipException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
          assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("requestedBy"));
        });
    assertThat(stored(mo).isErased()).isFalse();

    membership().erasure().eraseOnRequest("Support ticket 4711", mo);

    assertThat(heard).filteredOn(AccountEvent.class::isInstance).map(AccountEvent.class::cast).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("by", "OPERATOR")
            .containsEntry("requestedBy", "Support ticket 4711"));
  }

  @Test
  void invitations_sign_ups_notifications_throttles_and_requests_of_the_person_are_erased() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    OrganisationFixture beta = kit().organisation("Beta").create();
    OrganisationFixture gamma = kit().organisation("Gamma").create();
    membership().organisations().setDiscoverable(gamma.owner(), gamma.id(), true);
    membership().joinRequests().request(mo, gamma.id(), Optional.of("Hi, I am Mo from mo@acme.test"));
    // An invitation to the address whose e-mail is still waiting in the outbox.
    kit().mailbox().failNext(1);
    Invitation pending = membership().invitations().invite(beta.owner(), beta.id(), Invite.of(MO, Role.MEMBER));
    assertThat(membership().accounts().signIn(MO, Password.of("a wrong password guess"))).isNotNull();

    ErasedAccount erased = membership().erasure().eraseOnRequest("ticket 9", mo);

    assertThat(erased.invitationsCancelled()).isEqualTo(1);
    Invitation cancelled = find(t -> t.invitations().find(beta.id(), pending.id())).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(InvitationStatus.CANCELLED);
    assertThat(cancelled.email()).isEqualTo(stored(mo).email());
    assertThat(list(t -> t.invitations().pendingTo(EmailAddress.of(MO), 10))).isEmpty();
    assertThat(tx(t -> t.reads().memberCounts(beta.id())).invited()).isZero();
    assertThat(log(beta.id())).filteredOn(e -> e.action() == AuditAction.INVITATION_SENT).singleElement()
        .satisfies(e -> assertThat(e.subject()).isEqualTo(erased.pseudonym()));
    assertThat(log(beta.id())).filteredOn(e -> e.action() == AuditAction.INVITATION_CANCELLED).singleElement()
        .satisfies(e -> assertThat(e.details()).containsEntry("reason", "ADDRESS_ERASED"));
    assertThat(list(t -> t.signUps().ofAddress(EmailAddress.of(MO), T0.minus(Duration.ofDays(365)), 10))).isEmpty();
    kit().clock().advance(Duration.ofDays(1));
    assertThat(dueAt(kit().clock().instant())).noneMatch(c -> c.notification().recipient().value().equals(MO));
    JoinRequest request = tx(t -> t.reads().joinRequestsOf(mo, java.util.Set.of(), PageRequest.first(10))).items()
        .get(0).request();
    assertThat(request.status()).isEqualTo(JoinRequestStatus.WITHDRAWN);
    assertThat(request.message()).isEmpty();
    ThrottleKey addressKey = ThrottleKey.of("sign-in address:" + MO);
    assertThat(tx(t -> t.throttles().lock(List.of(addressKey), kit().clock().instant())).get(0).failures()).isZero();
  }

  @Test
  void erasing_a_person_also_pseudonymises_them_in_an_organisation_deleted_before() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    String name = stored(mo).displayName();
    var membership = acme.membership(MO);
    membership().members().changeRole(acme.owner(), acme.id(), membership, Role.ADMIN.id());
    membership().organisations().delete(acme.owner(), acme.id(), "Acme");

    ErasedAccount erased = membership().erasure().eraseOnRequest("ticket 12", mo);

    assertThat(erased.organisationsLeft()).isEmpty();
    // The former owner still reads the deleted organisation's log: the person is the pseudonym there too.
    List<AuditEvent> log = membership().audit().list(acme.owner(), acme.id(), PageRequest.first(50)).items();
    assertThat(log).extracting(AuditEvent::action)
        .contains(AuditAction.INVITATION_SENT, AuditAction.MEMBER_ROLE_CHANGED, AuditAction.ORGANISATION_DELETED);
    assertThat(log).filteredOn(e -> e.subjectAccount().equals(Optional.of(mo)) || e.action() == AuditAction.INVITATION_SENT)
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(e -> assertThat(e.subject()).isEqualTo(erased.pseudonym()));
    assertThat(log).allSatisfy(e -> {
      assertThat(e.subject()).doesNotContain(MO).isNotEqualTo(name);
      assertThat(e.details().values()).noneMatch(v -> v.contains(MO) || v.contains(name));
    });
    // The membership stays the removed row it was, and nothing waits in the outbox for the address.
    assertThat(find(t -> t.memberships().find(acme.id(), membership)).orElseThrow().status())
        .isEqualTo(MembershipStatus.REMOVED);
    kit().clock().advance(Duration.ofDays(1));
    assertThat(dueAt(kit().clock().instant())).noneMatch(c -> c.notification().recipient().value().equals(MO));
  }

  @Test
  void erasing_while_an_invitation_to_the_person_is_being_accepted_leaves_no_live_membership_and_no_address() {
    OrganisationFixture acme = acme();
    AccountId mo = acme.account(MO);
    OrganisationFixture beta = kit().organisation("Beta").create();
    membership().invitations().invite(beta.owner(), beta.id(), Invite.of(MO, Role.MEMBER));
    String token = kit().invitationTokenTo(MO);

    List<Callable<Optional<Throwable>>> both = List.of(
        () -> attempt(() -> membership().invitations().accept(mo, token)),
        () -> attempt(() -> membership().erasure().eraseOnRequest("ticket 11", mo)));
    List<Optional<Throwable>> outcomes = Races.race(both);

    assertThat(outcomes.get(1)).isEmpty();
    assertThat(stored(mo).isErased()).isTrue();
    assertThat(find(t -> t.memberships().findLive(beta.id(), mo))).isEmpty();
    assertThat(find(t -> t.memberships().findLive(acme.id(), mo))).isEmpty();
    assertThat(list(t -> t.invitations().pendingTo(EmailAddress.of(MO), 10))).isEmpty();
    assertThat(log(beta.id())).allSatisfy(e -> assertThat(e.subject()).doesNotContain(MO));
  }

  private static Optional<Throwable> attempt(Runnable call) {
    try {
      call.run();
      return Optional.empty();
    } catch (MembershipException refused) {
      return Optional.of(refused);
    }
  }

  @Test
  void the_store_frees_the_address_of_an_erased_account_at_once() {
    Account mo = account(MO);
    Account erased = mo.erase(EmailAddress.of("former-member-1@" + Account.ERASED_DOMAIN), "Former member 000001");

    Account stored = tx(t -> t.accounts().storeErased(erased));
    inTx(t -> t.accounts().insert(newAccount(MO)));

    assertThat(stored.version()).isEqualTo(mo.version() + 1);
    assertThat(find(t -> t.accounts().find(mo.id()))).contains(stored);
    assertThat(find(t -> t.accounts().findByEmail(EmailAddress.of(MO))).orElseThrow().id()).isNotEqualTo(mo.id());
    assertFailsWith(ErrorCode.CONCURRENT_MODIFICATION, () -> inTx(t -> t.accounts().storeErased(erased)));
    assertThat(stored.toString()).doesNotContain(MO).doesNotContain(mo.passwordHash().encoded());
  }

  @Test
  void the_store_deletes_every_notification_to_an_address_and_no_other() {
    EmailAddress address = EmailAddress.of(MO);
    Organisation acme = organisation("Acme");
    Notification pending = newNotification(acme.id(), MO, T0);
    Notification delivered = newNotification(acme.id(), MO, T0.minusSeconds(60));
    Notification other = newNotification(acme.id(), "eve@acme.test", T0);
    inTx(t -> {
      t.outbox().enqueue(delivered);
      t.outbox().enqueue(pending);
      t.outbox().enqueue(other);
      t.outbox().markDelivered(delivered.id(), T0);
    });

    int deleted = tx(t -> t.outbox().deleteTo(address));

    assertThat(deleted).isEqualTo(2);
    assertThat(dueAt(T0.plusSeconds(1))).extracting(c -> c.notification().id()).containsExactly(other.id());
    assertThat(tx(t -> (Integer) t.outbox().purgeDelivered(T0.plusSeconds(3600), 10)).intValue()).isZero();
  }

  @Test
  void the_store_pseudonymises_the_audit_entries_about_a_person_and_no_others() {
    Organisation acme = organisation("Acme");
    Account mo = account(MO);
    Account eve = account("eve@acme.test");
    AuditEvent about = new AuditEvent(dev.membership.domain.AuditEventId.random(), acme.id(), eve.id(),
        AuditAction.MEMBER_ROLE_CHANGED, Optional.of(mo.id()), MO, T0, Map.of("note", "was " + MO, "to", "ADMIN"));
    AuditEvent invited = new AuditEvent(dev.membership.domain.AuditEventId.random(), acme.id(), eve.id(),
        AuditAction.INVITATION_SENT, Optional.empty(), MO, T0.plusSeconds(1), Map.of());
    AuditEvent unrelated = new AuditEvent(dev.membership.domain.AuditEventId.random(), acme.id(), mo.id(),
        AuditAction.MEMBER_REMOVED, Optional.of(eve.id()), "eve@acme.test", T0.plusSeconds(2), Map.of());
    inTx(t -> {
      t.audit().append(about);
      t.audit().append(invited);
      t.audit().append(unrelated);
    });

    int changed = tx(t -> t.audit().pseudonymise(mo.id(), EmailAddress.of(MO), "Former member ABCDEF"));

    assertThat(changed).isEqualTo(2);
    assertThat(log(acme.id())).containsExactly(unrelated,
        new AuditEvent(invited.id(), acme.id(), eve.id(), AuditAction.INVITATION_SENT, Optional.empty(),
            "Former member ABCDEF", invited.occurredAt(), Map.of()),
        new AuditEvent(about.id(), acme.id(), eve.id(), AuditAction.MEMBER_ROLE_CHANGED, Optional.of(mo.id()),
            "Former member ABCDEF", T0, Map.of("note", "was Former member ABCDEF", "to", "ADMIN")));
  }
}
