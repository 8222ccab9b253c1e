package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.CreatedMember;
import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.RegistrationReceipt;
import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Role;
import dev.membership.domain.SessionsToEnd;
import dev.membership.domain.SignUp;
import dev.membership.domain.SignUpStatus;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.PasswordHasher;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.TransactionWork;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Behaviour: self-registration proves the address before an account exists; signing up answers the
 * same for a taken and a free address; proving the address claims an account an admin created that
 * nobody has used yet; sign-up e-mails per address are bounded per day (the bounds kept on throttle
 * counters are {@link ProbeBoundsContract}'s). Port: the {@link dev.membership.spi.SignUps} keep, page,
 * update and purge exactly.
 */
public abstract class SignUpContract extends StoreContractSupport {
  private static final String ANAS = "ana's own long passphrase";
  private static final String MALLORYS = "mallory's own long passphrase";

  private RegistrationReceipt register(String email, String name, String password) {
    return membership().accounts().register(Registration.of(email, name, password));
  }

  private String tokenTo(String email) {
    return kit().verificationTokenTo(email);
  }

  private Account verify(String token, String password) {
    return membership().accounts().verifyEmail(token, Password.of(password));
  }

  private List<SignUp> signUpsOf(String email) {
    return list(tx -> tx.signUps().ofAddress(EmailAddress.of(email), Instant.EPOCH, 1_000));
  }

  private List<Notification> mailTo(String email) {
    return kit().mailbox().deliveredTo(email);
  }

  // ---- no account before the address is proved

  @Test
  void an_address_cannot_be_squatted_by_registering_it_first() {
    register("victoria@mail.test", "Not Victoria", MALLORYS);

    assertThat(membership().accounts().findByEmail("victoria@mail.test")).as("an account before proof").isEmpty();
    assertThat(membership().accounts().signIn("victoria@mail.test", Password.of(MALLORYS)))
        .isEqualTo(new SignInResult.Failed());
    // Victoria signs up herself and follows her own link: the account is hers, with her name and password.
    register("victoria@mail.test", "Victoria", "victoria's own long passphrase");
    Account victoria = verify(tokenTo("victoria@mail.test"), "victoria's own long passphrase");

    assertThat(victoria.displayName()).isEqualTo("Victoria");
    assertThat(membership().accounts().signIn("victoria@mail.test", Password.of("victoria's own long passphrase")))
        .isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("victoria@mail.test", Password.of(MALLORYS)))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(signUpsOf("victoria@mail.test")).extracting(SignUp::status)
        .containsExactly(SignUpStatus.VERIFIED, SignUpStatus.ENDED);
  }

  @Test
  void following_a_verification_link_someone_else_caused_creates_nothing_without_their_password() {
    register("victoria@mail.test", "Not Victoria", MALLORYS);
    String malloryCaused = tokenTo("victoria@mail.test"); // it reached Victoria's inbox, not Mallory's

    assertFailsWith(ErrorCode.INVALID_CREDENTIALS, () -> verify(malloryCaused, "victoria's own long passphrase"));

    assertThat(membership().accounts().findByEmail("victoria@mail.test")).isEmpty();
    assertThat(signUpsOf("victoria@mail.test")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo(SignUpStatus.AWAITING_VERIFICATION));
  }

  // ---- the same answer for a taken and a free address

  @Test
  void registering_a_taken_and_a_free_address_answers_the_same_and_sends_the_right_e_mail_to_each() {
    kit().registeredAccount("taken@mail.test", "Owner", ANAS);
    kit().clock().advance(Duration.ofDays(1));
    kit().mailbox().clear();

    RegistrationReceipt taken = register(" Taken@Mail.test", "Mallory", MALLORYS);
    RegistrationReceipt free = register(" Free@Mail.test", "Mallory", MALLORYS);

    assertThat(taken).isEqualTo(new RegistrationReceipt(EmailAddress.of("taken@mail.test")));
    assertThat(free).isEqualTo(new RegistrationReceipt(EmailAddress.of("free@mail.test")));
    assertThat(mailTo("taken@mail.test")).singleElement().satisfies(note -> {
      assertThat(note.type()).isEqualTo(NotificationType.SIGN_UP_ATTEMPTED);
      assertThat(note.organisationId()).isEmpty();
      assertThat(note.link()).as("a note to the owner carries no link").isEmpty();
      assertThat(note.data()).containsOnlyKeys("attemptedAt");
      assertThat(note.data().values().toString()).doesNotContain(MALLORYS).doesNotContain("Mallory");
    });
    assertThat(mailTo("free@mail.test")).singleElement().satisfies(verification -> {
      assertThat(verification.type()).isEqualTo(NotificationType.VERIFY_EMAIL);
      assertThat(verification.organisationId()).isEmpty();
      assertThat(verification.link()).hasValueSatisfying(
          link -> assertThat(link.toString()).startsWith(TestMembership.VERIFICATION_LINK_PREFIX));
      assertThat(verification.data()).containsOnlyKeys("expiresAt");
      assertThat(verification.data().values().toString()).doesNotContain(MALLORYS).doesNotContain("Mallory");
    });
    assertThat(membership().accounts().signIn("taken@mail.test", Password.of(ANAS))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().findByEmail("free@mail.test")).isEmpty();
  }

  @Test
  void registering_a_taken_and_a_free_address_does_the_same_work() {
    kit().registeredAccount("taken@mail.test", "Owner", ANAS);
    CountingHasher hasher = new CountingHasher();
    List<String> calls = new CopyOnWriteArrayList<>();
    Memberships library = libraryOn(recording(store(), calls), hasher);
    hasher.hashes.set(0);
    calls.clear();

    library.accounts().register(Registration.of("taken@mail.test", "M", MALLORYS));
    settle(library);
    int takenHashes = hasher.hashes.getAndSet(0);
    List<String> takenCalls = List.copyOf(calls);
    calls.clear();
    library.accounts().register(Registration.of("free@mail.test", "M", MALLORYS));
    settle(library);
    int freeHashes = hasher.hashes.get();
    List<String> freeCalls = List.copyOf(calls);

    assertThat(takenHashes).as("passwords hashed for a taken address").isEqualTo(1).isEqualTo(freeHashes);
    assertThat(takenCalls).as("the store calls of signing up a taken address, and of a free one")
        .isEqualTo(freeCalls)
        .contains("signUps().insert", "outbox().enqueue");
  }

  @Test
  void registering_a_taken_and_a_free_address_from_a_client_does_the_same_work() {
    kit().registeredAccount("taken@mail.test", "Owner", ANAS);
    CountingHasher hasher = new CountingHasher();
    List<String> calls = new CopyOnWriteArrayList<>();
    Memberships library = libraryOn(recording(store(), calls), hasher);
    hasher.hashes.set(0);
    calls.clear();

    library.accounts().register(Registration.of("taken@mail.test", "M", MALLORYS), "198.51.100.7");
    settle(library);
    int takenHashes = hasher.hashes.getAndSet(0);
    List<String> takenCalls = List.copyOf(calls);
    calls.clear();
    library.accounts().register(Registration.of("free@mail.test", "M", MALLORYS), "198.51.100.7");
    settle(library);
    int freeHashes = hasher.hashes.get();
    List<String> freeCalls = List.copyOf(calls);

    assertThat(takenHashes).as("passwords hashed for a taken address").isEqualTo(1).isEqualTo(freeHashes);
    assertThat(takenCalls).as("the store calls of signing up a taken address from a client, and of a free one")
        .isEqualTo(freeCalls)
        .contains("throttles().lock", "throttles().save", "signUps().insert", "outbox().enqueue");
  }

  @Test
  void signing_in_with_a_pending_registration_answers_like_an_unknown_address() {
    register("pending@mail.test", "Pending", ANAS);

    SignInResult pending = membership().accounts().signIn("pending@mail.test", Password.of(ANAS));
    SignInResult unknown = membership().accounts().signIn("unknown@mail.test", Password.of(ANAS));

    assertThat(pending).isEqualTo(unknown).isEqualTo(new SignInResult.Failed());
  }

  // ---- the verification link

  @Test
  void a_verification_link_works_once() {
    register("ana@mail.test", "Ana", ANAS);
    String token = tokenTo("ana@mail.test");

    Account ana = verify(token, ANAS);

    assertThat(ana.email().value()).isEqualTo("ana@mail.test");
    assertThat(ana.mustChangePassword()).isFalse();
    assertThat(membership().accounts().signIn("ana@mail.test", Password.of(ANAS)))
        .isInstanceOfSatisfying(SignInResult.SignedIn.class, s -> assertThat(s.account().id()).isEqualTo(ana.id()));
    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(token, ANAS));
    assertThat(signUpsOf("ana@mail.test")).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(SignUpStatus.VERIFIED);
      assertThat(s.chosen()).as("the password hash is erased once used").isEmpty();
    });
  }

  @Test
  void a_verification_link_expires() {
    register("ana@mail.test", "Ana", ANAS);
    String token = tokenTo("ana@mail.test");

    kit().clock().advance(Duration.ofHours(24));

    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_EXPIRED, () -> verify(token, ANAS));
    assertThat(membership().accounts().findByEmail("ana@mail.test")).isEmpty();
    // A new sign-up gives a new link that works.
    register("ana@mail.test", "Ana", ANAS);
    assertThat(verify(tokenTo("ana@mail.test"), ANAS).displayName()).isEqualTo("Ana");
  }

  @Test
  void a_second_registrations_link_does_not_change_the_first_ones_credentials() {
    register("ana@mail.test", "Ana", ANAS);
    String first = tokenTo("ana@mail.test");
    register("ana@mail.test", "Mallory", MALLORYS);
    String second = tokenTo("ana@mail.test");
    assertThat(second).isNotEqualTo(first);

    Account ana = verify(first, ANAS);

    assertThat(ana.displayName()).isEqualTo("Ana");
    assertThat(membership().accounts().signIn("ana@mail.test", Password.of(ANAS))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("ana@mail.test", Password.of(MALLORYS))).isInstanceOf(SignInResult.Failed.class);
    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(second, MALLORYS));
    assertThat(membership().accounts().findByEmail("ana@mail.test")).hasValueSatisfying(account -> {
      assertThat(account.id()).isEqualTo(ana.id());
      assertThat(account.displayName()).isEqualTo("Ana");
      assertThat(account.passwordHash()).isEqualTo(ana.passwordHash());
    });
  }

  @Test
  void five_wrong_passwords_end_a_verification_link() {
    register("ana@mail.test", "Ana", ANAS);
    String token = tokenTo("ana@mail.test");

    for (int i = 0; i < SignUp.MAX_FAILED_ATTEMPTS; i++) {
      assertFailsWith(ErrorCode.INVALID_CREDENTIALS, () -> verify(token, MALLORYS));
    }

    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(token, ANAS));
    assertThat(membership().accounts().findByEmail("ana@mail.test")).isEmpty();
    assertThat(signUpsOf("ana@mail.test")).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(SignUpStatus.ENDED);
      assertThat(s.chosen()).isEmpty();
    });
  }

  @Test
  @SuppressWarnings("NullAway") // hands verifyEmail a null token on purpose: it must answer NOT_FOUND
  void an_unknown_or_malformed_verification_link_is_not_found() {
    register("ana@mail.test", "Ana", ANAS);

    for (String token : List.of(tokenTo("ana@mail.test") + "x", "", "   ", "x".repeat(201))) {
      assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NOT_FOUND, () -> verify(token, ANAS));
    }
    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NOT_FOUND,
        () -> membership().accounts().verifyEmail(null, Password.of(ANAS)));
  }

  @Test
  void a_verification_link_claims_an_account_an_admin_created_for_the_address_after_the_sign_up() {
    register("bo@acme.test", "Bo Himself", ANAS);
    String token = tokenTo("bo@acme.test");
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember created = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    List<MembershipEvent> heard = new CopyOnWriteArrayList<>();
    kit().listener(heard::add);

    Account bo = verify(token, ANAS);

    assertThat(bo.id()).isEqualTo(created.account().id());
    assertThat(bo.displayName()).isEqualTo("Bo Himself");
    assertThat(bo.mustChangePassword()).isFalse();
    assertThat(bo.createdByOrganisation()).as("no organisation sets its credentials any more").isEmpty();
    assertThat(membership().accounts().signIn("bo@acme.test", Password.of(ANAS))).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("bo@acme.test", created.temporaryPassword()))
        .isInstanceOf(SignInResult.Failed.class);
    assertThat(kit().membershipOf(acme.id(), bo.id()).isActive()).as("the membership stays").isTrue();
    assertFailsWith(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
        () -> membership().members().resendCredentials(acme.owner(), acme.id(), created.membership().id()));
    assertThat(auditOf(acme).getFirst()).satisfies(claimed -> {
      assertThat(claimed.action()).isEqualTo(AuditAction.ACCOUNT_CLAIMED);
      assertThat(claimed.actor()).isEqualTo(bo.id());
      assertThat(claimed.subjectAccount()).contains(bo.id());
    });
    assertThat(heard).filteredOn(AccountEvent.class::isInstance).singleElement().satisfies(event -> {
      assertThat(((AccountEvent) event).type()).isEqualTo(AccountEventType.ACCOUNT_CLAIMED);
      assertThat(event.sessionsToEnd()).contains(new SessionsToEnd.All(bo.id()));
    });
    assertThat(signUpsOf("bo@acme.test")).extracting(SignUp::status).containsExactly(SignUpStatus.VERIFIED);
  }

  @Test
  void signing_up_with_the_address_of_an_account_an_admin_created_sends_a_link_that_claims_it() {
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember created = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    kit().mailbox().clear();

    register("bo@acme.test", "Bo Himself", ANAS);

    assertThat(mailTo("bo@acme.test")).singleElement().extracting(Notification::type).isEqualTo(NotificationType.VERIFY_EMAIL);
    assertThat(verify(tokenTo("bo@acme.test"), ANAS).id()).isEqualTo(created.account().id());
    assertThat(membership().accounts().signIn("bo@acme.test", Password.of(ANAS))).isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void a_verification_link_does_not_claim_an_admin_created_account_without_the_password_chosen_at_sign_up() {
    register("bo@acme.test", "Not Bo", MALLORYS); // the link goes to Bo's inbox, not Mallory's
    String malloryCaused = tokenTo("bo@acme.test");
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember created = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));

    assertFailsWith(ErrorCode.INVALID_CREDENTIALS, () -> verify(malloryCaused, "bo's own long passphrase"));

    assertThat(membership().accounts().findByEmail("bo@acme.test")).hasValueSatisfying(account -> {
      assertThat(account.isClaimable()).isTrue();
      assertThat(account.displayName()).isEqualTo("Bo");
    });
    assertThat(membership().accounts().signIn("bo@acme.test", created.temporaryPassword()))
        .isInstanceOf(SignInResult.PasswordChangeRequired.class);
  }

  @Test
  void a_verification_link_of_an_address_whose_person_has_made_the_account_their_own_is_no_longer_valid() {
    register("bo@acme.test", "Bo", ANAS);
    String token = tokenTo("bo@acme.test");
    OrganisationFixture acme = kit().organisation("Acme").create();
    CreatedMember created = membership().members().createDirectly(acme.owner(), acme.id(),
        NewAccount.generatedPassword("bo@acme.test", "Bo", Role.MEMBER));
    Password own = Password.of("the passphrase bo chose at first sign-in");
    membership().accounts().changePassword(created.account().id(), created.temporaryPassword(), own);

    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(token, ANAS));

    assertThat(membership().accounts().signIn("bo@acme.test", own)).isInstanceOf(SignInResult.SignedIn.class);
    assertThat(membership().accounts().signIn("bo@acme.test", Password.of(ANAS))).isInstanceOf(SignInResult.Failed.class);
  }

  @Test
  void an_invitation_accepted_as_a_new_account_proves_the_address_and_ends_pending_registrations() {
    register("ana@acme.test", "Mallory", MALLORYS);
    String squatted = tokenTo("ana@acme.test");
    register("ana@acme.test", "Ana", ANAS);
    String own = tokenTo("ana@acme.test");
    OrganisationFixture acme = kit().organisation("Acme").create();
    membership().invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.MEMBER));

    var accepted = membership().invitations().acceptAsNewAccount(kit().invitationTokenTo("ana@acme.test"),
        NewMemberDetails.of("Ana Invited", "the passphrase ana chose on accepting"));

    assertThat(accepted.account().displayName()).isEqualTo("Ana Invited");
    assertThat(signUpsOf("ana@acme.test")).extracting(SignUp::status).containsOnly(SignUpStatus.ENDED);
    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(squatted, MALLORYS));
    assertFailsWith(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, () -> verify(own, ANAS));
    assertThat(membership().accounts().signIn("ana@acme.test", Password.of("the passphrase ana chose on accepting")))
        .isInstanceOf(SignInResult.SignedIn.class);
  }

  @Test
  void signing_up_needs_verification_links_from_the_host_and_writes_nothing_without_them() {
    Memberships withoutLinks = Memberships.builder()
        .store(store())
        .clock(kit().clock())
        .notifications(kit().mailbox())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .build();

    assertThatThrownBy(() -> withoutLinks.accounts().register(Registration.of("ana@mail.test", "Ana", ANAS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("emailVerificationLinks");
    assertThat(signUpsOf("ana@mail.test")).isEmpty();
    assertThat(kit().mailbox().delivered()).isEmpty();
  }

  // ---- bounds

  @Test
  void register_e_mails_per_address_per_day_are_bounded_with_the_same_answer_for_taken_and_free_addresses() {
    kit().registeredAccount("taken@mail.test", "Owner", ANAS);
    kit().clock().advance(Duration.ofHours(25));
    int perDay = MembershipPolicy.defaults().signUpRules().signUpEmailsPerAddressPerDay();
    for (int i = 0; i < perDay; i++) {
      register("taken@mail.test", "Mallory", MALLORYS);
      register("free@mail.test", "Mallory", MALLORYS);
      kit().clock().advance(Duration.ofMinutes(1));
    }
    int takenMail = mailTo("taken@mail.test").size();
    int freeRows = signUpsOf("free@mail.test").size();

    assertFailsWith(ErrorCode.SIGN_UP_LIMIT_REACHED, () -> register("taken@mail.test", "Mallory", MALLORYS));
    assertFailsWith(ErrorCode.SIGN_UP_LIMIT_REACHED, () -> register("free@mail.test", "Mallory", MALLORYS));

    assertThat(mailTo("taken@mail.test")).hasSize(takenMail)
        .filteredOn(n -> n.type() == NotificationType.SIGN_UP_ATTEMPTED).hasSize(perDay);
    assertThat(mailTo("free@mail.test")).hasSize(perDay).extracting(Notification::type)
        .containsOnly(NotificationType.VERIFY_EMAIL);
    assertThat(signUpsOf("free@mail.test")).as("a refused sign-up writes nothing").hasSize(freeRows);
    // A day after the first of them, the address may be signed up with again.
    kit().clock().advance(Duration.ofHours(24).minusMinutes(perDay - 1));
    register("free@mail.test", "Ana", ANAS);
    register("taken@mail.test", "Mallory", MALLORYS);
    assertThat(mailTo("free@mail.test")).hasSize(perDay + 1);
  }

  private List<AuditEvent> auditOf(OrganisationFixture organisation) {
    return walk(50, page -> membership().audit().list(organisation.owner(), organisation.id(), page));
  }

  // ---- the ports

  private static final Instant MADE = T0.plusNanos(123_456_789);

  private static SignUp awaitingSignUp(String email, String token, Instant at) {
    return SignUp.awaiting(EmailAddress.of(email), "Ana", new PasswordHash("$test$" + token), TokenHash.of(token),
        at.plus(Duration.ofHours(24)), at);
  }

  @Test
  void sign_ups_read_back_as_written_by_token_and_by_address_newest_first() {
    SignUp first = awaitingSignUp("ana@mail.test", "token-1", MADE);
    SignUp noted = SignUp.ownerNotified(EmailAddress.of("ana@mail.test"), MADE.plusSeconds(1));
    SignUp third = awaitingSignUp("ana@mail.test", "token-3", MADE.plusSeconds(2));
    SignUp other = awaitingSignUp("bo@mail.test", "token-4", MADE.plusSeconds(3));
    inTx(tx -> List.of(first, noted, third, other).forEach(tx.signUps()::insert));

    assertThat(find(tx -> tx.signUps().findByTokenHash(TokenHash.of("token-1")))).contains(first);
    assertThat(find(tx -> tx.signUps().findByTokenHash(TokenHash.of("token-2")))).isEmpty();
    assertThat(list(tx -> tx.signUps().ofAddress(EmailAddress.of(" ANA@mail.test"), Instant.EPOCH, 10)))
        .containsExactly(third, noted, first);
    assertThat(list(tx -> tx.signUps().ofAddress(EmailAddress.of("ana@mail.test"), MADE.plusSeconds(1), 10)))
        .containsExactly(third, noted);
    assertThat(list(tx -> tx.signUps().ofAddress(EmailAddress.of("ana@mail.test"), Instant.EPOCH, 2)))
        .containsExactly(third, noted);
  }

  @Test
  void a_sign_up_update_needs_the_current_version() {
    SignUp signUp = awaitingSignUp("ana@mail.test", "token-1", MADE);
    inTx(tx -> tx.signUps().insert(signUp));

    SignUp verified = tx(tx -> tx.signUps().update(signUp.verify(MADE.plusSeconds(5))));

    assertThat(verified.version()).isEqualTo(1);
    assertThat(find(tx -> tx.signUps().findByTokenHash(TokenHash.of("token-1")))).contains(verified);
    assertThatThrownBy(() -> inTx(tx -> tx.signUps().update(signUp.failedAttempt(MADE))))
        .isInstanceOf(ConcurrentModificationException.class);
    assertThat(find(tx -> tx.signUps().findByTokenHash(TokenHash.of("token-1")))).contains(verified);
  }

  @Test
  void a_rolled_back_transaction_leaves_no_sign_up() {
    SignUp kept = awaitingSignUp("ana@mail.test", "token-1", MADE);
    inTx(tx -> tx.signUps().insert(kept));

    assertThatThrownBy(() -> inTx(tx -> {
      tx.signUps().insert(awaitingSignUp("ana@mail.test", "token-2", MADE.plusSeconds(1)));
      tx.signUps().update(kept.end(MADE.plusSeconds(1)));
      throw new IllegalStateException("rolled back");
    })).hasMessage("rolled back");

    assertThat(list(tx -> tx.signUps().ofAddress(EmailAddress.of("ana@mail.test"), Instant.EPOCH, 10))).containsExactly(kept);
  }

  @Test
  void old_sign_ups_are_purged_oldest_first_in_batches() {
    List<SignUp> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(awaitingSignUp("ana@mail.test", "token-" + i, MADE.plusSeconds(i)));
    }
    inTx(tx -> made.forEach(tx.signUps()::insert));

    int first = tx(tx -> tx.signUps().purgeMadeBefore(MADE.plusSeconds(3), 2));
    int second = tx(tx -> tx.signUps().purgeMadeBefore(MADE.plusSeconds(3), 2));

    assertThat(first).isEqualTo(2);
    assertThat(second).isEqualTo(1);
    assertThat(list(tx -> tx.signUps().ofAddress(EmailAddress.of("ana@mail.test"), Instant.EPOCH, 10)))
        .containsExactly(made.get(4), made.get(3));
    assertThat(find(tx -> tx.signUps().findByTokenHash(TokenHash.of("token-0")))).isEmpty();
  }

  // ---- helpers

  /** The library on {@code store}, on this test's clock and mailbox, with {@code hasher}. */
  private Memberships libraryOn(MembershipStore store, PasswordHasher hasher) {
    return Memberships.builder()
        .store(store)
        .clock(kit().clock())
        .notifications(kit().mailbox())
        .passwordHasher(hasher)
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .build();
  }

  /**
   * The store, recording the name of every call made on a transaction and on the ports it reaches
   * ({@code "findAccountByEmail"}, {@code "signUps().insert"}), in order.
   */
  private static MembershipStore recording(MembershipStore store, List<String> calls) {
    return new MembershipStore() {
      @Override
      public <T> T inTransaction(TransactionWork<T> work) {
        return store.inTransaction(tx -> work.run(record(tx, StoreTransaction.class, "", calls)));
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> T record(T target, Class<T> type, String prefix, List<String> calls) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      calls.add(prefix + method.getName());
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      Class<?> returned = method.getReturnType();
      if (returned.isInterface() && returned.getPackageName().equals("dev.membership.spi")) {
        return record(result, (Class<Object>) returned, method.getName() + "().", calls);
      }
      return result;
    });
  }

  private static final class CountingHasher implements PasswordHasher {
    final AtomicInteger hashes = new AtomicInteger();
    private final PasswordHasher delegate = new FastTestPasswordHasher();

    @Override
    public PasswordHash hash(Password password) {
      hashes.incrementAndGet();
      return delegate.hash(password);
    }

    @Override
    public boolean verify(PasswordHash hash, Password password) {
      return delegate.verify(hash, password);
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
      return delegate.needsRehash(hash);
    }
  }

  /** Waits for the deliveries after commit, which run on the library's own thread, so they are counted with the command. */
  private static void settle(Memberships library) {
    try {
      assertThat(library.outbox().awaitDeliveries(java.time.Duration.ofSeconds(30))).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
