package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import dev.membership.AcceptedInvitation;
import dev.membership.CreatedMember;
import dev.membership.InvitationPreview;
import dev.membership.Memberships;
import dev.membership.SignInResult;
import dev.membership.command.EntitlementDefinition;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.Account;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.InvitationId;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.MembershipId;
import dev.membership.domain.MembershipStatus;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.TokenHash;
import dev.membership.error.ErrorCode;
import dev.membership.error.FieldViolation;
import dev.membership.error.MembershipException;
import dev.membership.query.MemberBadge;
import dev.membership.query.MemberQuery;
import dev.membership.query.MemberRow;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.PasswordHasher;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.InMemoryMembershipStore;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the library through its public API, each named after what it
 * defeats, each asserting the typed {@link ErrorCode} and that nothing changed: the organisations'
 * members, invitations, join requests, roles, entitlements and audit log, the accounts involved, the
 * mailbox and (where the store can show it) the outbox.
 *
 * <p>Run it on a store by naming the {@link StoreSource} that hands out an empty store per test
 * (see {@link ContractSuite}):
 *
 * <pre>{@code
 * @StoresFrom(PostgresStores.class)
 * class AdversarialJooqPostgresTest extends AdversarialContract {}
 * }</pre>
 *
 * The in-memory store runs one transaction at a time, so there the races prove the rules' logic under
 * concurrency; a database store proves its locking with the same tests.
 */
public abstract class AdversarialContract extends ContractSuite {

  /**
   * Every notification the store's outbox holds, delivered or not, if the store can show them. The
   * in-memory store can; a database store may override this to read its outbox table. Tests that
   * need it are skipped for that part when it is empty.
   */
  protected Optional<List<Notification>> outboxOf(MembershipStore store) {
    return store instanceof InMemoryMembershipStore memory ? Optional.of(memory.outbox()) : Optional.empty();
  }

  private static final String PASSWORD = TestMembership.PASSWORD;
  private static final String FOURTEEN = "fourteen chars";
  private static final int RACE_ROUNDS = 50;

  /** A password of 80 code points mixing emoji (surrogate pairs), CJK and combining accents. */
  private static final String UNICODE_PASSWORD = unicodePassword();

  private MembershipStore store;
  private TestMembership kit;
  private Memberships membership;
  /** A second facade on the same store and clock, with a counting hasher and an event listener. */
  private Memberships watched;
  private CountingHasher hasher;
  private final List<MembershipEvent> heard = new CopyOnWriteArrayList<>();
  private final List<OrganisationId> organisations = new ArrayList<>();
  private final Set<String> watchedEmails = new LinkedHashSet<>();
  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private Handler logHandler;
  private Level rootLevel;

  @BeforeEach
  void setUpAdversarialContract() {
    // A subclass may run with one instance per class (@TestInstance(PER_CLASS)): start each test afresh.
    heard.clear();
    organisations.clear();
    watchedEmails.clear();
    logs.clear();
    store = newStore();
    kit = TestMembership.on(store);
    membership = kit.membership();
    hasher = new CountingHasher(new FastTestPasswordHasher());
    watched = Memberships.builder()
        .store(store)
        .clock(kit.clock())
        .notifications(kit.mailbox())
        .passwordHasher(hasher)
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .listener(heard::add)
        .build();
    kit.mailbox().awaitingDeliveriesOf(watched);
    Logger root = Logger.getLogger("");
    rootLevel = root.getLevel();
    logHandler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logs.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logHandler.setLevel(Level.ALL);
    root.addHandler(logHandler);
    // Everything the library logs, at every level; other libraries from INFO up. (A JDBC driver's
    // FINEST tracing of every value it reads would cost minutes per test, and no raw secret reaches
    // SQL: only hashes are stored.)
    root.setLevel(Level.INFO);
    libraryLevel = LIBRARY_LOGGER.getLevel();
    LIBRARY_LOGGER.setLevel(Level.ALL);
  }

  @AfterEach
  void tearDownAdversarialContract() {
    Logger root = Logger.getLogger("");
    root.removeHandler(logHandler);
    root.setLevel(rootLevel);
    LIBRARY_LOGGER.setLevel(libraryLevel);
    if (store != null) { // null where newStore() failed
      releaseStore(store);
    }
  }

  private static final Logger LIBRARY_LOGGER = Logger.getLogger("dev.membership");
  private Level libraryLevel;

  /** Wrong account accepts someone else's invitation. */
  @Nested
  class WrongAccountAcceptsAnInvitation {
    @Test
    void bob_signed_in_cannot_accept_the_invitation_sent_to_ana() {
      var acme = fixture(kit.organisation("Acme").withMembers("bob@acme.test"));
      AccountId outsider = kit.account("eve@elsewhere.test");
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("ana@acme.test", Role.ADMIN));
      String token = kit.invitationTokenTo("ana@acme.test");
      InvitationId invitation = pendingInvitationTo(acme.id(), "ana@acme.test").id();
      watch("ana@acme.test", "eve@elsewhere.test");

      refused(ErrorCode.INVITATION_FOR_ANOTHER_ACCOUNT,
          () -> membership.invitations().accept(acme.account("bob@acme.test"), token));
      refused(ErrorCode.INVITATION_FOR_ANOTHER_ACCOUNT, () -> membership.invitations().accept(outsider, token));

      assertThat(invitation(acme.id(), invitation).status()).isEqualTo(InvitationStatus.PENDING);
      assertThat(liveMembership(acme.id(), outsider)).isEmpty();
      assertThat(kit.membershipOf(acme.id(), acme.account("bob@acme.test")).roleId()).isEqualTo(Role.MEMBER.id());
      // Ana's link still works for Ana.
      var ana = membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Ana", PASSWORD));
      assertThat(ana.membership().roleId()).isEqualTo(Role.ADMIN.id());
    }

    @Test
    void bob_cannot_accept_anas_invitation_even_when_ana_has_an_account() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId ana = kit.account("ana@elsewhere.test");
      AccountId bob = kit.account("bob@elsewhere.test");
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("ana@elsewhere.test", Role.MEMBER));
      String token = kit.invitationTokenTo("ana@elsewhere.test");
      watch("ana@elsewhere.test", "bob@elsewhere.test");

      refused(ErrorCode.INVITATION_FOR_ANOTHER_ACCOUNT, () -> membership.invitations().accept(bob, token));
      assertThat(liveMembership(acme.id(), bob)).isEmpty();
      assertThat(membership.invitations().accept(ana, token).status()).isEqualTo(MembershipStatus.ACTIVE);
    }

    @Test
    void holder_of_a_link_cannot_set_a_password_for_the_existing_account_it_was_sent_to() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId ana = kit.account("ana@elsewhere.test");
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("ana@elsewhere.test", Role.MEMBER));
      String token = kit.invitationTokenTo("ana@elsewhere.test");
      watch("ana@elsewhere.test");

      refused(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT,
          () -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Mallory", "mallory's own passphrase")));

      assertThat(membership.accounts().signIn("ana@elsewhere.test", Password.of(PASSWORD)))
          .isInstanceOf(SignInResult.SignedIn.class);
      assertThat(membership.accounts().signIn("ana@elsewhere.test", Password.of("mallory's own passphrase")))
          .isInstanceOf(SignInResult.Failed.class);
      assertThat(liveMembership(acme.id(), ana)).isEmpty();
    }

    @Test
    void an_address_squatted_by_direct_creation_is_claimed_by_its_owner_through_an_invitation_link() {
      // Mallory founds an organisation and "creates" an account for Victoria's address, knowing its password.
      AccountId mallory = kit.account("mallory@evil.test");
      var evil = membership.organisations().create(mallory, "Evil");
      var squatted = membership.members().createDirectly(mallory, evil.id(),
          NewAccount.withPassword("victoria@mail.test", "Not Victoria", Role.MEMBER, Password.of("mallory knows this one")));
      var acme = fixture(kit.organisation("Acme"));
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("victoria@mail.test", Role.MEMBER));
      String token = kit.invitationTokenTo("victoria@mail.test");

      // The link reaches only Victoria's inbox; it lets her set her own name and password.
      assertThat(membership.invitations().preview(token))
          .hasValueSatisfying(p -> assertThat(p.accountExists()).as("sign in, or set a password?").isFalse());
      var victoria = membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Victoria", "victoria's own passphrase"));

      assertThat(victoria.account().id()).isEqualTo(squatted.account().id());
      assertThat(victoria.account().displayName()).isEqualTo("Victoria");
      assertThat(membership.accounts().signIn("victoria@mail.test", Password.of("mallory knows this one")))
          .isInstanceOf(SignInResult.Failed.class);
      assertThat(membership.accounts().signIn("victoria@mail.test", Password.of("victoria's own passphrase")))
          .isInstanceOf(SignInResult.SignedIn.class);
      // Mallory's organisation can no longer set the password of the account it created.
      fails(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(mallory, evil.id(), squatted.membership().id()));
      fails(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION, () -> membership.members()
          .changePassword(mallory, evil.id(), squatted.membership().id(), Password.of("mallory sets another one")));
      assertThat(membership.audit().list(acme.owner(), acme.id(), PageRequest.first(5)).items())
          .extracting(e -> e.action().name()).contains("ACCOUNT_CLAIMED");
    }

    @Test
    void an_admin_created_account_whose_person_chose_a_password_is_not_taken_over_through_a_later_invitation_link() {
      var evil = fixture(kit.organisation("Evil"));
      var created = membership.members().createDirectly(evil.owner(), evil.id(),
          NewAccount.generatedPassword("paula@mail.test", "Paula", Role.MEMBER));
      // Paula signs in with the temporary password and chooses her own: it is an ordinary account now.
      membership.accounts().changePassword(created.account().id(), created.temporaryPassword(),
          Password.of("paula's own passphrase"));
      var acme = fixture(kit.organisation("Acme"));
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("paula@mail.test", Role.ADMIN));
      String token = kit.invitationTokenTo("paula@mail.test");
      watch("paula@mail.test");

      assertThat(membership.invitations().preview(token))
          .hasValueSatisfying(p -> assertThat(p.accountExists()).as("the holder must sign in").isTrue());
      refused(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, () -> membership.invitations()
          .acceptAsNewAccount(token, NewMemberDetails.of("Mallory", "mallory's own passphrase")));

      assertThat(membership.accounts().signIn("paula@mail.test", Password.of("paula's own passphrase")))
          .isInstanceOf(SignInResult.SignedIn.class);
      assertThat(membership.accounts().signIn("paula@mail.test", Password.of("mallory's own passphrase")))
          .isInstanceOf(SignInResult.Failed.class);
      assertThat(liveMembership(acme.id(), created.account().id())).isEmpty();
    }

    @Test
    void an_admin_created_account_that_signed_in_and_joined_elsewhere_is_not_taken_over_through_a_forwarded_link() {
      var first = fixture(kit.organisation("First"));
      var created = membership.members().createDirectly(first.owner(), first.id(),
          NewAccount.generatedPassword("sam@mail.test", "Sam", Role.MEMBER));
      membership.accounts().changePassword(created.account().id(), created.temporaryPassword(),
          Password.of("sam's own long passphrase"));
      assertThat(membership.accounts().signIn("sam@mail.test", Password.of("sam's own long passphrase")))
          .isInstanceOf(SignInResult.SignedIn.class);
      // Sam becomes an admin of a second organisation, then a third invites him; the link is forwarded.
      var second = fixture(kit.organisation("Second"));
      membership.invitations().invite(second.owner(), second.id(), Invite.of("sam@mail.test", Role.ADMIN));
      membership.invitations().accept(created.account().id(), kit.invitationTokenTo("sam@mail.test"));
      var third = fixture(kit.organisation("Third"));
      membership.invitations().invite(third.owner(), third.id(), Invite.of("sam@mail.test", Role.MEMBER));
      String forwarded = kit.invitationTokenTo("sam@mail.test");
      watch("sam@mail.test");

      refused(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, () -> membership.invitations()
          .acceptAsNewAccount(forwarded, NewMemberDetails.of("Mallory", "mallory's own passphrase")));
      assertThat(kit.membershipOf(second.id(), created.account().id()).status()).isEqualTo(MembershipStatus.ACTIVE);
      assertThat(membership.accounts().find(created.account().id()))
          .hasValueSatisfying(a -> assertThat(a.displayName()).isEqualTo("Sam"));
    }

    @Test
    void an_untouched_admin_created_account_stays_claimable_after_its_credentials_were_resent() {
      var evil = fixture(kit.organisation("Evil"));
      var created = membership.members().createDirectly(evil.owner(), evil.id(),
          NewAccount.generatedPassword("una@mail.test", "Una", Role.MEMBER));
      membership.members().resendCredentials(evil.owner(), evil.id(), created.membership().id());
      var acme = fixture(kit.organisation("Acme"));
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("una@mail.test", Role.MEMBER));
      String token = kit.invitationTokenTo("una@mail.test");

      assertThat(membership.invitations().preview(token))
          .hasValueSatisfying(p -> assertThat(p.accountExists()).as("she sets her own password").isFalse());
      var claimed = membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Una", "una's own passphrase"));
      assertThat(claimed.account().id()).isEqualTo(created.account().id());
    }


    @Test
    void an_admin_removed_deactivated_or_demoted_cannot_get_back_in_through_an_invitation_they_sent_to_a_second_address() {
      for (InviterFate fate : InviterFate.values()) {
        var acme = fixture(kit.organisation("Acme " + fate));
        String own = fate.name().toLowerCase() + "-eve@acme.test";
        String second = fate.name().toLowerCase() + "-eve@private.test";
        AccountId eve = kit.join(acme.id(), acme.owner(), own, Role.ADMIN);
        membership.invitations().invite(eve, acme.id(), Invite.of(second, Role.ADMIN));
        String viaNewAccount = kit.invitationTokenTo(second);
        MembershipId eveMember = kit.membershipIdOf(acme.id(), eve);
        switch (fate) {
          case REMOVED -> membership.members().remove(acme.owner(), acme.id(), eveMember);
          case DEACTIVATED -> membership.members().deactivate(acme.owner(), acme.id(), eveMember);
          case DEMOTED -> membership.members().changeRole(acme.owner(), acme.id(), eveMember, Role.MEMBER.id());
        }
        watch(own, second);

        assertThat(membership.invitations().preview(viaNewAccount))
            .hasValueSatisfying(p -> assertThat(p.status()).as(fate.name()).isEqualTo(InvitationStatus.CANCELLED));
        refused(ErrorCode.INVITATION_NO_LONGER_VALID, () -> membership.invitations()
            .acceptAsNewAccount(viaNewAccount, NewMemberDetails.of("Eve Again", "eve's second passphrase")));
        // The signed-in path too: the second address already has an account.
        AccountId secondAccount = kit.account(second);
        refused(ErrorCode.INVITATION_NO_LONGER_VALID, () -> membership.invitations().accept(secondAccount, viaNewAccount));
        assertThat(liveMembership(acme.id(), secondAccount)).as(fate.name()).isEmpty();
      }
    }

    @Test
    void an_invitation_resent_by_an_admin_who_still_may_give_its_role_works_after_its_first_inviter_was_removed() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId eve = kit.join(acme.id(), acme.owner(), "eve@acme.test", Role.ADMIN);
      Invitation sent = membership.invitations().invite(eve, acme.id(), Invite.of("newcomer@acme.test", Role.MEMBER));
      membership.members().remove(acme.owner(), acme.id(), kit.membershipIdOf(acme.id(), eve));

      membership.invitations().resend(acme.owner(), acme.id(), sent.id());
      var joined = membership.invitations().acceptAsNewAccount(kit.invitationTokenTo("newcomer@acme.test"),
          NewMemberDetails.of("Newcomer", "newcomer's own passphrase"));

      assertThat(joined.membership().status()).isEqualTo(MembershipStatus.ACTIVE);
      assertThat(joined.membership().roleId()).isEqualTo(Role.MEMBER.id());
    }
  }

  /** Token reuse: after accept, cancel, resend and expiry; preview; unknown tokens. */
  @Nested
  class TokenReuse {

    @Test
    void token_reused_after_accept_is_no_longer_valid_on_both_accept_paths() {
      var acme = fixture(kit.organisation("Acme"));
      for (AcceptPath path : AcceptPath.values()) {
        String email = invitee(path, "accepted");
        String token = inviteFor(path, acme, email);
        acceptVia(path, email, token);
        AccountId other = kit.account(path.name().toLowerCase() + "-other@elsewhere.test");
        watch(email);

        for (AcceptPath again : AcceptPath.values()) {
          refused(ErrorCode.INVITATION_NO_LONGER_VALID, () -> acceptVia(again, email, token));
        }
        refused(ErrorCode.INVITATION_NO_LONGER_VALID, () -> membership.invitations().accept(other, token));
        assertThat(preview(token).status()).isEqualTo(InvitationStatus.ACCEPTED);
        assertThat(liveMembership(acme.id(), other)).isEmpty();
      }
    }

    @Test
    void token_reused_after_cancel_is_no_longer_valid_on_both_accept_paths() {
      var acme = fixture(kit.organisation("Acme"));
      for (AcceptPath path : AcceptPath.values()) {
        String email = invitee(path, "cancelled");
        String token = inviteFor(path, acme, email);
        membership.invitations().cancel(acme.owner(), acme.id(), pendingInvitationTo(acme.id(), email).id());
        watch(email);

        for (AcceptPath attempt : AcceptPath.values()) {
          refused(ErrorCode.INVITATION_NO_LONGER_VALID, () -> acceptVia(attempt, email, token));
        }
        assertThat(preview(token).status()).isEqualTo(InvitationStatus.CANCELLED);
        assertNotAMember(acme.id(), email);
      }
    }

    @Test
    void old_token_after_resend_is_dead_and_only_the_new_one_works_on_both_accept_paths() {
      var acme = fixture(kit.organisation("Acme"));
      for (AcceptPath path : AcceptPath.values()) {
        String email = invitee(path, "resent");
        String oldToken = inviteFor(path, acme, email);
        membership.invitations().resend(acme.owner(), acme.id(), pendingInvitationTo(acme.id(), email).id());
        String newToken = kit.invitationTokenTo(email);
        assertThat(newToken).isNotEqualTo(oldToken);
        watch(email);

        for (AcceptPath attempt : AcceptPath.values()) {
          refused(ErrorCode.INVITATION_NOT_FOUND, () -> acceptVia(attempt, email, oldToken));
        }
        assertThat(membership.invitations().preview(oldToken)).isEmpty();
        assertNotAMember(acme.id(), email);

        acceptVia(path, email, newToken);
        assertThat(liveMembership(acme.id(), kit.accountOf(email))).isPresent();
        refused(ErrorCode.INVITATION_NOT_FOUND, () -> acceptVia(path, email, oldToken));
      }
    }

    @Test
    void token_used_after_seven_days_has_expired_on_both_accept_paths() {
      var acme = fixture(kit.organisation("Acme"));
      Map<AcceptPath, String> tokens = new LinkedHashMap<>();
      for (AcceptPath path : AcceptPath.values()) {
        tokens.put(path, inviteFor(path, acme, invitee(path, "late")));
        watch(invitee(path, "late"));
      }
      kit.clock().advance(Duration.ofDays(7));

      for (AcceptPath path : AcceptPath.values()) {
        String email = invitee(path, "late");
        String token = Objects.requireNonNull(tokens.get(path), "token");
        for (AcceptPath attempt : AcceptPath.values()) {
          refused(ErrorCode.INVITATION_EXPIRED, () -> acceptVia(attempt, email, token));
        }
        assertThat(preview(token).status()).isEqualTo(InvitationStatus.EXPIRED);
        assertThat(preview(token).canBeAccepted()).isFalse();
        assertNotAMember(acme.id(), email);
      }
    }

    @Test
    void looking_at_an_invitation_never_consumes_it() {
      var acme = fixture(kit.organisation("Acme"));
      for (AcceptPath path : AcceptPath.values()) {
        String email = invitee(path, "curious");
        String token = inviteFor(path, acme, email);
        var before = world();

        InvitationPreview first = preview(token);
        InvitationPreview second = preview(token);

        assertThat(first).isEqualTo(second);
        assertThat(first.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(first.accountExists()).isEqualTo(path == AcceptPath.SIGNED_IN_ACCOUNT);
        assertThat(world()).isEqualTo(before);
        acceptVia(path, email, token);
        assertThat(liveMembership(acme.id(), kit.accountOf(email))).isPresent();
      }
    }

    @Test
    void unknown_garbage_and_huge_tokens_are_not_found() {
      var acme = fixture(kit.organisation("Acme").withPendingInvitations("ana@acme.test"));
      String real = kit.invitationTokenTo("ana@acme.test");
      Invitation invitation = pendingInvitationTo(acme.id(), "ana@acme.test");
      AccountId ana = kit.account("ana@acme.test");
      watch("ana@acme.test");
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      List<String> tokens = new ArrayList<>(List.of(
          "",
          "   ",
          "nope",
          Base64.getUrlEncoder().withoutPadding().encodeToString(random),
          invitation.tokenHash().hex(), // a stolen hash is not a token
          real.substring(0, real.length() - 1),
          real + "A",
          "' OR '1'='1' --",
          "%00" + real,
          "../../" + real,
          "🔐".repeat(40),
          "x".repeat(201),
          "x".repeat(1_000_000)));
      tokens.add(null);

      for (String token : tokens) {
        refused(ErrorCode.INVITATION_NOT_FOUND, () -> membership.invitations().accept(ana, token));
        refused(ErrorCode.INVITATION_NOT_FOUND,
            () -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Mallory", PASSWORD)));
        assertThat(membership.invitations().preview(token)).isEmpty();
      }
      assertThat(membership.invitations().accept(ana, real).status()).isEqualTo(MembershipStatus.ACTIVE);
    }
  }

  /** Tenancy: an admin of A touches B. */
  @Nested
  class Tenancy {
    @Test
    void admin_of_one_organisation_cannot_touch_members_of_another() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers(1));
      var globex = fixture(kit.organisation("Globex").withAdmins(1).withMembers(1));
      AccountId attacker = acme.admins().get(0);
      MembershipId victim = globex.membership(globex.members().get(0));
      MembershipId victimAdmin = globex.membership(globex.admins().get(0));
      EntitlementKey key = EntitlementKey.of("analytics");
      membership.entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
      membership.entitlements().define(globex.owner(), globex.id(), EntitlementDefinition.of("analytics", "Analytics"));

      for (MembershipId target : List.of(victim, victimAdmin)) {
        // B's membership id passed under A's id: not found, exactly like an id that does not exist.
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().deactivate(attacker, acme.id(), target));
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().remove(attacker, acme.id(), target));
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().reactivate(attacker, acme.id(), target));
        refused(ErrorCode.MEMBER_NOT_FOUND,
            () -> membership.members().changeRole(attacker, acme.id(), target, Role.MEMBER.id()));
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().grantAccess(attacker, acme.id(), target, key));
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().revokeAccess(attacker, acme.id(), target, key));
        refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members().resendCredentials(attacker, acme.id(), target));
        refused(ErrorCode.MEMBER_NOT_FOUND,
            () -> membership.members().changePassword(attacker, acme.id(), target, Password.of("attacker's passphrase")));
        // Under B's id: the attacker is nobody there.
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().deactivate(attacker, globex.id(), target));
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().remove(attacker, globex.id(), target));
        refused(ErrorCode.PERMISSION_DENIED,
            () -> membership.members().changeRole(attacker, globex.id(), target, Role.MEMBER.id()));
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().grantAccess(attacker, globex.id(), target, key));
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().resendCredentials(attacker, globex.id(), target));
        refused(ErrorCode.PERMISSION_DENIED,
            () -> membership.members().changePassword(attacker, globex.id(), target, Password.of("attacker's passphrase")));
      }
      assertThat(membership.members().find(attacker, acme.id(), globex.members().get(0))).isEmpty();
      assertThat(membership.access().has(attacker, globex.id(), Permission.VIEW_MEMBERS)).isFalse();
    }

    @Test
    void admin_of_one_organisation_cannot_touch_invitations_of_another() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      var globex = fixture(kit.organisation("Globex").withPendingInvitations("ana@globex.test"));
      AccountId attacker = acme.admins().get(0);
      InvitationId victim = globex.invitation("ana@globex.test");
      int mails = kit.mailbox().delivered().size();

      refused(ErrorCode.INVITATION_NOT_FOUND, () -> membership.invitations().resend(attacker, acme.id(), victim));
      refused(ErrorCode.INVITATION_NOT_FOUND, () -> membership.invitations().cancel(attacker, acme.id(), victim));
      refused(ErrorCode.INVITATION_NOT_FOUND, () -> membership.invitations().get(attacker, acme.id(), victim));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.invitations().resend(attacker, globex.id(), victim));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.invitations().cancel(attacker, globex.id(), victim));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.invitations().get(attacker, globex.id(), victim));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.invitations().invite(attacker, globex.id(), Invite.of("spy@acme.test", Role.MEMBER)));

      assertThat(invitation(globex.id(), victim).status()).isEqualTo(InvitationStatus.PENDING);
      assertThat(kit.mailbox().delivered()).hasSize(mails);
    }

    @Test
    void admin_of_one_organisation_cannot_decide_join_requests_of_another() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      var globex = fixture(kit.organisation("Globex"));
      AccountId attacker = acme.admins().get(0);
      AccountId jo = kit.account("jo@elsewhere.test");
      JoinRequestId request = membership.joinRequests().request(jo, globex.id(), Optional.of("let me in")).id();

      refused(ErrorCode.JOIN_REQUEST_NOT_FOUND, () -> membership.joinRequests().approve(attacker, acme.id(), request));
      refused(ErrorCode.JOIN_REQUEST_NOT_FOUND,
          () -> membership.joinRequests().approve(attacker, acme.id(), request, Role.ADMIN.id()));
      refused(ErrorCode.JOIN_REQUEST_NOT_FOUND, () -> membership.joinRequests().deny(attacker, acme.id(), request));
      refused(ErrorCode.JOIN_REQUEST_NOT_FOUND, () -> membership.joinRequests().withdraw(attacker, request));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.joinRequests().approve(attacker, globex.id(), request));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.joinRequests().deny(attacker, globex.id(), request));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.joinRequests()
          .list(attacker, globex.id(), Set.of(), PageRequest.first()));

      assertThat(membership.joinRequests().list(acme.owner(), acme.id(), Set.of(), PageRequest.first()).items()).isEmpty();
      assertThat(membership.joinRequests().list(globex.owner(), globex.id(), Set.of(), PageRequest.first()).items())
          .singleElement()
          .satisfies(view -> assertThat(view.request().status()).isEqualTo(JoinRequestStatus.PENDING));
    }

    @Test
    void admin_of_one_organisation_cannot_read_or_change_anything_else_of_another() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers(1));
      var globex = fixture(kit.organisation("Globex").withMembers(1));
      AccountId attacker = acme.admins().get(0);
      Role secret = membership.roles().create(globex.owner(), globex.id(),
          RoleDefinition.of("Globex auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG));
      membership.entitlements().define(globex.owner(), globex.id(), EntitlementDefinition.of("globex-only", "Globex only"));
      MembershipId acmeMember = acme.membership(acme.members().get(0));

      refused(ErrorCode.PERMISSION_DENIED, () -> membership.audit().list(attacker, globex.id(), PageRequest.first()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles().list(attacker, globex.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.entitlements().list(attacker, globex.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().list(attacker, globex.id(), MemberQuery.all()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().find(attacker, globex.id(), globex.members().get(0)));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.roles().create(attacker, globex.id(), RoleDefinition.of("Mole", Permission.VIEW_MEMBERS)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.entitlements()
          .define(attacker, globex.id(), EntitlementDefinition.of("mole", "Mole")));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.organisations().rename(attacker, globex.id(), "Pwned"));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.organisations().delete(attacker, globex.id(), "Globex"));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members()
          .createDirectly(attacker, globex.id(), NewAccount.generatedPassword("mole@acme.test", "Mole", Role.MEMBER)));
      refused(ErrorCode.ORGANISATION_NOT_FOUND, () -> membership.organisations().get(attacker, globex.id()));
      // B's role and entitlement do not exist in A.
      refused(ErrorCode.ROLE_NOT_FOUND,
          () -> membership.members().changeRole(attacker, acme.id(), acmeMember, secret.id()));
      refused(ErrorCode.ROLE_NOT_FOUND,
          () -> membership.invitations().invite(attacker, acme.id(), Invite.of("spy@acme.test", secret.id())));
      refused(ErrorCode.ROLE_NOT_FOUND, () -> membership.roles()
          .update(attacker, acme.id(), secret.id(), RoleDefinition.of("Renamed", Permission.VIEW_MEMBERS)));
      refused(ErrorCode.ROLE_NOT_FOUND, () -> membership.roles().delete(attacker, acme.id(), secret.id()));
      refused(ErrorCode.ENTITLEMENT_NOT_FOUND, () -> membership.members()
          .grantAccess(attacker, acme.id(), acmeMember, EntitlementKey.of("globex-only")));
      refused(ErrorCode.ENTITLEMENT_NOT_FOUND, () -> membership.invitations()
          .invite(attacker, acme.id(), Invite.of("spy@acme.test", Role.MEMBER).withAccess("globex-only")));

      assertThat(membership.audit().list(acme.owner(), acme.id(), PageRequest.first(PageRequest.MAX_LIMIT)).items())
          .allSatisfy(event -> assertThat(event.organisationId()).isEqualTo(acme.id()))
          .noneSatisfy(event -> assertThat(event.toString()).contains(globex.id().toString()));
      assertThat(membership.roles().list(acme.owner(), acme.id())).extracting(Role::id).doesNotContain(secret.id());
      assertThat(membership.entitlements().list(acme.owner(), acme.id())).isEmpty();
    }
  }

  /** Escalation. */
  @Nested
  class Escalation {
    @Test
    void admin_cannot_make_anyone_an_owner() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers(1));
      AccountId admin = acme.admins().get(0);
      AccountId jo = kit.account("jo@elsewhere.test");
      JoinRequestId request = membership.joinRequests().request(jo, acme.id(), Optional.empty()).id();
      watch("boss@acme.test", "jo@elsewhere.test");

      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.invitations().invite(admin, acme.id(), Invite.of("boss@acme.test", Role.OWNER)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members()
          .changeRole(admin, acme.id(), acme.membership(acme.members().get(0)), Role.OWNER.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(admin, acme.id(), acme.membership(admin), Role.OWNER.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.joinRequests().approve(admin, acme.id(), request, Role.OWNER.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("boss@acme.test", "Boss", Role.OWNER)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().createDirectly(admin, acme.id(),
          NewAccount.withPassword("boss@acme.test", "Boss", Role.OWNER, Password.of("a passphrase the admin typed"))));

      assertThat(activeOwners(acme.id())).isEqualTo(1);
    }

    @Test
    void admin_cannot_grant_a_custom_role_holding_more_than_admin() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers(1));
      AccountId admin = acme.admins().get(0);
      Role everything = membership.roles().create(acme.owner(), acme.id(),
          new RoleDefinition("Everything", EnumSet.allOf(Permission.class)));
      watch("boss@acme.test");

      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.invitations().invite(admin, acme.id(), Invite.of("boss@acme.test", everything.id())));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members()
          .changeRole(admin, acme.id(), acme.membership(acme.members().get(0)), everything.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(admin, acme.id(), acme.membership(admin), everything.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles()
          .create(admin, acme.id(), new RoleDefinition("Everything too", EnumSet.allOf(Permission.class))));
      refused(ErrorCode.BUILT_IN_ROLE_IS_FIXED, () -> membership.roles()
          .update(admin, acme.id(), Role.ADMIN.id(), new RoleDefinition("Admin", EnumSet.allOf(Permission.class))));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.organisations().delete(admin, acme.id(), "Acme"));
    }

    @Test
    void member_manager_without_more_cannot_grant_admin_or_a_bigger_role_nor_touch_an_admin() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers(2));
      Role managerOnly = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Member manager", Permission.MANAGE_MEMBERS));
      Role bigger = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Manager and auditor", Permission.MANAGE_MEMBERS, Permission.VIEW_AUDIT_LOG));
      AccountId manager = acme.members().get(0);
      MembershipId managerSelf = acme.membership(manager);
      membership.members().changeRole(acme.owner(), acme.id(), managerSelf, managerOnly.id());
      MembershipId other = acme.membership(acme.members().get(1));
      MembershipId admin = acme.membership(acme.admins().get(0));
      watch("new@acme.test");

      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.invitations().invite(manager, acme.id(), Invite.of("new@acme.test", Role.ADMIN)));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.invitations().invite(manager, acme.id(), Invite.of("new@acme.test", bigger.id())));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members()
          .createDirectly(manager, acme.id(), NewAccount.generatedPassword("new@acme.test", "New", Role.ADMIN)));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), other, Role.ADMIN.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), other, bigger.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), managerSelf, Role.ADMIN.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), managerSelf, bigger.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles()
          .create(manager, acme.id(), RoleDefinition.of("Auditor", Permission.MANAGE_MEMBERS, Permission.VIEW_AUDIT_LOG)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles()
          .update(manager, acme.id(), managerOnly.id(), RoleDefinition.of("Member manager", EnumSet.allOf(Permission.class)
              .stream().filter(p -> p != Permission.DELETE_ORGANISATION).toArray(Permission[]::new))));
      // An admin holds more than the manager: it cannot be demoted, deactivated or removed by it.
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), admin, Role.MEMBER.id()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().changeRole(manager, acme.id(), admin, managerOnly.id()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().deactivate(manager, acme.id(), admin));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().remove(manager, acme.id(), admin));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.members().revokeAccess(manager, acme.id(), admin, EntitlementKey.of("anything")));

      assertThat(membership.access().permissions(manager, acme.id())).containsExactly(Permission.MANAGE_MEMBERS);
    }

    @Test
    void role_manager_cannot_create_or_widen_a_role_beyond_its_own_permissions() {
      var acme = fixture(kit.organisation("Acme").withMembers(1));
      Role roleManager = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Role manager", Permission.MANAGE_ROLES, Permission.VIEW_MEMBERS));
      Role small = membership.roles().create(acme.owner(), acme.id(), RoleDefinition.of("Viewer", Permission.VIEW_MEMBERS));
      AccountId actor = acme.members().get(0);
      membership.members().changeRole(acme.owner(), acme.id(), acme.membership(actor), roleManager.id());

      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles()
          .create(actor, acme.id(), RoleDefinition.of("Auditor", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles().update(actor, acme.id(), roleManager.id(),
          RoleDefinition.of("Role manager", Permission.MANAGE_ROLES, Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS)));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.roles()
          .update(actor, acme.id(), small.id(), RoleDefinition.of("Viewer", Permission.VIEW_MEMBERS, Permission.VIEW_AUDIT_LOG)));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.roles().delete(actor, acme.id(), small.id(), Role.OWNER.id()));

      assertThat(membership.access().has(actor, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
    }

    @Test
    void admin_cannot_demote_deactivate_remove_or_reactivate_an_owner() {
      var acme = fixture(kit.organisation("Acme").withAdmins(2));
      AccountId admin = acme.admins().get(0);
      // Two owners, so that the last-owner rule is not what refuses.
      AccountId second = acme.admins().get(1);
      membership.members().changeRole(acme.owner(), acme.id(), acme.membership(second), Role.OWNER.id());
      MembershipId owner = acme.membership(acme.owner());
      MembershipId otherOwner = acme.membership(second);

      for (MembershipId target : List.of(owner, otherOwner)) {
        refused(ErrorCode.PERMISSION_DENIED,
            () -> membership.members().changeRole(admin, acme.id(), target, Role.ADMIN.id()));
        refused(ErrorCode.PERMISSION_DENIED,
            () -> membership.members().changeRole(admin, acme.id(), target, Role.MEMBER.id()));
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().deactivate(admin, acme.id(), target));
        refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().remove(admin, acme.id(), target));
      }
      // A deactivated owner is still an owner: an admin cannot bring it back or remove it.
      membership.members().deactivate(acme.owner(), acme.id(), otherOwner);
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().reactivate(admin, acme.id(), otherOwner));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().remove(admin, acme.id(), otherOwner));

      assertThat(activeOwners(acme.id())).isEqualTo(1);
    }

    @Test
    void admin_cannot_resend_or_cancel_an_invitation_an_owner_sent_to_a_future_owner() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("heir@acme.test", Role.OWNER));
      InvitationId heir = pendingInvitationTo(acme.id(), "heir@acme.test").id();

      refused(ErrorCode.PERMISSION_DENIED, () -> membership.invitations().resend(admin, acme.id(), heir));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.invitations().cancel(admin, acme.id(), heir));
    }
  }

  /** Last owner. */
  @Nested
  class LastOwner {
    @Test
    void last_owner_cannot_be_demoted_deactivated_removed_or_leave() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId owner = acme.owner();
      MembershipId self = acme.membership(owner);

      refused(ErrorCode.LAST_OWNER, () -> membership.members().changeRole(owner, acme.id(), self, Role.ADMIN.id()));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().changeRole(owner, acme.id(), self, Role.MEMBER.id()));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().deactivate(owner, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().remove(owner, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().leave(owner, acme.id()));

      assertThat(kit.membershipOf(acme.id(), owner).roleId()).isEqualTo(Role.OWNER.id());
      assertThat(membership.access().has(owner, acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
    }

    @Test
    void a_deactivated_second_owner_does_not_count_as_an_owner() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId owner = acme.owner();
      AccountId second = acme.admins().get(0);
      membership.members().changeRole(owner, acme.id(), acme.membership(second), Role.OWNER.id());
      membership.members().deactivate(owner, acme.id(), acme.membership(second));
      MembershipId self = acme.membership(owner);

      refused(ErrorCode.LAST_OWNER, () -> membership.members().changeRole(owner, acme.id(), self, Role.ADMIN.id()));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().deactivate(owner, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().remove(owner, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().leave(owner, acme.id()));
      assertThat(activeOwners(acme.id())).isEqualTo(1);
    }

    @Test
    void two_owners_demoting_each_other_at_once_leave_exactly_one_owner() {
      ownersRace("demote", (a, b) -> membership.members().changeRole(a.actor(), a.org(), b.membership(), Role.ADMIN.id()),
          (a, b) -> membership.members().changeRole(b.actor(), b.org(), a.membership(), Role.ADMIN.id()));
    }

    @Test
    void two_owners_deactivating_each_other_at_once_leave_exactly_one_owner() {
      ownersRace("deactivate", (a, b) -> membership.members().deactivate(a.actor(), a.org(), b.membership()),
          (a, b) -> membership.members().deactivate(b.actor(), b.org(), a.membership()));
    }

    @Test
    void two_owners_removing_each_other_at_once_leave_exactly_one_owner() {
      ownersRace("remove", (a, b) -> membership.members().remove(a.actor(), a.org(), b.membership()),
          (a, b) -> membership.members().remove(b.actor(), b.org(), a.membership()));
    }

    @Test
    void two_owners_leaving_at_once_leave_exactly_one_owner() {
      ownersRace("leave", (a, b) -> membership.members().leave(a.actor(), a.org()),
          (a, b) -> membership.members().leave(b.actor(), b.org()));
    }

    @Test
    void one_owner_demoting_the_other_while_that_one_deactivates_it_leaves_exactly_one_owner() {
      ownersRace("demote vs deactivate",
          (a, b) -> membership.members().changeRole(a.actor(), a.org(), b.membership(), Role.MEMBER.id()),
          (a, b) -> membership.members().deactivate(b.actor(), b.org(), a.membership()));
    }

    @Test
    void the_same_link_accepted_twice_at_once_makes_one_account_and_one_membership() {
      var acme = fixture(kit.organisation("Acme"));
      for (int round = 0; round < RACE_ROUNDS / 2; round++) {
        String email = "twice" + round + "@invitee.test";
        membership.invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
        String token = kit.invitationTokenTo(email);

        List<Optional<Throwable>> results = race(
            () -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("First", PASSWORD)),
            () -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Second", "another passphrase entirely")));

        String where = "round " + round;
        assertLosersTyped(where, results, ErrorCode.INVITATION_NO_LONGER_VALID, ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT,
            ErrorCode.EMAIL_ALREADY_REGISTERED, ErrorCode.ALREADY_MEMBER, ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(winners(results)).as("%s: accepts that won", where).isEqualTo(1);
        assertThat(membership.members().list(acme.owner(), acme.id(), MemberQuery.all().withText(email)).items())
            .as("%s: rows for %s", where, email)
            .singleElement()
            .satisfies(row -> assertThat(row.badge()).isEqualTo(MemberBadge.ACTIVE));
        assertThat(preview(token).status()).isEqualTo(InvitationStatus.ACCEPTED);
      }
    }
  }

  /** Alice@X.com  and alice@x.com are one person. */
  @Nested
  class OneAddressOnePerson {
    @Test
    void differently_cased_address_cannot_register_a_second_account() {
      AccountId alice = kit.registeredAccount("Alice@X.com ", "Alice", PASSWORD);
      Account before = membership.accounts().find(alice).orElseThrow();
      for (String variant : List.of("alice@x.com", "ALICE@X.COM", "  alice@X.com\t")) {
        membership.accounts().register(Registration.of(variant, "Mallory", "mallory's own passphrase"));
      }
      assertThat(membership.accounts().find(alice)).contains(before);
      assertThat(kit.mailbox().deliveredTo("alice@x.com", NotificationType.VERIFY_EMAIL)).as("links sent").hasSize(1);
      assertThat(kit.mailbox().deliveredTo("alice@x.com", NotificationType.SIGN_UP_ATTEMPTED)).hasSize(3);
      assertThat(membership.accounts().signIn("alice@x.com", Password.of("mallory's own passphrase")))
          .isInstanceOf(SignInResult.Failed.class);
    }

    @Test
    void lower_case_registration_blocks_the_mixed_case_one_too() {
      AccountId alice = kit.registeredAccount("alice@x.com", "Alice", PASSWORD);
      Account before = membership.accounts().find(alice).orElseThrow();
      membership.accounts().register(Registration.of("Alice@X.com ", "Mallory", "mallory's own passphrase"));
      assertThat(membership.accounts().find(alice)).contains(before);
      assertThat(kit.mailbox().deliveredTo("alice@x.com", NotificationType.VERIFY_EMAIL)).hasSize(1);
    }

    @Test
    void differently_cased_address_cannot_get_a_second_pending_invitation() {
      var acme = fixture(kit.organisation("Acme"));
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("alice@x.com", Role.MEMBER));
      refused(ErrorCode.INVITATION_ALREADY_PENDING,
          () -> membership.invitations().invite(acme.owner(), acme.id(), Invite.of("Alice@X.com ", Role.ADMIN)));

      var other = fixture(kit.organisation("Other"));
      membership.invitations().invite(other.owner(), other.id(), Invite.of("Alice@X.com ", Role.MEMBER));
      refused(ErrorCode.INVITATION_ALREADY_PENDING,
          () -> membership.invitations().invite(other.owner(), other.id(), Invite.of("alice@x.com", Role.MEMBER)));
    }

    @Test
    void differently_cased_registrations_at_once_make_one_account() {
      for (int round = 0; round < RACE_ROUNDS / 2; round++) {
        String lower = "alice" + round + "@x.com";
        String mixed = " Alice" + round + "@X.COM ";
        membership.accounts().register(Registration.of(mixed, "Alice", PASSWORD));
        String aliceToken = kit.verificationTokenTo(lower);
        membership.accounts().register(Registration.of(lower, "Mallory", "mallory's own passphrase"));
        String malloryToken = kit.verificationTokenTo(lower);
        List<Optional<Throwable>> results = race(
            () -> membership.accounts().verifyEmail(aliceToken, Password.of(PASSWORD)),
            () -> membership.accounts().verifyEmail(malloryToken, Password.of("mallory's own passphrase")));

        String where = "round " + round;
        assertLosersTyped(where, results, ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(winners(results)).as("%s: verifications that won", where).isEqualTo(1);
        assertThat(membership.accounts().findByEmail(mixed)).isEqualTo(membership.accounts().findByEmail(lower)).isPresent();
      }
    }

    @Test
    void the_same_verification_link_used_twice_at_once_makes_one_account() {
      for (int round = 0; round < RACE_ROUNDS / 2; round++) {
        String email = "twice" + round + "@mail.test";
        membership.accounts().register(Registration.of(email, "Twice", PASSWORD));
        String token = kit.verificationTokenTo(email);

        List<Optional<Throwable>> results = race(
            () -> membership.accounts().verifyEmail(token, Password.of(PASSWORD)),
            () -> membership.accounts().verifyEmail(token, Password.of(PASSWORD)));

        String where = "round " + round;
        assertLosersTyped(where, results, ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID, ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(winners(results)).as("%s: verifications that won", where).isEqualTo(1);
        AccountId account = kit.accountOf(email);
        assertThat(everything(page -> membership.accounts().events(account, page))).as("%s: history", where)
            .extracting(AccountEvent::type).containsExactly(AccountEventType.EMAIL_VERIFIED);
      }
    }

    @Test
    void a_sign_up_verified_while_an_invitation_to_the_address_is_accepted_makes_one_account() {
      var acme = fixture(kit.organisation("Acme"));
      for (int round = 0; round < RACE_ROUNDS / 2; round++) {
        String email = "both" + round + "@mail.test";
        membership.accounts().register(Registration.of(email, "Signed Up", PASSWORD));
        String verification = kit.verificationTokenTo(email);
        membership.invitations().invite(acme.owner(), acme.id(), Invite.of(email, Role.MEMBER));
        String invitation = kit.invitationTokenTo(email);

        List<Optional<Throwable>> results = race(
            () -> membership.accounts().verifyEmail(verification, Password.of(PASSWORD)),
            () -> membership.invitations().acceptAsNewAccount(invitation, NewMemberDetails.of("Invited", "the invitee's own passphrase")));

        String where = "round " + round;
        assertLosersTyped(where, results, ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID,
            ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, ErrorCode.EMAIL_ALREADY_REGISTERED, ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(winners(results)).as("%s: the ways in that won", where).isEqualTo(1);
        assertThat(membership.accounts().findByEmail(email)).as("%s: one account", where).isPresent();
      }
    }

    @Test
    void differently_cased_invitations_at_once_make_one_pending_invitation() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      for (int round = 0; round < RACE_ROUNDS / 2; round++) {
        String lower = "alice" + round + "@x.com";
        String mixed = " Alice" + round + "@X.COM ";
        List<Optional<Throwable>> results = race(
            () -> membership.invitations().invite(acme.owner(), acme.id(), Invite.of(mixed, Role.MEMBER)),
            () -> membership.invitations().invite(acme.admins().get(0), acme.id(), Invite.of(lower, Role.ADMIN)));

        String where = "round " + round;
        assertLosersTyped(where, results, ErrorCode.INVITATION_ALREADY_PENDING, ErrorCode.CONCURRENT_MODIFICATION);
        assertThat(winners(results)).as("%s: invitations that won", where).isEqualTo(1);
        assertThat(membership.members()
                .list(acme.owner(), acme.id(), MemberQuery.all().withBadges(MemberBadge.PENDING).withText(lower)).items())
            .as("%s: pending rows", where)
            .hasSize(1);
        assertThat(kit.mailbox().deliveredTo(lower, NotificationType.INVITATION)).hasSize(1);
      }
    }

    @Test
    void invisible_characters_cannot_make_a_second_account_for_the_same_person() {
      AccountId alice = kit.registeredAccount("alice@x.com", "Alice", PASSWORD);
      watch("alice@x.com");
      for (String disguised : List.of("alice\u200B@x.com", "alice@x.com\u200B", "\u200Balice@x.com", "ali\u00ADce@x.com",
          "alice@x\u200D.com", "alice\u00A0@x.com")) {
        MembershipException e = refused(ErrorCode.INVALID_INPUT,
            () -> membership.accounts().register(Registration.of(disguised, "Mallory", "mallory's own passphrase")));
        assertThat(e.fields()).extracting(FieldViolation::field).containsExactly("email");
      }
      Account before = membership.accounts().find(alice).orElseThrow();
      membership.accounts().register(Registration.of("\u00A0Alice@X.com\u00A0", "Mallory", "mallory's own passphrase"));
      assertThat(membership.accounts().find(alice)).contains(before);
      assertThat(kit.mailbox().deliveredTo("alice@x.com", NotificationType.SIGN_UP_ATTEMPTED)).hasSize(1);
    }

    @Test
    void sign_in_with_the_other_casing_works() {
      AccountId alice = kit.registeredAccount("Alice@X.com ", "Alice", PASSWORD);
      for (String variant : List.of("alice@x.com", "ALICE@X.COM", " Alice@X.com ")) {
        assertThat(membership.accounts().signIn(variant, Password.of(PASSWORD)))
            .isInstanceOfSatisfying(SignInResult.SignedIn.class, s -> assertThat(s.account().id()).isEqualTo(alice));
      }
    }

    @Test
    void accept_with_a_differently_cased_account_works() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId alice = kit.registeredAccount("alice@x.com", "Alice", PASSWORD);
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("Alice@X.com ", Role.MEMBER));
      assertThat(membership.invitations().accept(alice, kit.invitationTokenTo("alice@x.com")).accountId()).isEqualTo(alice);

      var other = fixture(kit.organisation("Other"));
      AccountId bob = kit.registeredAccount(" Bob@Y.com", "Bob", PASSWORD);
      membership.invitations().invite(other.owner(), other.id(), Invite.of("bob@y.com", Role.MEMBER));
      assertThat(membership.invitations().accept(bob, kit.invitationTokenTo("BOB@y.com")).accountId()).isEqualTo(bob);
      // And the new-account path refuses the other casing of an existing account.
      membership.invitations().invite(other.owner(), other.id(), Invite.of("ALICE@x.com", Role.MEMBER));
      refused(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT, () -> membership.invitations()
          .acceptAsNewAccount(kit.invitationTokenTo("alice@x.com"), NewMemberDetails.of("Mallory", "mallory's own passphrase")));
    }
  }

  /** An admin tries to set the password of an existing account. */
  @Nested
  class AdminSetsThePasswordOfAnExistingAccount {
    @Test
    void admin_cannot_create_directly_an_address_that_already_has_an_account() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      var globex = fixture(kit.organisation("Globex"));
      AccountId admin = acme.admins().get(0);
      AccountId victim = kit.account("victim@elsewhere.test");
      Password typed = Password.of("the admin's chosen passphrase");
      CreatedMember globexMade = membership.members()
          .createDirectly(globex.owner(), globex.id(), NewAccount.generatedPassword("made@globex.test", "Made", Role.MEMBER));
      watch("victim@elsewhere.test", "made@globex.test");

      for (String email : List.of("victim@elsewhere.test", " VICTIM@elsewhere.test", "made@globex.test")) {
        refused(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD,
            () -> membership.members().createDirectly(admin, acme.id(), NewAccount.withPassword(email, "Victim", Role.MEMBER, typed)));
        refused(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD,
            () -> membership.members().createDirectly(admin, acme.id(), NewAccount.generatedPassword(email, "Victim", Role.MEMBER)));
      }
      // The owner's own account, too.
      refused(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD, () -> membership.members()
          .createDirectly(admin, acme.id(), NewAccount.withPassword(acme.ownerEmail(), "Owner", Role.MEMBER, typed)));

      assertThat(membership.accounts().signIn("victim@elsewhere.test", Password.of(PASSWORD)))
          .isInstanceOfSatisfying(SignInResult.SignedIn.class, s -> assertThat(s.account().id()).isEqualTo(victim));
      assertThat(membership.accounts().signIn("victim@elsewhere.test", typed)).isInstanceOf(SignInResult.Failed.class);
      assertThat(membership.accounts().signIn("made@globex.test", globexMade.temporaryPassword()))
          .isInstanceOf(SignInResult.PasswordChangeRequired.class);
      assertThat(liveMembership(acme.id(), victim)).isEmpty();
    }

    @Test
    void admin_cannot_set_the_password_of_a_member_who_joined_by_invitation() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1).withMembers("ana@acme.test"));
      AccountId admin = acme.admins().get(0);
      MembershipId ana = acme.membership("ana@acme.test");

      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().changePassword(admin, acme.id(), ana, Password.of("the admin's chosen passphrase")));
      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(admin, acme.id(), ana));
      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(acme.owner(), acme.id(), acme.membership(acme.admins().get(0))));
      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(acme.owner(), acme.id(), acme.membership(acme.owner())));

      assertThat(membership.accounts().signIn("ana@acme.test", Password.of(PASSWORD))).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void admin_cannot_set_the_password_of_an_account_it_created_once_another_organisation_shares_it() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      var globex = fixture(kit.organisation("Globex"));
      AccountId admin = acme.admins().get(0);
      CreatedMember made = membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      // The person chooses a password and joins Globex too.
      Password own = Password.of("made's very own passphrase");
      membership.accounts().changePassword(made.account().id(), made.temporaryPassword(), own);
      membership.invitations().invite(globex.owner(), globex.id(), Invite.of("made@acme.test", Role.MEMBER));
      membership.invitations().accept(made.account().id(), kit.invitationTokenTo("made@acme.test"));
      MembershipId inAcme = made.membership().id();
      MembershipId inGlobex = kit.membershipIdOf(globex.id(), made.account().id());

      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().changePassword(admin, acme.id(), inAcme, Password.of("the admin's chosen passphrase")));
      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(admin, acme.id(), inAcme));
      // Globex did not create it at all.
      refused(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION,
          () -> membership.members().resendCredentials(globex.owner(), globex.id(), inGlobex));

      assertThat(membership.accounts().signIn("made@acme.test", own)).isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void former_organisation_cannot_reset_the_credentials_of_a_removed_member() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      CreatedMember made = membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      membership.members().remove(admin, acme.id(), made.membership().id());

      refused(ErrorCode.MEMBER_NOT_FOUND,
          () -> membership.members().resendCredentials(admin, acme.id(), made.membership().id()));
      refused(ErrorCode.MEMBER_NOT_FOUND, () -> membership.members()
          .changePassword(admin, acme.id(), made.membership().id(), Password.of("the admin's chosen passphrase")));
    }

    @Test
    void account_on_a_temporary_password_can_do_nothing_until_it_chooses_its_own() {
      var acme = fixture(kit.organisation("Acme").withMembers(1));
      var globex = fixture(kit.organisation("Globex"));
      CreatedMember temp = membership.members()
          .createDirectly(acme.owner(), acme.id(), NewAccount.generatedPassword("temp@acme.test", "Temp", Role.ADMIN));
      AccountId actor = temp.account().id();
      membership.invitations().invite(globex.owner(), globex.id(), Invite.of("temp@acme.test", Role.MEMBER));
      String token = kit.invitationTokenTo("temp@acme.test");
      watch("new@acme.test");

      assertThat(membership.access().permissions(actor, acme.id())).isEmpty();
      assertThat(membership.access().has(actor, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
      refused(ErrorCode.PASSWORD_CHANGE_REQUIRED, () -> membership.members().list(actor, acme.id(), MemberQuery.all()));
      refused(ErrorCode.PASSWORD_CHANGE_REQUIRED,
          () -> membership.invitations().invite(actor, acme.id(), Invite.of("new@acme.test", Role.ADMIN)));
      refused(ErrorCode.PASSWORD_CHANGE_REQUIRED, () -> membership.members()
          .changeRole(actor, acme.id(), acme.membership(acme.members().get(0)), Role.ADMIN.id()));
      refused(ErrorCode.PASSWORD_CHANGE_REQUIRED, () -> membership.members()
          .createDirectly(actor, acme.id(), NewAccount.generatedPassword("new@acme.test", "New", Role.MEMBER)));
      refused(ErrorCode.PASSWORD_CHANGE_REQUIRED, () -> membership.invitations().accept(actor, token));

      membership.accounts().changePassword(actor, temp.temporaryPassword(), Password.of("temp's very own passphrase"));
      assertThat(membership.access().has(actor, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();

      // Once the person chose a password, the organisation that created the account may no longer set
      // it: new credentials from an admin are refused and the account keeps what it may do.
      refused(ErrorCode.PASSWORD_CHOSEN_BY_PERSON,
          () -> membership.members().resendCredentials(acme.owner(), acme.id(), temp.membership().id()));
      assertThat(membership.invitations().accept(actor, token).status()).isEqualTo(MembershipStatus.ACTIVE);
      assertThat(membership.access().has(actor, acme.id(), Permission.MANAGE_MEMBERS)).isTrue();
    }
  }

  /** Sign-in enumeration. */
  @Nested
  class SignInEnumeration {
    @Test
    void unknown_email_answers_exactly_like_a_wrong_password_after_the_same_work() {
      kit.account("known@acme.test");
      warmUpDummyHash();
      Password wrong = Password.of("not the right passphrase");

      hasher.reset();
      SignInResult unknown = watched.accounts().signIn("nobody@acme.test", wrong);
      int unknownVerifies = hasher.verifies.get();
      int unknownHashes = hasher.hashes.get();
      hasher.reset();
      SignInResult known = watched.accounts().signIn("known@acme.test", wrong);
      int knownVerifies = hasher.verifies.get();
      int knownHashes = hasher.hashes.get();
      hasher.reset();
      SignInResult malformed = watched.accounts().signIn("not an address", wrong);
      int malformedVerifies = hasher.verifies.get();

      assertThat(unknown).isInstanceOf(SignInResult.Failed.class).isEqualTo(known).isEqualTo(malformed);
      assertThat(unknown.getClass()).isEqualTo(known.getClass());
      assertThat(unknown.toString()).isEqualTo(known.toString());
      assertThat(unknown.hashCode()).isEqualTo(known.hashCode());
      assertThat(unknownVerifies).isEqualTo(knownVerifies).isEqualTo(malformedVerifies).isEqualTo(1);
      assertThat(unknownHashes).isEqualTo(knownHashes).isZero();
    }

    @Test
    void throttling_treats_unknown_and_known_addresses_alike_and_clears_after_the_window() {
      kit.account("known@acme.test");
      warmUpDummyHash();
      Password wrong = Password.of("not the right passphrase");

      for (int i = 0; i < 5; i++) {
        assertThat(watched.accounts().signIn("nobody@acme.test", wrong)).isInstanceOf(SignInResult.Failed.class);
        assertThat(watched.accounts().signIn("known@acme.test", wrong)).isInstanceOf(SignInResult.Failed.class);
      }
      hasher.reset();
      SignInResult unknown = watched.accounts().signIn("nobody@acme.test", wrong);
      SignInResult known = watched.accounts().signIn("known@acme.test", wrong);
      SignInResult knownRight = watched.accounts().signIn("known@acme.test", Password.of(PASSWORD));

      assertThat(unknown).isInstanceOf(SignInResult.Throttled.class).isEqualTo(known).isEqualTo(knownRight);
      assertThat(((SignInResult.Throttled) unknown).retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(15));
      assertThat(hasher.verifies.get()).as("no password is tried while throttled").isZero();

      kit.clock().advance(Duration.ofMinutes(15));
      assertThat(watched.accounts().signIn("nobody@acme.test", wrong)).isInstanceOf(SignInResult.Failed.class);
      assertThat(watched.accounts().signIn("known@acme.test", Password.of(PASSWORD)))
          .isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void throttling_cannot_be_dodged_by_changing_the_case_of_the_address() {
      kit.account("known@acme.test");
      Password wrong = Password.of("not the right passphrase");
      List<String> variants = List.of("known@acme.test", "KNOWN@acme.test", " Known@Acme.Test ", "known@ACME.TEST", "kNoWn@acme.test");
      for (String variant : variants) {
        assertThat(watched.accounts().signIn(variant, wrong)).isInstanceOf(SignInResult.Failed.class);
      }
      for (String variant : variants) {
        assertThat(watched.accounts().signIn(variant, Password.of(PASSWORD))).isInstanceOf(SignInResult.Throttled.class);
      }
    }

    @Test
    void guessing_the_current_password_through_change_password_is_throttled_too() {
      AccountId known = kit.account("known@acme.test");
      Password next = Password.of("a brand new passphrase");
      for (int i = 0; i < 5; i++) {
        Password guess = Password.of("guess number " + i + " of many");
        fails(ErrorCode.INVALID_CREDENTIALS, () -> watched.accounts().changePassword(known, guess, next));
      }
      hasher.reset();
      fails(ErrorCode.INVALID_CREDENTIALS, () -> watched.accounts().changePassword(known, Password.of(PASSWORD), next));
      assertThat(hasher.verifies.get()).isZero();
      assertThat(membership.accounts().signIn("known@acme.test", Password.of(PASSWORD))).isNotInstanceOf(SignInResult.Failed.class);
    }
  }

  /** Passwords: too short, long Unicode without truncation, a megabyte, NFKC. */
  @Nested
  class Passwords {
    @Test
    void fourteen_characters_are_refused_everywhere_a_password_is_chosen() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      membership.invitations().invite(admin, acme.id(), Invite.of("new@acme.test", Role.MEMBER));
      String token = kit.invitationTokenTo("new@acme.test");
      CreatedMember made = membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      AccountId own = kit.account("own@elsewhere.test");
      watch("short@elsewhere.test", "new@acme.test", "typed@acme.test", "own@elsewhere.test");
      assertThat(Password.of(FOURTEEN).length()).isEqualTo(14);

      tooShort(refused(ErrorCode.INVALID_INPUT,
          () -> membership.accounts().register(Registration.of("short@elsewhere.test", "Short", FOURTEEN))));
      tooShort(refused(ErrorCode.INVALID_INPUT,
          () -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("New", FOURTEEN))));
      tooShort(refused(ErrorCode.INVALID_INPUT, () -> membership.members().createDirectly(admin, acme.id(),
          NewAccount.withPassword("typed@acme.test", "Typed", Role.MEMBER, Password.of(FOURTEEN)))));
      tooShort(refused(ErrorCode.INVALID_INPUT,
          () -> membership.members().changePassword(admin, acme.id(), made.membership().id(), Password.of(FOURTEEN))));
      tooShort(refused(ErrorCode.INVALID_INPUT,
          () -> membership.accounts().changePassword(own, Password.of(PASSWORD), Password.of(FOURTEEN))));

      assertThat(preview(token).status()).isEqualTo(InvitationStatus.PENDING);
      assertThat(membership.accounts().signIn("made@acme.test", made.temporaryPassword()))
          .isInstanceOf(SignInResult.PasswordChangeRequired.class);
    }

    @Test
    void long_unicode_passwords_are_accepted_whole_and_never_truncated() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      Password unicode = Password.of(UNICODE_PASSWORD);
      assertThat(unicode.length()).isGreaterThanOrEqualTo(64);
      List<Password> nearMisses = nearMisses(UNICODE_PASSWORD);

      // register, and verify the address with the same password
      kit.registeredAccount("reg@elsewhere.test", "Reg", UNICODE_PASSWORD);
      assertSignsInOnlyWhole("reg@elsewhere.test", unicode, nearMisses, SignInResult.SignedIn.class);
      // acceptAsNewAccount
      membership.invitations().invite(admin, acme.id(), Invite.of("new@acme.test", Role.MEMBER));
      membership.invitations().acceptAsNewAccount(kit.invitationTokenTo("new@acme.test"), NewMemberDetails.of("New", UNICODE_PASSWORD));
      assertSignsInOnlyWhole("new@acme.test", unicode, nearMisses, SignInResult.SignedIn.class);
      // createDirectly with a typed password
      CreatedMember typed = membership.members().createDirectly(admin, acme.id(),
          NewAccount.withPassword("typed@acme.test", "Typed", Role.MEMBER, Password.of(UNICODE_PASSWORD)));
      assertSignsInOnlyWhole("typed@acme.test", unicode, nearMisses, SignInResult.PasswordChangeRequired.class);
      // an admin's change password
      CreatedMember made = membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      membership.members().changePassword(admin, acme.id(), made.membership().id(), Password.of(UNICODE_PASSWORD));
      assertSignsInOnlyWhole("made@acme.test", unicode, nearMisses, SignInResult.PasswordChangeRequired.class);
      // the person's own change of password
      membership.accounts().changePassword(typed.account().id(), Password.of(UNICODE_PASSWORD), Password.of(UNICODE_PASSWORD + "!"));
      assertSignsInOnlyWhole("typed@acme.test", Password.of(UNICODE_PASSWORD + "!"),
          List.of(unicode, Password.of(UNICODE_PASSWORD + "?")), SignInResult.SignedIn.class);
    }

    @Test
    void a_megabyte_password_is_refused_before_hashing() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      membership.invitations().invite(admin, acme.id(), Invite.of("new@acme.test", Role.MEMBER));
      String token = kit.invitationTokenTo("new@acme.test");
      CreatedMember made = membership.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      AccountId own = kit.account("own@elsewhere.test");
      String megabyte = "correct horse battery staple ".repeat((1 << 20) / 29 + 1);
      assertThat(megabyte.length()).isGreaterThanOrEqualTo(1 << 20);
      membership.accounts().register(Registration.of("signed@elsewhere.test", "Signed", PASSWORD));
      String verification = kit.verificationTokenTo("signed@elsewhere.test");
      watch("huge@elsewhere.test", "new@acme.test", "typed@acme.test", "own@elsewhere.test", "signed@elsewhere.test");
      hasher.reset();

      tooLong(refused(ErrorCode.INVALID_INPUT,
          () -> watched.accounts().register(Registration.of("huge@elsewhere.test", "Huge", megabyte))));
      tooLong(refused(ErrorCode.INVALID_INPUT,
          () -> watched.invitations().acceptAsNewAccount(token, NewMemberDetails.of("New", megabyte))));
      tooLong(refused(ErrorCode.INVALID_INPUT, () -> watched.members().createDirectly(admin, acme.id(),
          NewAccount.withPassword("typed@acme.test", "Typed", Role.MEMBER, Password.of(megabyte)))));
      tooLong(refused(ErrorCode.INVALID_INPUT,
          () -> watched.members().changePassword(admin, acme.id(), made.membership().id(), Password.of(megabyte))));
      tooLong(refused(ErrorCode.INVALID_INPUT,
          () -> watched.accounts().changePassword(own, Password.of(PASSWORD), Password.of(megabyte))));
      // Sign-in keeps its one generic answer, for a known and an unknown address alike.
      assertThat(watched.accounts().signIn("own@elsewhere.test", Password.of(megabyte)))
          .isEqualTo(watched.accounts().signIn("nobody@elsewhere.test", Password.of(megabyte)))
          .isInstanceOf(dev.membership.SignInResult.Failed.class);
      fails(ErrorCode.INVALID_CREDENTIALS,
          () -> watched.accounts().changePassword(own, Password.of(megabyte), Password.of("a brand new passphrase")));
      fails(ErrorCode.INVALID_CREDENTIALS, () -> watched.accounts().verifyEmail(verification, Password.of(megabyte)));

      assertThat(hasher.hashes.get()).as("hash() calls").isZero();
      assertThat(hasher.verifies.get()).as("verify() calls").isZero();
    }

    @Test
    void password_just_over_the_limit_is_refused_and_the_limit_itself_accepted() {
      String atLimit = "🦄🐉".repeat(512); // 1024 code points, 2048 UTF-16 chars
      String overLimit = atLimit + "x";
      watch("limit@elsewhere.test", "over@elsewhere.test");
      tooLong(refused(ErrorCode.INVALID_INPUT,
          () -> membership.accounts().register(Registration.of("over@elsewhere.test", "Over", overLimit))));
      kit.registeredAccount("limit@elsewhere.test", "Limit", atLimit);
      assertThat(membership.accounts().signIn("limit@elsewhere.test", Password.of(atLimit))).isInstanceOf(SignInResult.SignedIn.class);
      assertThat(membership.accounts().signIn("limit@elsewhere.test", Password.of("🦄🐉".repeat(511) + "🦄🦄")))
          .isInstanceOf(SignInResult.Failed.class);
    }

    @Test
    void password_typed_in_decomposed_form_signs_in_when_registered_composed_and_vice_versa() {
      String composed = Normalizer.normalize("Crème brûlée au café, s'il vous plaît, Ångström", Normalizer.Form.NFC);
      String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
      assertThat(decomposed).isNotEqualTo(composed);

      kit.registeredAccount("composed@elsewhere.test", "Composed", composed);
      assertThat(membership.accounts().signIn("composed@elsewhere.test", Password.of(decomposed)))
          .isInstanceOf(SignInResult.SignedIn.class);
      kit.registeredAccount("decomposed@elsewhere.test", "Decomposed", decomposed);
      assertThat(membership.accounts().signIn("decomposed@elsewhere.test", Password.of(composed)))
          .isInstanceOf(SignInResult.SignedIn.class);
      assertThat(membership.accounts().signIn("composed@elsewhere.test", Password.of(composed.replace('è', 'e'))))
          .isInstanceOf(SignInResult.Failed.class);
    }
  }

  /** A deactivated member is denied at once and gets everything back. */
  @Nested
  class DeactivatedMember {
    @Test
    void deactivated_member_loses_every_permission_and_entitlement_at_once_and_gets_them_back_exactly() {
      var acme = fixture(kit.organisation("Acme"));
      Role billing = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Billing", Permission.VIEW_MEMBERS, Permission.MANAGE_ENTITLEMENTS, Permission.VIEW_AUDIT_LOG));
      membership.entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics").withSeats(3));
      membership.entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("reports", "Reports"));
      membership.invitations().invite(acme.owner(), acme.id(),
          new Invite("mo@acme.test", billing.id(), Set.of(EntitlementKey.of("analytics"), EntitlementKey.of("reports"))));
      AccountId mo = membership.invitations()
          .acceptAsNewAccount(kit.invitationTokenTo("mo@acme.test"), NewMemberDetails.of("Mo", PASSWORD)).account().id();
      MembershipId moId = acme.membership(mo);
      var before = kit.membershipOf(acme.id(), mo);
      assertThat(before.grants()).hasSize(2);

      membership.members().deactivate(acme.owner(), acme.id(), moId);

      assertThat(membership.access().permissions(mo, acme.id())).isEmpty();
      for (Permission permission : Permission.values()) {
        assertThat(membership.access().has(mo, acme.id(), permission)).as(permission.name()).isFalse();
        fails(ErrorCode.PERMISSION_DENIED, () -> membership.access().check(mo, acme.id(), permission));
      }
      assertThat(membership.access().hasEntitlement(mo, acme.id(), EntitlementKey.of("analytics"))).isFalse();
      assertThat(membership.access().hasEntitlement(mo, acme.id(), EntitlementKey.of("reports"))).isFalse();
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.members().list(mo, acme.id(), MemberQuery.all()));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.audit().list(mo, acme.id(), PageRequest.first()));
      refused(ErrorCode.PERMISSION_DENIED,
          () -> membership.entitlements().define(mo, acme.id(), EntitlementDefinition.of("sneaky", "Sneaky")));
      refused(ErrorCode.PERMISSION_DENIED, () -> membership.entitlements().list(mo, acme.id()));
      refused(ErrorCode.ORGANISATION_NOT_FOUND, () -> membership.organisations().get(mo, acme.id()));

      membership.members().reactivate(acme.owner(), acme.id(), moId);

      var after = kit.membershipOf(acme.id(), mo);
      assertThat(after.id()).isEqualTo(before.id());
      assertThat(after.roleId()).isEqualTo(billing.id());
      assertThat(after.grants()).isEqualTo(before.grants());
      assertThat(after.status()).isEqualTo(MembershipStatus.ACTIVE);
      assertThat(membership.access().permissions(mo, acme.id())).isEqualTo(billing.permissions());
      assertThat(membership.access().hasEntitlement(mo, acme.id(), EntitlementKey.of("analytics"))).isTrue();
      assertThat(membership.access().hasEntitlement(mo, acme.id(), EntitlementKey.of("reports"))).isTrue();
      assertThat(membership.audit().list(mo, acme.id(), PageRequest.first()).items()).isNotEmpty();
    }

    @Test
    void deactivated_admin_is_refused_every_command_including_reactivating_itself() {
      var acme = fixture(kit.organisation("Acme").withAdmins(2).withMembers(1).withPendingInvitations("ana@acme.test"));
      AccountId admin = acme.admins().get(0);
      MembershipId self = acme.membership(admin);
      MembershipId otherAdmin = acme.membership(acme.admins().get(1));
      MembershipId member = acme.membership(acme.members().get(0));
      InvitationId invitation = acme.invitation("ana@acme.test");
      membership.entitlements().define(acme.owner(), acme.id(), EntitlementDefinition.of("analytics", "Analytics"));
      membership.members().grantAccess(acme.owner(), acme.id(), self, EntitlementKey.of("analytics"));
      AccountId jo = kit.account("jo@elsewhere.test");
      JoinRequestId request = membership.joinRequests().request(jo, acme.id(), Optional.empty()).id();
      CreatedMember made = membership.members()
          .createDirectly(acme.owner(), acme.id(), NewAccount.generatedPassword("made@acme.test", "Made", Role.MEMBER));
      watch("new@acme.test", "jo@elsewhere.test");

      membership.members().deactivate(acme.owner(), acme.id(), self);

      assertThat(membership.access().has(admin, acme.id(), Permission.MANAGE_MEMBERS)).isFalse();
      assertThat(membership.access().hasEntitlement(admin, acme.id(), EntitlementKey.of("analytics"))).isFalse();
      List<ThrowingCallable> commands = List.of(
          () -> membership.members().list(admin, acme.id(), MemberQuery.all()),
          () -> membership.members().find(admin, acme.id(), acme.owner()),
          () -> membership.members().changeRole(admin, acme.id(), member, Role.ADMIN.id()),
          () -> membership.members().grantAccess(admin, acme.id(), member, EntitlementKey.of("analytics")),
          () -> membership.members().revokeAccess(admin, acme.id(), member, EntitlementKey.of("analytics")),
          () -> membership.members().deactivate(admin, acme.id(), otherAdmin),
          () -> membership.members().remove(admin, acme.id(), member),
          () -> membership.members().reactivate(admin, acme.id(), self),
          () -> membership.members().createDirectly(admin, acme.id(), NewAccount.generatedPassword("new@acme.test", "New", Role.MEMBER)),
          () -> membership.members().resendCredentials(admin, acme.id(), made.membership().id()),
          () -> membership.members().changePassword(admin, acme.id(), made.membership().id(), Password.of("the admin's chosen passphrase")),
          () -> membership.invitations().invite(admin, acme.id(), Invite.of("new@acme.test", Role.MEMBER)),
          () -> membership.invitations().resend(admin, acme.id(), invitation),
          () -> membership.invitations().cancel(admin, acme.id(), invitation),
          () -> membership.invitations().get(admin, acme.id(), invitation),
          () -> membership.joinRequests().approve(admin, acme.id(), request),
          () -> membership.joinRequests().deny(admin, acme.id(), request),
          () -> membership.joinRequests().list(admin, acme.id(), Set.of(), PageRequest.first()),
          () -> membership.roles().list(admin, acme.id()),
          () -> membership.roles().create(admin, acme.id(), RoleDefinition.of("Mole", Permission.VIEW_MEMBERS)),
          () -> membership.entitlements().list(admin, acme.id()),
          () -> membership.entitlements().define(admin, acme.id(), EntitlementDefinition.of("mole", "Mole")),
          () -> membership.audit().list(admin, acme.id(), PageRequest.first()),
          () -> membership.organisations().rename(admin, acme.id(), "Pwned"),
          () -> membership.access().check(admin, acme.id(), Permission.VIEW_MEMBERS));
      for (ThrowingCallable command : commands) {
        refused(ErrorCode.PERMISSION_DENIED, command);
      }

      membership.members().reactivate(acme.owner(), acme.id(), self);
      assertThat(kit.membershipOf(acme.id(), admin).roleId()).isEqualTo(Role.ADMIN.id());
      assertThat(membership.access().permissions(admin, acme.id())).isEqualTo(Role.ADMIN.permissions());
      assertThat(membership.access().hasEntitlement(admin, acme.id(), EntitlementKey.of("analytics"))).isTrue();
    }
  }

  /** Secrets never leak. */
  @Nested
  class SecretsNeverLeak {
    @Test
    void invitation_tokens_never_appear_in_values_errors_audit_notifications_or_logs() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      Leaks leaks = new Leaks();
      kit.mailbox().clear();

      leaks.seen(watched.invitations().invite(admin, acme.id(), Invite.of("ana@acme.test", Role.MEMBER)));
      String first = kit.invitationTokenTo("ana@acme.test");
      leaks.secret(first);
      Invitation resent = watched.invitations().resend(admin, acme.id(), pendingInvitationTo(acme.id(), "ana@acme.test").id());
      leaks.seen(resent);
      String second = kit.invitationTokenTo("ana@acme.test");
      leaks.secret(second);
      leaks.seen(watched.invitations().preview(second));
      leaks.seen(watched.invitations().preview(first));
      AccountId bob = kit.account("bob@elsewhere.test");
      leaks.provoke(() -> watched.invitations().accept(bob, second));
      leaks.provoke(() -> watched.invitations().accept(bob, first));
      leaks.provoke(() -> watched.invitations().acceptAsNewAccount(first, NewMemberDetails.of("Ana", PASSWORD)));
      leaks.provoke(() -> watched.invitations().acceptAsNewAccount(second, NewMemberDetails.of("Ana", FOURTEEN)));
      AcceptedInvitation ana = watched.invitations().acceptAsNewAccount(second, NewMemberDetails.of("Ana", PASSWORD));
      leaks.seen(ana);
      leaks.provoke(() -> watched.invitations().acceptAsNewAccount(second, NewMemberDetails.of("Ana", PASSWORD)));
      leaks.provoke(() -> watched.invitations().accept(ana.account().id(), second));
      // Claiming an account another organisation created: the account's history holds no token either.
      var other = fixture(kit.organisation("Other"));
      CreatedMember created = membership.members().createDirectly(other.owner(), other.id(),
          NewAccount.generatedPassword("cleo@mail.test", "Cleo", Role.MEMBER));
      leaks.secret(created.temporaryPassword().reveal());
      watched.invitations().invite(admin, acme.id(), Invite.of("cleo@mail.test", Role.MEMBER));
      String claimLink = kit.invitationTokenTo("cleo@mail.test");
      leaks.secret(claimLink);
      leaks.seen(watched.invitations().acceptAsNewAccount(claimLink, NewMemberDetails.of("Cleo", "cleo's own passphrase 7")));
      leaks.secret("cleo's own passphrase 7");
      assertThat(heard).filteredOn(AccountEvent.class::isInstance).extracting(e -> ((AccountEvent) e).type())
          .containsExactly(AccountEventType.ACCOUNT_CLAIMED);

      // A sender that fails, then one that fails by shouting the link in its message.
      kit.mailbox().awaitDeliveries(); // the failure below is for Cy's e-mail, not one still in flight
      kit.mailbox().failNext(1);
      leaks.seen(watched.invitations().invite(admin, acme.id(), Invite.of("cy@acme.test", Role.MEMBER)));
      assertThat(kit.mailbox().deliveredTo("cy@acme.test")).isEmpty();
      kit.clock().advance(Duration.ofMinutes(1));
      assertThat(watched.outbox().deliverDue()).isEqualTo(1);
      leaks.secret(kit.invitationTokenTo("cy@acme.test"));
      List<String> shouted = new CopyOnWriteArrayList<>();
      Memberships loud = Memberships.builder()
          .store(store)
          .clock(kit.clock())
          .passwordHasher(new FastTestPasswordHasher())
          .invitationLinks(token -> {
            shouted.add(token);
            return URI.create(TestMembership.LINK_PREFIX + token);
          })
          .notifications(n -> {
            throw new IllegalStateException("SMTP 550 rejected " + n.link().map(URI::toString).orElse("") + " for " + n.recipient());
          })
          .listener(heard::add)
          .build();
      leaks.seen(loud.invitations().invite(admin, acme.id(), Invite.of("dee@acme.test", Role.MEMBER)));
      kit.mailbox().awaitingDeliveriesOf(loud).awaitDeliveries();
      assertThat(shouted).hasSize(1);
      leaks.secret(shouted.get(0));

      assertThat(logs).as("the failed deliveries were logged")
          .filteredOn(r -> r.getLevel() == Level.WARNING).hasSizeGreaterThanOrEqualTo(2);
      leaks.assertNoneLeaked(acme.id());
      assertDeliveredInvitationsKeptWithoutLink();
    }

    @Test
    void temporary_and_admin_set_passwords_never_appear_in_values_errors_audit_notifications_or_logs() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId admin = acme.admins().get(0);
      Leaks leaks = new Leaks();

      CreatedMember generated = watched.members()
          .createDirectly(admin, acme.id(), NewAccount.generatedPassword("gen@acme.test", "Gen", Role.MEMBER));
      leaks.secret(generated.temporaryPassword().reveal());
      leaks.seen(generated);
      leaks.seen(generated.temporaryPassword());
      Password typed = Password.of("typed by the admin: 7f3a-plum");
      leaks.secret(typed.reveal());
      NewAccount typedCommand = NewAccount.withPassword("typed@acme.test", "Typed", Role.MEMBER, typed);
      leaks.seen(typedCommand);
      CreatedMember typedMember = watched.members().createDirectly(admin, acme.id(), typedCommand);
      leaks.seen(typedMember);
      leaks.provoke(() -> watched.members().createDirectly(admin, acme.id(), typedCommand));
      leaks.provoke(() -> watched.members().createDirectly(admin, acme.id(),
          NewAccount.withPassword("short@acme.test", "Short", Role.MEMBER, Password.of("tiny-secret-1"))));
      leaks.secret("tiny-secret-1");

      Password resent = watched.members().resendCredentials(admin, acme.id(), generated.membership().id());
      leaks.secret(resent.reveal());
      leaks.seen(resent);
      Password adminSet = Password.of("changed by the admin: 9c1e-fig");
      leaks.secret(adminSet.reveal());
      leaks.seen(watched.members().changePassword(admin, acme.id(), typedMember.membership().id(), adminSet));
      leaks.provoke(() -> watched.members().changePassword(admin, acme.id(), acme.membership(admin), adminSet));
      leaks.provoke(() -> watched.members().changePassword(admin, acme.id(), typedMember.membership().id(),
          Password.of("typed@acme.test")));

      leaks.seen(watched.accounts().signIn("gen@acme.test", resent));
      leaks.seen(watched.accounts().signIn("gen@acme.test", generated.temporaryPassword()));
      leaks.seen(watched.accounts().signIn("typed@acme.test", adminSet));
      Password chosen = Password.of("the person's own passphrase 42");
      leaks.secret(chosen.reveal());
      leaks.provoke(() -> watched.accounts().changePassword(typedMember.account().id(), typed, chosen));
      leaks.seen(watched.accounts().changePassword(typedMember.account().id(), adminSet, chosen));
      leaks.seen(watched.accounts().signIn("typed@acme.test", chosen));
      assertThat(heard).filteredOn(AccountEvent.class::isInstance).extracting(e -> ((AccountEvent) e).type())
          .containsExactly(AccountEventType.CREDENTIALS_RESET, AccountEventType.CREDENTIALS_RESET,
              AccountEventType.TEMPORARY_PASSWORD_REPLACED);

      leaks.assertNoneLeaked(acme.id());
    }

    @Test
    void registration_and_sign_in_passwords_never_appear_in_values_errors_audit_or_logs() {
      var acme = fixture(kit.organisation("Acme"));
      Leaks leaks = new Leaks();
      String own = "registered passphrase 0xC0FFEE";
      leaks.secret(own);
      String wrong = "a wrong guess 0xBADBAD";
      leaks.secret(wrong);
      Registration registration = Registration.of("reg@elsewhere.test", "Reg", own);
      leaks.seen(registration);
      leaks.seen(watched.accounts().register(registration));
      String token = kit.verificationTokenTo("reg@elsewhere.test");
      leaks.secret(token);
      leaks.hash(store.inTransaction(tx -> tx.signUps().findByTokenHash(TokenHash.of(token))).orElseThrow()
          .chosen().orElseThrow().passwordHash());
      leaks.seen(store.inTransaction(tx -> tx.signUps().findByTokenHash(TokenHash.of(token))));
      leaks.provoke(() -> watched.accounts().verifyEmail(token, Password.of(wrong)));
      Account account = watched.accounts().verifyEmail(token, Password.of(own));
      leaks.seen(account);
      leaks.hash(account.passwordHash());
      leaks.provoke(() -> watched.accounts().verifyEmail(token, Password.of(own)));
      leaks.provoke(() -> watched.accounts().verifyEmail(token + "x", Password.of(own)));
      leaks.seen(watched.accounts().register(registration)); // taken now: its owner is told, the same receipt
      leaks.provoke(() -> watched.accounts().register(Registration.of("other@elsewhere.test", "Other", "other@elsewhere.test")));
      leaks.provoke(() -> watched.accounts().register(Registration.of("third@elsewhere.test", "Third", "short-secret-3")));
      leaks.secret("short-secret-3");
      leaks.seen(watched.accounts().signIn("reg@elsewhere.test", Password.of(wrong)));
      leaks.seen(watched.accounts().signIn("nobody@elsewhere.test", Password.of(wrong)));
      leaks.seen(watched.accounts().signIn("reg@elsewhere.test", Password.of(own)));
      String next = "next passphrase 0xDECAF";
      leaks.secret(next);
      leaks.provoke(() -> watched.accounts().changePassword(account.id(), Password.of(wrong), Password.of(next)));
      leaks.seen(watched.accounts().changePassword(account.id(), Password.of(own), Password.of(next)));
      assertThat(heard).filteredOn(AccountEvent.class::isInstance).extracting(e -> ((AccountEvent) e).type())
          .containsExactly(AccountEventType.EMAIL_VERIFIED, AccountEventType.PASSWORD_CHANGED);
      membership.invitations().invite(acme.owner(), acme.id(), Invite.of("reg@elsewhere.test", Role.MEMBER));
      leaks.secret(kit.invitationTokenTo("reg@elsewhere.test"));
      leaks.seen(watched.invitations().accept(account.id(), kit.invitationTokenTo("reg@elsewhere.test")));
      leaks.seen(Password.of(next));
      leaks.seen(NewMemberDetails.of("Reg", next));

      leaks.assertNoneLeaked(acme.id());
    }
  }

  private enum AcceptPath {
    SIGNED_IN_ACCOUNT,
    NEW_ACCOUNT
  }

  private enum InviterFate {
    REMOVED,
    DEACTIVATED,
    DEMOTED
  }

  // =====================================================================================================
  // Helpers
  // =====================================================================================================

  /** Collects secrets and everything that must not contain them. */
  private final class Leaks {
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Set<String> hashes = new LinkedHashSet<>();
    private final List<String> texts = new ArrayList<>();

    void secret(String secret) {
      assertThat(secret).isNotBlank();
      secrets.add(secret);
    }

    /** A password hash outside the organisation's members (a sign-up's, a new account's): held as the members' are. */
    void hash(PasswordHash hash) {
      hashes.add(hash.encoded());
    }

    void seen(Object value) {
      texts.add("value " + value);
    }

    void provoke(ThrowingCallable call) {
      Throwable thrown = catchThrowable(call);
      assertThat(thrown).as("the call should have failed").isInstanceOf(MembershipException.class);
      MembershipException e = (MembershipException) thrown;
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      texts.add("exception " + e + " / " + e.getMessage() + " / " + e.getLocalizedMessage() + " / " + e.fields()
          + " / " + e.fields().stream().map(FieldViolation::message).toList() + " / " + trace);
    }

    void assertNoneLeaked(OrganisationId organisation) {
      List<String> all = new ArrayList<>(texts);
      for (AuditEvent event : everything(page -> membership.audit().list(ownerOf(organisation), organisation, page))) {
        all.add("audit " + event + " " + event.details() + " " + event.subject());
      }
      assertThat(heard).as("the listener heard the changes").isNotEmpty();
      Set<AccountId> histories = new LinkedHashSet<>();
      for (MembershipEvent event : heard) {
        all.add("listener " + event + " " + event.sessionsToEnd() + " " + switch (event) {
          case AuditEvent audit -> audit.details() + " " + audit.subject();
          case AccountEvent account -> account.details();
        });
        if (event instanceof AccountEvent account) {
          histories.add(account.accountId());
        }
      }
      for (AccountId account : histories) {
        for (AccountEvent event : everything(page -> membership.accounts().events(account, page))) {
          all.add("account history " + event + " " + event.details());
        }
      }
      for (Notification notification : kit.mailbox().delivered()) {
        all.add("notification " + notification + " " + notification.data());
      }
      outboxOf(store).ifPresent(outbox -> outbox.forEach(n -> all.add("outbox " + n + " " + n.data())));
      SimpleFormatter formatter = new SimpleFormatter();
      List<String> debugLogs = new ArrayList<>();
      for (LogRecord record : logs) {
        String text = "log " + record.getLevel() + " " + formatter.format(record) + " " + record.getMessage() + " "
            + (record.getParameters() == null ? "" : List.of(record.getParameters()).toString());
        (record.getLevel().intValue() >= Level.INFO.intValue() ? all : debugLogs).add(text);
      }
      List<PasswordHash> hashes = store.inTransaction(tx -> tx.reads().memberPage(organisation,
              MemberQuery.all().withBadges(MemberBadge.values()).withPage(PageRequest.first(PageRequest.MAX_LIMIT)),
              kit.clock().instant()).items().stream()
          .filter(MemberRow.Member.class::isInstance)
          .map(row -> tx.accounts().find(((MemberRow.Member) row).account().id()).orElseThrow().passwordHash())
          .toList());
      // Password hashes are material for an offline attack: never printed, never logged at INFO or above.
      // Debug logging (e.g. a store's SQL at FINE) is only held to the raw secrets.
      Set<String> forbidden = new LinkedHashSet<>(secrets);
      hashes.forEach(hash -> forbidden.add(hash.encoded()));
      forbidden.addAll(this.hashes);
      for (String text : all) {
        for (String secret : forbidden) {
          assertThat(text).as("a secret leaked").doesNotContain(secret);
        }
      }
      for (String text : debugLogs) {
        for (String secret : secrets) {
          assertThat(text).as("a secret leaked into a debug log").doesNotContain(secret);
        }
      }
    }
  }

  private void assertDeliveredInvitationsKeptWithoutLink() {
    Optional<List<Notification>> outbox = outboxOf(store);
    if (outbox.isEmpty()) {
      return;
    }
    Set<Object> delivered = new HashSet<>();
    kit.mailbox().delivered().forEach(n -> delivered.add(n.id()));
    List<Notification> invitations = outbox.get().stream().filter(n -> n.type() == NotificationType.INVITATION).toList();
    assertThat(invitations).isNotEmpty();
    for (Notification n : invitations) {
      if (delivered.contains(n.id())) {
        assertThat(n.link()).as("the link of delivered %s", n.id()).isEmpty();
      }
    }
    assertThat(invitations).filteredOn(n -> delivered.contains(n.id())).hasSizeGreaterThanOrEqualTo(3);
  }

  private AccountId ownerOf(OrganisationId organisation) {
    return store.inTransaction(tx -> tx.memberships().activeWithRoles(organisation, Set.of(Role.OWNER.id()), 1)).get(0).accountId();
  }

  /** Wraps the fast test hasher and counts its calls. */
  private static final class CountingHasher implements PasswordHasher {
    final AtomicInteger hashes = new AtomicInteger();
    final AtomicInteger verifies = new AtomicInteger();
    private final PasswordHasher delegate;

    CountingHasher(PasswordHasher delegate) {
      this.delegate = delegate;
    }

    void reset() {
      hashes.set(0);
      verifies.set(0);
    }

    @Override
    public PasswordHash hash(Password password) {
      hashes.incrementAndGet();
      return delegate.hash(password);
    }

    @Override
    public boolean verify(PasswordHash hash, Password password) {
      verifies.incrementAndGet();
      return delegate.verify(hash, password);
    }

    @Override
    public boolean needsRehash(PasswordHash hash) {
      return delegate.needsRehash(hash);
    }
  }

  private void warmUpDummyHash() {
    watched.accounts().signIn("warm-up@nowhere.test", Password.of("warming up the dummy hash"));
  }

  /** One owner of a race: who acts, where, and its own membership. */
  private record Side(AccountId actor, OrganisationId org, MembershipId membership) {}

  @FunctionalInterface
  private interface Move {
    Object run(Side a, Side b) throws Exception;
  }

  private void ownersRace(String what, Move first, Move second) {
    for (int round = 0; round < RACE_ROUNDS; round++) {
      var org = kit.organisation("Race " + what + " " + round).withAdmins(1).create();
      AccountId other = org.admins().get(0);
      membership.members().changeRole(org.owner(), org.id(), org.membership(other), Role.OWNER.id());
      Side a = new Side(org.owner(), org.id(), org.membership(org.owner()));
      Side b = new Side(other, org.id(), org.membership(other));
      assertThat(activeOwners(org.id())).isEqualTo(2);

      List<Optional<Throwable>> results = race(() -> first.run(a, b), () -> second.run(a, b));

      String where = "round " + round + " of " + what;
      assertLosersTyped(where, results, ErrorCode.LAST_OWNER, ErrorCode.PERMISSION_DENIED, ErrorCode.MEMBER_NOT_FOUND,
          ErrorCode.CONCURRENT_MODIFICATION, ErrorCode.MEMBER_NOT_ACTIVE);
      assertThat(activeOwners(org.id())).as("%s: active owners", where).isEqualTo(1);
      assertThat(winners(results)).as("%s: changes that won", where).isEqualTo(1);
    }
  }

  /** Runs both at once, released together by a barrier; returns what each threw, if anything. */
  private static List<Optional<Throwable>> race(Callable<?> first, Callable<?> second) {
    return Races.race(Stream.of(first, second).<Callable<Optional<Throwable>>>map(move -> () -> {
      try {
        move.call();
        return Optional.<Throwable>empty();
      } catch (Throwable t) {
        return Optional.of(t);
      }
    }).toList());
  }

  private static long winners(List<Optional<Throwable>> results) {
    return results.stream().filter(Optional::isEmpty).count();
  }

  private static void assertLosersTyped(String where, List<Optional<Throwable>> results, ErrorCode... allowed) {
    for (Optional<Throwable> result : results) {
      result.ifPresent(t -> assertThat(t)
          .as("%s: the loser fails with a typed error", where)
          .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isIn((Object[]) allowed)));
    }
  }

  private long activeOwners(OrganisationId organisation) {
    return store.inTransaction(tx -> tx.memberships().countActiveWithRole(organisation, Role.OWNER.id()));
  }

  private static String unicodePassword() {
    StringBuilder text = new StringBuilder();
    text.append("🔐🦄🌍🚀🎉👩‍💻");                 // emoji, one with a zero-width joiner
    text.append("密码是一个很长的句子而且绝对不会被截断");    // CJK
    text.append(" Ça été déjà ŭ̈ q̣̇ ");               // precomposed and combining accents
    text.append("пароль παράδειγμα ");                 // Cyrillic, Greek
    text.append("🐉");                                   // a last character outside the BMP
    String result = Normalizer.normalize(text, Normalizer.Form.NFKC);
    if (result.codePointCount(0, result.length()) < 64) {
      throw new IllegalStateException("the Unicode password is too short for the test");
    }
    return text.toString();
  }

  /** The password with its last character changed, and its first 64 code points and 72 UTF-8 bytes. */
  private static List<Password> nearMisses(String password) {
    int lastStart = password.offsetByCodePoints(password.length(), -1);
    String lastChanged = password.substring(0, lastStart) + "🐲";
    String first64 = password.substring(0, password.offsetByCodePoints(0, 64));
    StringBuilder first72Bytes = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < password.length(); ) {
      int cp = password.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > 72) {
        break;
      }
      first72Bytes.appendCodePoint(cp);
      bytes += size;
      i += Character.charCount(cp);
    }
    return List.of(Password.of(lastChanged), Password.of(first64), Password.of(first72Bytes));
  }

  private void assertSignsInOnlyWhole(String email, Password whole, List<Password> nearMisses,
      Class<? extends SignInResult> success) {
    for (Password miss : nearMisses) {
      assertThat(membership.accounts().signIn(email, miss)).as("a near miss for " + email).isInstanceOf(SignInResult.Failed.class);
    }
    assertThat(membership.accounts().signIn(email, whole)).isInstanceOf(success);
  }

  private String invitee(AcceptPath path, String what) {
    return what + "-" + path.name().toLowerCase().replace('_', '-') + "@invitee.test";
  }

  /** Invites {@code email} as a member; on the signed-in path the address has an account first. */
  private String inviteFor(AcceptPath path, OrganisationFixture org, String email) {
    if (path == AcceptPath.SIGNED_IN_ACCOUNT) {
      kit.account(email);
    } else {
      bystander();
    }
    membership.invitations().invite(org.owner(), org.id(), Invite.of(email, Role.MEMBER));
    return kit.invitationTokenTo(email);
  }

  private Object acceptVia(AcceptPath path, String email, String token) {
    return switch (path) {
      // An invitee without an account tries the link signed in as someone else: the link must fail first.
      case SIGNED_IN_ACCOUNT -> membership.invitations().accept(
          membership.accounts().findByEmail(email).map(Account::id).orElseGet(this::bystander), token);
      case NEW_ACCOUNT -> membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of("Newcomer", PASSWORD));
    };
  }

  private AccountId bystander() {
    return membership.accounts().findByEmail("bystander@elsewhere.test").map(Account::id)
        .orElseGet(() -> kit.account("bystander@elsewhere.test"));
  }

  private void assertNotAMember(OrganisationId organisation, String email) {
    membership.accounts().findByEmail(email)
        .ifPresent(account -> assertThat(liveMembership(organisation, account.id())).isEmpty());
  }

  private InvitationPreview preview(String token) {
    return membership.invitations().preview(token).orElseThrow(() -> new AssertionError("no preview for the token"));
  }

  private Invitation pendingInvitationTo(OrganisationId organisation, String email) {
    return store.inTransaction(tx -> tx.invitations().findPending(organisation, EmailAddress.of(email)))
        .orElseThrow(() -> new AssertionError("no pending invitation to " + email));
  }

  private Invitation invitation(OrganisationId organisation, InvitationId id) {
    return store.inTransaction(tx -> tx.invitations().find(organisation, id)).orElseThrow();
  }

  private Optional<Membership> liveMembership(OrganisationId organisation, AccountId account) {
    return store.inTransaction(tx -> tx.memberships().findLive(organisation, account));
  }

  private static void tooShort(MembershipException e) {
    assertThat(e.fields()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("password");
      assertThat(f.code()).isEqualTo("too_short");
    });
  }

  private static void tooLong(MembershipException e) {
    assertThat(e.fields()).singleElement().satisfies(f -> {
      assertThat(f.field()).isEqualTo("password");
      assertThat(f.code()).isEqualTo("too_long");
    });
  }

  private OrganisationFixture fixture(OrganisationFixture.Builder builder) {
    OrganisationFixture fixture = builder.create();
    organisations.add(fixture.id());
    return fixture;
  }

  private void watch(String... emails) {
    watchedEmails.addAll(List.of(emails));
  }

  /** Fails unless {@code call} throws a {@link MembershipException} with {@code code}. */
  private static MembershipException fails(ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    if (!(thrown instanceof MembershipException e)) {
      throw new AssertionError("expected " + code + " but got " + (thrown == null ? "success" : thrown), thrown);
    }
    assertThat(e.code()).as("error code (%s)", e.getMessage()).isEqualTo(code);
    return e;
  }

  /**
   * Fails unless {@code attack} throws {@code code} and leaves everything as it was: the
   * organisations of this test, the accounts in them or watched, the mailbox and the outbox.
   */
  private MembershipException refused(ErrorCode code, ThrowingCallable attack) {
    World before = world();
    MembershipException e = fails(code, attack);
    World after = world();
    if (!after.equals(before)) {
      fail("a refused attack (" + code + ") changed something:%nbefore: %s%nafter:  %s", before, after);
    }
    return e;
  }

  /** Everything an attack could have changed. */
  private record World(
      Map<OrganisationId, OrgState> organisations,
      Map<String, Optional<Account>> accounts,
      Map<String, List<AccountEvent>> accountHistories,
      List<Notification> delivered,
      Optional<List<Notification>> outbox) {}

  private record OrgState(
      Optional<Organisation> organisation,
      List<MemberRow> rows,
      Set<Role> roles,
      Set<Entitlement> entitlements,
      List<JoinRequest> joinRequests,
      List<AuditEvent> audit) {}

  @SuppressWarnings("NullAway") // store work without a result returns null for Void; stores' results are non-null
  private World world() {
    Map<OrganisationId, OrgState> states = new LinkedHashMap<>();
    Set<String> emails = new LinkedHashSet<>(watchedEmails);
    store.inTransaction(tx -> {
      for (OrganisationId id : organisations) {
        List<MemberRow> rows = everything(page -> tx.reads().memberPage(id,
            MemberQuery.all().withBadges(MemberBadge.values()).withPage(page), kit.clock().instant()));
        List<JoinRequest> requests = everything(page -> tx.reads().joinRequestPage(id, EnumSet.allOf(JoinRequestStatus.class), page));
        states.put(id, new OrgState(tx.organisations().find(id), rows, Set.copyOf(tx.roles().list(id)),
            Set.copyOf(tx.entitlements().list(id)), requests, everything(page -> tx.audit().page(id, page))));
        rows.forEach(row -> emails.add(row.email().value()));
        tx.accounts().findAll(requests.stream().map(JoinRequest::accountId).toList())
            .forEach(account -> emails.add(account.email().value()));
      }
      return null;
    });
    Map<String, Optional<Account>> accounts = new LinkedHashMap<>();
    Map<String, List<AccountEvent>> histories = new LinkedHashMap<>();
    store.inTransaction(tx -> {
      for (String email : emails) {
        Optional<Account> account = tx.accounts().findByEmail(EmailAddress.of(email));
        accounts.put(email, account);
        histories.put(email, account.map(a -> everything(page -> tx.accountEvents().page(a.id(), page))).orElse(List.of()));
      }
      return null;
    });
    return new World(states, accounts, histories, kit.mailbox().delivered(), outboxOf(store));
  }

  private static <T> List<T> everything(Function<PageRequest, Page<T>> pages) {
    List<T> all = new ArrayList<>();
    PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
    while (true) {
      Page<T> page = pages.apply(request);
      all.addAll(page.items());
      if (!page.hasNext()) {
        return all;
      }
      request = request.next(page);
    }
  }

  /** Owners who cannot act: an owner created directly who never chose a password of their own. */
  @Nested
  class OwnersWhoCannotAct {
    @Test
    void founder_cannot_leave_when_the_only_other_owner_never_signed_in_with_their_temporary_password() {
      var acme = fixture(kit.organisation("Acme").withAdmins(1));
      AccountId founder = acme.owner();
      MembershipId self = acme.membership(founder);
      CreatedMember heir = membership.members()
          .createDirectly(founder, acme.id(), NewAccount.generatedPassword("heir@acme.test", "Heir", Role.OWNER));
      watch("heir@acme.test");
      assertThat(activeOwners(acme.id())).isEqualTo(2);

      refused(ErrorCode.LAST_OWNER, () -> membership.members().changeRole(founder, acme.id(), self, Role.ADMIN.id()));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().deactivate(founder, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().remove(founder, acme.id(), self));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().leave(founder, acme.id()));

      // Still refused once the temporary password has expired: nobody else could ever manage the organisation.
      kit.clock().advance(Duration.ofDays(8));
      refused(ErrorCode.LAST_OWNER, () -> membership.members().leave(founder, acme.id()));

      assertThat(kit.membershipOf(acme.id(), founder).roleId()).isEqualTo(Role.OWNER.id());
      assertThat(membership.access().has(founder, acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
      assertThat(kit.membershipOf(acme.id(), heir.account().id()).roleId()).isEqualTo(Role.OWNER.id());
    }

    @Test
    void founder_may_still_demote_or_remove_an_owner_who_never_signed_in() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId founder = acme.owner();
      CreatedMember heir = membership.members()
          .createDirectly(founder, acme.id(), NewAccount.generatedPassword("heir@acme.test", "Heir", Role.OWNER));

      membership.members().changeRole(founder, acme.id(), heir.membership().id(), Role.ADMIN.id());
      membership.members().changeRole(founder, acme.id(), heir.membership().id(), Role.OWNER.id());
      membership.members().remove(founder, acme.id(), heir.membership().id());

      assertThat(activeOwners(acme.id())).isEqualTo(1);
      assertThat(kit.membershipOf(acme.id(), founder).roleId()).isEqualTo(Role.OWNER.id());
    }

    @Test
    void founder_may_leave_once_the_created_owner_has_chosen_a_personal_password() {
      var acme = fixture(kit.organisation("Acme"));
      AccountId founder = acme.owner();
      CreatedMember heir = membership.members()
          .createDirectly(founder, acme.id(), NewAccount.generatedPassword("heir@acme.test", "Heir", Role.OWNER));
      membership.accounts().changePassword(heir.account().id(), heir.temporaryPassword(),
          Password.of("the heir's own passphrase"));

      membership.members().leave(founder, acme.id());

      assertThat(activeOwners(acme.id())).isEqualTo(1);
      assertThat(membership.access().has(heir.account().id(), acme.id(), Permission.DELETE_ORGANISATION)).isTrue();
      // The heir, now the only owner who can act, is protected in turn.
      refused(ErrorCode.LAST_OWNER, () -> membership.members().leave(heir.account().id(), acme.id()));
    }
  }

}
