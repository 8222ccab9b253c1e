package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventId;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.Organisation;
import dev.membership.domain.Password;
import dev.membership.domain.Role;
import dev.membership.domain.SessionsToEnd;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.InvalidCredentialsException;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: every change to who can sign in as an account is an {@link AccountEvent}, stored in the
 * account's own history in the change's transaction and heard by listeners after commit, telling the
 * host which sessions to end; organisation events say which access ends. Port: the
 * {@link dev.membership.spi.AccountEventStore} keeps and pages an account's history exactly.
 */
public abstract class AccountEventsContract extends StoreContractSupport {
  private static final String OWN = "a passphrase of my very own";

  private final List<MembershipEvent> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  final void forgetWhatWasHeard() {
    heard.clear();
  }

  /** The library on this test's store and clock, with a listener that records what it hears. */
  private Memberships listening() {
    return listeningTo(store());
  }

  private Memberships listeningTo(MembershipStore store) {
    Memberships library = Memberships.builder()
        .store(store)
        .clock(kit().clock())
        .notifications(kit().mailbox())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .listener(heard::add)
        .build();
    kit().mailbox().awaitingDeliveriesOf(library);
    return library;
  }

  private List<AccountEvent> accountEventsHeard() {
    return heard.stream().filter(AccountEvent.class::isInstance).map(AccountEvent.class::cast).toList();
  }

  private List<AccountEvent> historyOf(AccountId account) {
    return walk(PageRequest.MAX_LIMIT, page -> membership().accounts().events(account, page));
  }

  // ---- what each change tells the host

  @Test
  void changing_ones_own_password_emits_password_changed_telling_the_host_to_end_the_other_sessions() {
    AccountId ana = kit().account("ana@acme.test");
    List<String> visibleWhenHeard = new CopyOnWriteArrayList<>();
    Memberships library = Memberships.builder()
        .store(store())
        .clock(kit().clock())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .listener(heard::add)
        .listener(event -> visibleWhenHeard.add(event + " stored: "
            + store().inTransaction(tx -> tx.accountEvents().page(ana, PageRequest.first())).items().contains(event)))
        .build();

    library.accounts().changePassword(ana, Password.of(TestMembership.PASSWORD), Password.of(OWN));

    assertThat(heard).singleElement().isInstanceOfSatisfying(AccountEvent.class, event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.PASSWORD_CHANGED);
      assertThat(event.accountId()).isEqualTo(ana);
      assertThat(event.actor()).isEqualTo(ana);
      assertThat(event.organisationId()).isEmpty();
      assertThat(event.occurredAt()).isEqualTo(kit().clock().instant());
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.AllButCurrent(ana));
    });
    assertThat(visibleWhenHeard).as("heard after commit").singleElement().asString().endsWith("stored: true");
    // Newest first, after the EMAIL_VERIFIED that began the history of the signed-up account.
    assertThat(historyOf(ana)).startsWith(accountEventsHeard().toArray(AccountEvent[]::new))
        .extracting(AccountEvent::type).containsExactly(AccountEventType.PASSWORD_CHANGED, AccountEventType.EMAIL_VERIFIED);
  }

  @Test
  void completing_the_forced_change_at_first_sign_in_emits_temporary_password_replaced_ending_the_other_sessions() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    var bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    AccountId account = bo.account().id();

    listening().accounts().changePassword(account, bo.temporaryPassword(), Password.of(OWN));

    assertThat(accountEventsHeard()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.TEMPORARY_PASSWORD_REPLACED);
      assertThat(event.actor()).isEqualTo(account);
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.AllButCurrent(account));
    });
    assertThat(historyOf(account)).containsExactlyElementsOf(accountEventsHeard());
  }

  @Test
  void an_admins_credentials_resend_emits_credentials_reset_ending_every_session_of_the_account() {
    OrganisationFixture acme = kit().organisation("Acme").withAdmins(1).create();
    AccountId admin = acme.admins().get(0);
    var bo = membership().members().createDirectly(admin, acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    listening().members().resendCredentials(admin, acme.id(), bo.membership().id());

    AccountId account = bo.account().id();
    assertThat(accountEventsHeard()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.CREDENTIALS_RESET);
      assertThat(event.accountId()).isEqualTo(account);
      assertThat(event.actor()).isEqualTo(admin);
      assertThat(event.organisationId()).contains(acme.id());
      assertThat(event.details()).containsEntry("auditAction", AuditAction.MEMBER_CREDENTIALS_RESENT.name());
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.All(account));
    });
    // The organisation's audit keeps its own entry; the change asks for its sessions to end once.
    assertThat(heard).filteredOn(AuditEvent.class::isInstance).singleElement()
        .isInstanceOfSatisfying(AuditEvent.class, audit -> {
          assertThat(audit.action()).isEqualTo(AuditAction.MEMBER_CREDENTIALS_RESENT);
          assertThat(audit.sessionsToEnd()).isEmpty();
        });
    assertThat(membership().audit().list(acme.owner(), acme.id(), PageRequest.first(1)).items())
        .extracting(AuditEvent::action).containsExactly(AuditAction.MEMBER_CREDENTIALS_RESENT);
    assertThat(historyOf(account)).containsExactlyElementsOf(accountEventsHeard());
  }

  @Test
  void an_admins_password_change_emits_credentials_reset_ending_every_session_of_the_account() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    var bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    listening().members().changePassword(acme.owner(), acme.id(), bo.membership().id(),
        Password.of("set by the admin for bo"));

    AccountId account = bo.account().id();
    assertThat(accountEventsHeard()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.CREDENTIALS_RESET);
      assertThat(event.actor()).isEqualTo(acme.owner());
      assertThat(event.organisationId()).contains(acme.id());
      assertThat(event.details()).containsEntry("auditAction", AuditAction.MEMBER_PASSWORD_CHANGED_BY_ADMIN.name());
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.All(account));
    });
    assertThat(historyOf(account)).containsExactlyElementsOf(accountEventsHeard());
  }

  @Test
  void claiming_an_admin_created_account_through_an_invitation_emits_account_claimed_ending_every_session() {
    OrganisationFixture first = kit().organisation("First").create();
    var created = membership().members().createDirectly(first.owner(), first.id(),
        NewAccount.generatedPassword("vic@mail.test", "Vic", Role.MEMBER));
    OrganisationFixture acme = kit().organisation("Acme").create();
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("vic@mail.test", Role.MEMBER));

    var claimed = listening().invitations()
        .acceptAsNewAccount(kit().invitationTokenTo("vic@mail.test"), NewMemberDetails.of("Victoria", OWN));

    AccountId account = created.account().id();
    assertThat(claimed.account().id()).isEqualTo(account);
    assertThat(accountEventsHeard()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.ACCOUNT_CLAIMED);
      assertThat(event.accountId()).isEqualTo(account);
      assertThat(event.actor()).isEqualTo(account);
      assertThat(event.organisationId()).contains(acme.id());
      assertThat(event.details()).containsEntry("createdBy", first.id().toString());
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.All(account));
    });
    assertThat(historyOf(account)).containsExactlyElementsOf(accountEventsHeard());
  }

  @Test
  void a_person_accepting_as_a_new_account_or_signing_up_without_verifying_emits_no_account_event() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("new@acme.test", Role.MEMBER));
    Memberships library = listening();

    var joined = library.invitations().acceptAsNewAccount(kit().invitationTokenTo("new@acme.test"),
        NewMemberDetails.of("New", OWN));
    library.accounts().register(Registration.of("reg@mail.test", "Reg", OWN));

    assertThat(accountEventsHeard()).isEmpty();
    assertThat(historyOf(joined.account().id())).isEmpty();
    assertThat(membership().accounts().findByEmail("reg@mail.test")).isEmpty();
  }

  @Test
  void verifying_a_sign_up_starts_the_new_accounts_history_with_email_verified_which_ends_no_session() {
    Memberships library = listening();
    library.accounts().register(Registration.of("reg@mail.test", "Reg", OWN));

    Account registered = library.accounts().verifyEmail(kit().verificationTokenTo("reg@mail.test"), Password.of(OWN));

    assertThat(accountEventsHeard()).singleElement().satisfies(event -> {
      assertThat(event.type()).isEqualTo(AccountEventType.EMAIL_VERIFIED);
      assertThat(event.accountId()).isEqualTo(registered.id());
      assertThat(event.actor()).isEqualTo(registered.id());
      assertThat(event.organisationId()).isEmpty();
      assertThat(event.occurredAt()).isEqualTo(kit().clock().instant());
      assertThat(event.sessionsToEnd()).isEmpty();
    });
    assertThat(historyOf(registered.id())).extracting(AccountEvent::type).containsExactly(AccountEventType.EMAIL_VERIFIED);
  }

  @Test
  void deactivating_removing_or_a_member_leaving_ends_that_members_access_to_the_organisation_only() {
    OrganisationFixture acme = kit().organisation("Acme")
        .withMembers("de@acme.test", "re@acme.test", "le@acme.test").create();
    Memberships library = listening();

    library.members().deactivate(acme.owner(), acme.id(), acme.membership("de@acme.test"));
    library.members().remove(acme.owner(), acme.id(), acme.membership("re@acme.test"));
    library.members().leave(acme.account("le@acme.test"), acme.id());

    assertThat(heard).extracting(MembershipEvent::sessionsToEnd).containsExactly(
        Optional.of(new SessionsToEnd.InOrganisation(acme.account("de@acme.test"), acme.id())),
        Optional.of(new SessionsToEnd.InOrganisation(acme.account("re@acme.test"), acme.id())),
        Optional.of(new SessionsToEnd.InOrganisation(acme.account("le@acme.test"), acme.id())));
    assertThat(accountEventsHeard()).as("who can sign in as the accounts did not change").isEmpty();
  }

  @Test
  void deleting_an_organisation_ends_everyones_access_to_it() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("mo@acme.test").create();

    listening().organisations().delete(acme.owner(), acme.id(), "Acme");

    assertThat(heard).singleElement().extracting(MembershipEvent::sessionsToEnd)
        .isEqualTo(Optional.of(new SessionsToEnd.EveryoneInOrganisation(acme.id())));
  }

  @Test
  void a_change_of_role_or_a_reactivation_ends_no_session() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("mo@acme.test").create();
    Memberships library = listening();
    membership().members().deactivate(acme.owner(), acme.id(), acme.membership("mo@acme.test"));

    library.members().reactivate(acme.owner(), acme.id(), acme.membership("mo@acme.test"));
    library.members().changeRole(acme.owner(), acme.id(), acme.membership("mo@acme.test"), Role.ADMIN.id());

    assertThat(heard).hasSize(2).allSatisfy(event -> assertThat(event.sessionsToEnd()).isEmpty());
  }

  // ---- the account's own history

  @Test
  void the_account_reads_its_own_events_newest_first_page_by_page() {
    OrganisationFixture acme = kit().organisation("Acme").withMembers("mo@acme.test").create();
    var bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    AccountId account = bo.account().id();
    // Two resets at one instant (ties broken by id), then changes a minute apart.
    membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id());
    Password temporary = membership().members().resendCredentials(acme.owner(), acme.id(), bo.membership().id());
    kit().clock().advance(Duration.ofMinutes(1));
    membership().accounts().changePassword(account, temporary, Password.of(OWN));
    kit().clock().advance(Duration.ofMinutes(1));
    membership().accounts().changePassword(account, Password.of(OWN), Password.of(OWN + " again"));
    kit().clock().advance(Duration.ofMinutes(1));
    membership().accounts().changePassword(account, Password.of(OWN + " again"), Password.of(OWN));
    // Another account's history stays its own.
    membership().accounts().changePassword(acme.account("mo@acme.test"), Password.of(TestMembership.PASSWORD),
        Password.of(OWN));

    List<AccountEvent> history = walk(2, page -> membership().accounts().events(account, page));

    assertThat(history).extracting(AccountEvent::type).containsExactly(AccountEventType.PASSWORD_CHANGED,
        AccountEventType.PASSWORD_CHANGED, AccountEventType.TEMPORARY_PASSWORD_REPLACED,
        AccountEventType.CREDENTIALS_RESET, AccountEventType.CREDENTIALS_RESET);
    assertThat(history).extracting(AccountEvent::accountId).containsOnly(account);
    assertThat(history).isSortedAccordingTo(Comparator.comparing(AccountEvent::occurredAt)
        .thenComparing(e -> e.id().toString()).reversed());
    assertThat(history.get(3).id().toString()).as("the later reset first").isGreaterThan(history.get(4).id().toString());
    assertThat(historyOf(acme.account("mo@acme.test"))).extracting(AccountEvent::type)
        .containsExactly(AccountEventType.PASSWORD_CHANGED);
  }

  // ---- a failed change leaves no trace

  @Test
  void a_refused_password_change_with_a_wrong_current_password_emits_and_stores_nothing() {
    AccountId ana = kit().account("ana@acme.test");

    assertThatThrownBy(() -> listening().accounts().changePassword(ana, Password.of("not the current one"),
        Password.of(OWN))).isInstanceOf(InvalidCredentialsException.class);

    assertThat(heard).isEmpty();
    assertThat(historyOf(ana)).as("only the sign-up's").extracting(AccountEvent::type)
        .containsExactly(AccountEventType.EMAIL_VERIFIED);
    assertThat(membership().accounts().signIn("ana@acme.test", Password.of(TestMembership.PASSWORD)))
        .isInstanceOf(dev.membership.SignInResult.SignedIn.class);
  }

  @Test
  void a_credentials_reset_whose_commit_fails_emits_and_stores_nothing() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    var bo = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    ObservedStore observed = new ObservedStore(store());
    Memberships library = listeningTo(observed);
    observed.failNextCommitCalling("accountEvents");

    assertThatThrownBy(() -> library.members().resendCredentials(acme.owner(), acme.id(), bo.membership().id()))
        .isInstanceOf(ConcurrentModificationException.class);

    assertThat(heard).isEmpty();
    assertThat(historyOf(bo.account().id())).isEmpty();
    assertThat(membership().accounts().signIn("bo@acme.test", bo.temporaryPassword()))
        .as("the old temporary password still works").isInstanceOf(dev.membership.SignInResult.PasswordChangeRequired.class);
  }

  // ---- the port

  @Test
  void an_account_event_reads_back_exactly_as_appended() {
    Organisation acme = organisation("Acme");
    Account ana = account("ana@acme.test");
    Account admin = account("admin@acme.test");
    AccountEvent reset = new AccountEvent(AccountEventId.random(), ana.id(), admin.id(), Optional.of(acme.id()),
        AccountEventType.CREDENTIALS_RESET, Instant.parse("2026-01-05T09:00:00.123456789Z"),
        Map.of("auditAction", "MEMBER_CREDENTIALS_RESENT", "note", "quotes \" back\\slash, ünïcödé ✓"));
    AccountEvent changed = new AccountEvent(AccountEventId.random(), ana.id(), ana.id(), Optional.empty(),
        AccountEventType.PASSWORD_CHANGED, at(60), Map.of());

    inTx(tx -> {
      tx.accountEvents().append(reset);
      tx.accountEvents().append(changed);
    });

    assertThat(tx(tx -> tx.accountEvents().page(ana.id(), PageRequest.first())).items()).containsExactly(changed, reset);
    assertThat(tx(tx -> tx.accountEvents().page(admin.id(), PageRequest.first())).items())
        .as("only the account's own events").isEmpty();
  }

  @Test
  void an_account_event_appended_in_a_transaction_that_rolls_back_is_gone() {
    Account ana = account("ana@acme.test");
    AccountEvent event = new AccountEvent(AccountEventId.random(), ana.id(), ana.id(), Optional.empty(),
        AccountEventType.PASSWORD_CHANGED, T0, Map.of());

    assertThatThrownBy(() -> inTx(tx -> {
      tx.accountEvents().append(event);
      throw new IllegalStateException("the command failed after writing its event");
    })).hasMessageContaining("failed after writing");

    assertThat(tx(tx -> tx.accountEvents().page(ana.id(), PageRequest.first())).items()).isEmpty();
  }

  @Test
  void an_accounts_history_pages_newest_first_then_by_id_descending_through_ties() {
    Account ana = account("ana@acme.test");
    Account bob = account("bob@acme.test");
    List<AccountEvent> appended = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      // Four instants, several events at each: the id breaks the ties.
      appended.add(new AccountEvent(AccountEventId.random(), ana.id(), ana.id(), Optional.empty(),
          AccountEventType.values()[i % AccountEventType.values().length], at(i % 4), Map.of("n", "" + i)));
    }
    AccountEvent bobs = new AccountEvent(AccountEventId.random(), bob.id(), bob.id(), Optional.empty(),
        AccountEventType.PASSWORD_CHANGED, at(2), Map.of());
    inTx(tx -> {
      appended.forEach(tx.accountEvents()::append);
      tx.accountEvents().append(bobs);
    });

    List<AccountEvent> expected = appended.stream().sorted(Comparator.comparing(AccountEvent::occurredAt)
        .thenComparing(e -> e.id().toString()).reversed()).toList();
    for (int limit : new int[] {1, 3, 4, 11, 50}) {
      assertThat(walk(limit, page -> tx(tx -> tx.accountEvents().page(ana.id(), page))))
          .as("pages of %d", limit).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void events_of_an_unknown_account_are_an_empty_page() {
    assertThat(membership().accounts().events(AccountId.random(), PageRequest.first()).items()).isEmpty();
  }
}
