package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.membership.InvitationPreview;
import dev.membership.Memberships;
import dev.membership.MembershipPolicy;
import dev.membership.SignInResult;
import dev.membership.command.Invite;
import dev.membership.command.NewAccount;
import dev.membership.command.NewMemberDetails;
import dev.membership.command.Registration;
import dev.membership.command.RoleDefinition;
import dev.membership.domain.AccountEventType;
import dev.membership.domain.AccountId;
import dev.membership.domain.CredentialState;
import dev.membership.domain.InvitationStatus;
import dev.membership.domain.JoinRequestId;
import dev.membership.domain.MembershipId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Password;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.SignUp;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.PageRequest;
import dev.membership.spi.MembershipStore;
import dev.membership.testkit.FastTestPasswordHasher;
import dev.membership.testkit.OrganisationFixture;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the trust rules (claiming, account events, the last owner, inviters), tried as an outsider would, each
 * kept as a regression test named after the attack: leaked and late claim links, orderings of
 * demotion and resending, owners who cannot act, floods, variants of an address or a client key that
 * should be one, text that poses as something else, and races on one store (also through a second
 * {@link Memberships} instance, as a fleet of hosts would run).
 *
 * <p>Run it on a store by naming the {@link StoreSource} that hands out an empty store per test, as
 * for {@link AdversarialContract}.
 */
public abstract class HeldAttacksContract extends ContractSuite {

  private static final String PASSWORD = TestMembership.PASSWORD;
  private static final String OTHER_PASSWORD = "another horse battery staple";
  private static final String THIRD_PASSWORD = "a third horse battery staple";

  private MembershipStore store;
  private TestMembership kit;
  private Memberships membership;

  @BeforeEach
  void setUpHeldAttacks() {
    store = newStore();
    kit = TestMembership.on(store);
    membership = kit.membership();
  }

  @AfterEach
  void releaseHeldAttacksStore() {
    if (store != null) { // null where newStore() failed
      releaseStore(store);
    }
  }

  /** A second instance on the same store and clock, as another host of a fleet. */
  private Memberships secondInstance(MembershipPolicy policy) {
    return Memberships.builder()
        .store(store)
        .clock(kit.clock())
        .policy(policy)
        .notifications(kit.mailbox())
        .passwordHasher(new FastTestPasswordHasher())
        .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token))
        .emailVerificationLinks(token -> URI.create(TestMembership.VERIFICATION_LINK_PREFIX + token))
        .build();
  }

  private static ErrorCode codeOf(ThrowingCallable call) {
    return codeOf("the call", call);
  }

  private static ErrorCode codeOf(String what, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as(what + " must be refused").isInstanceOf(MembershipException.class);
    return ((MembershipException) thrown).code();
  }

  private boolean signsIn(String email, String password) {
    return membership.accounts().signIn(email, Password.of(password)) instanceof SignInResult.SignedIn;
  }

  /** Runs every task at once (after a barrier) and returns what each returned or threw. */
  private static List<Object> atOnce(List<Callable<Object>> tasks) {
    return Races.race(tasks.stream().<Callable<Object>>map(task -> () -> {
      try {
        return task.call();
      } catch (MembershipException refused) {
        return refused;
      }
    }).toList());
  }

  /** An owner, and an account the owner created directly with a temporary password. */
  private record Created(OrganisationFixture org, AccountId account, MembershipId member, Password temporary) {}

  private Created createdDirectly(String orgName, String email, Role role) {
    OrganisationFixture org = kit.organisation(orgName).create();
    var created = membership.members().createDirectly(org.owner(), org.id(),
        NewAccount.generatedPassword(email, "Bo", role));
    return new Created(org, created.account().id(), created.membership().id(), created.temporaryPassword());
  }

  /** The person signs in with the temporary password and chooses {@code chosen}, as the host's forced change would. */
  private void choosePassword(Created created, String chosen) {
    assertThat(membership.accounts().signIn(emailOf(created.account()), created.temporary()))
        .isInstanceOf(SignInResult.PasswordChangeRequired.class);
    membership.accounts().changePassword(created.account(), created.temporary(), Password.of(chosen));
  }

  private String emailOf(AccountId account) {
    return membership.accounts().find(account).orElseThrow().email().value();
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class Claiming {

    @Test
    void a_verification_link_sent_before_the_person_chose_a_password_no_longer_claims_the_account() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      // Someone with access to the mailbox (a shared inbox) signs up with the address while it is unused.
      membership.accounts().register(Registration.of("bo@mail.test", "Mallory", OTHER_PASSWORD));
      String leaked = kit.verificationTokenTo("bo@mail.test");
      choosePassword(bo, THIRD_PASSWORD);

      assertThat(codeOf(() -> membership.accounts().verifyEmail(leaked, Password.of(OTHER_PASSWORD))))
          .isEqualTo(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID);
      assertThat(membership.accounts().find(bo.account()).orElseThrow().displayName()).isEqualTo("Bo");
      assertThat(signsIn("bo@mail.test", THIRD_PASSWORD)).isTrue();
      assertThat(signsIn("bo@mail.test", OTHER_PASSWORD)).isFalse();
    }

    @Test
    void an_account_whose_person_chose_a_password_stays_unclaimable_and_its_admin_can_no_longer_reset_it() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      choosePassword(bo, THIRD_PASSWORD);
      // The creating organisation may no longer set it once the person chose one (PASSWORD_CHOSEN_BY_PERSON).
      assertThat(codeOf(() -> membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member())))
          .isEqualTo(ErrorCode.PASSWORD_CHOSEN_BY_PERSON);
      assertThat(membership.accounts().find(bo.account()).orElseThrow().isClaimable()).isFalse();

      OrganisationFixture other = kit.organisation("Other").create();
      membership.invitations().invite(other.owner(), other.id(), Invite.of("bo@mail.test", Role.ADMIN));
      String link = kit.invitationTokenTo("bo@mail.test");
      assertThat(membership.invitations().preview(link).orElseThrow().accountExists()).isTrue();
      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Mallory", OTHER_PASSWORD))))
          .isEqualTo(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT);

      kit.mailbox().clear();
      membership.accounts().register(Registration.of("bo@mail.test", "Mallory", OTHER_PASSWORD));
      assertThat(kit.mailbox().deliveredTo("bo@mail.test", NotificationType.VERIFY_EMAIL)).isEmpty();
      assertThat(kit.mailbox().deliveredTo("bo@mail.test", NotificationType.SIGN_UP_ATTEMPTED)).hasSize(1);
      assertThat(signsIn("bo@mail.test", THIRD_PASSWORD)).isTrue();
    }

    @Test
    void an_account_claimed_through_a_verification_link_can_no_longer_be_reset_by_the_organisation_that_created_it() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      kit.registeredAccount("bo@mail.test", "Bo Real", OTHER_PASSWORD); // claims it: only Acme's membership

      assertThat(codeOf(() -> membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member())))
          .isEqualTo(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION);
      assertThat(codeOf(() -> membership.members().changePassword(bo.org().owner(), bo.org().id(), bo.member(),
          Password.of(THIRD_PASSWORD)))).isEqualTo(ErrorCode.CREDENTIALS_NOT_MANAGED_BY_ORGANISATION);
      assertThat(signsIn("bo@mail.test", OTHER_PASSWORD)).isTrue();
    }

    @Test
    void an_invitation_link_cannot_claim_an_account_its_person_claimed_through_a_verification_link() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      OrganisationFixture other = kit.organisation("Other").create();
      membership.invitations().invite(other.owner(), other.id(), Invite.of("bo@mail.test", Role.ADMIN));
      String forwarded = kit.invitationTokenTo("bo@mail.test");
      kit.registeredAccount("bo@mail.test", "Bo Real", OTHER_PASSWORD);

      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(forwarded, NewMemberDetails.of("Mallory", THIRD_PASSWORD))))
          .isEqualTo(ErrorCode.ACCOUNT_EXISTS_SIGN_IN_TO_ACCEPT);
      assertThat(membership.accounts().find(bo.account()).orElseThrow().displayName()).isEqualTo("Bo Real");
      assertThat(signsIn("bo@mail.test", OTHER_PASSWORD)).isTrue();
    }

    @Test
    void one_claim_link_used_twice_at_once_claims_the_account_once() throws Exception {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      OrganisationFixture other = kit.organisation("Other").create();
      membership.invitations().invite(other.owner(), other.id(), Invite.of("bo@mail.test", Role.MEMBER));
      String link = kit.invitationTokenTo("bo@mail.test");

      List<Object> outcomes = atOnce(List.of(
          () -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("First", OTHER_PASSWORD)),
          () -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Second", THIRD_PASSWORD))));

      assertThat(outcomes).filteredOn(o -> o instanceof MembershipException).hasSize(1);
      boolean first = signsIn("bo@mail.test", OTHER_PASSWORD);
      boolean second = signsIn("bo@mail.test", THIRD_PASSWORD);
      assertThat(first ^ second).as("exactly one claimant's password works").isTrue();
      assertThat(membership.accounts().events(bo.account(), PageRequest.first()).items())
          .filteredOn(e -> e.type() == AccountEventType.ACCOUNT_CLAIMED).hasSize(1);
    }

    @Test
    void an_invitation_link_and_a_verification_link_claiming_at_once_claim_the_account_once() throws Exception {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      OrganisationFixture other = kit.organisation("Other").create();
      membership.invitations().invite(other.owner(), other.id(), Invite.of("bo@mail.test", Role.MEMBER));
      String invitation = kit.invitationTokenTo("bo@mail.test");
      membership.accounts().register(Registration.of("bo@mail.test", "Signed Up", THIRD_PASSWORD));
      String verification = kit.verificationTokenTo("bo@mail.test");
      Memberships second = secondInstance(MembershipPolicy.defaults());

      List<Object> outcomes = atOnce(List.of(
          () -> membership.invitations().acceptAsNewAccount(invitation, NewMemberDetails.of("Invited", OTHER_PASSWORD)),
          () -> second.accounts().verifyEmail(verification, Password.of(THIRD_PASSWORD))));

      assertThat(outcomes).filteredOn(o -> o instanceof MembershipException).hasSize(1);
      assertThat(signsIn("bo@mail.test", OTHER_PASSWORD) ^ signsIn("bo@mail.test", THIRD_PASSWORD)).isTrue();
      assertThat(membership.accounts().events(bo.account(), PageRequest.first()).items())
          .filteredOn(e -> e.type() == AccountEventType.ACCOUNT_CLAIMED).hasSize(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class AccountEvents {

    @Test
    void every_change_to_who_can_sign_in_is_kept_once_in_order_and_a_refused_change_keeps_nothing() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.MEMBER);
      Password reset = membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member());
      choosePassword(new Created(bo.org(), bo.account(), bo.member(), reset), OTHER_PASSWORD);
      assertThat(codeOf(() -> membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member())))
          .isEqualTo(ErrorCode.PASSWORD_CHOSEN_BY_PERSON);
      Throwable wrong = catchThrowable(() -> membership.accounts().changePassword(bo.account(),
          Password.of("not the current password"), Password.of(THIRD_PASSWORD)));
      assertThat(wrong).isInstanceOf(MembershipException.class);

      // Read through another instance of the fleet: the history is in the store, not in an instance.
      var events = secondInstance(MembershipPolicy.defaults()).accounts().events(bo.account(), PageRequest.first()).items();
      assertThat(events).extracting(e -> e.type()).containsExactly(
          AccountEventType.TEMPORARY_PASSWORD_REPLACED, AccountEventType.CREDENTIALS_RESET);
      assertThat(events.get(1).actor()).isEqualTo(bo.org().owner());
      assertThat(events.get(1).toString()).doesNotContain(PASSWORD, OTHER_PASSWORD, reset.reveal());
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class LastOwner {

    @Test
    void an_owner_whose_credentials_were_reset_before_choosing_a_password_does_not_let_the_founder_leave() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.OWNER);
      membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member());

      assertThat(codeOf(() -> membership.members().leave(bo.org().owner(), bo.org().id())))
          .isEqualTo(ErrorCode.LAST_OWNER);
      assertThat(kit.membershipOf(bo.org().id(), bo.org().owner()).roleId()).isEqualTo(Role.OWNER.id());
    }

    @Test
    void an_owner_who_chose_a_password_cannot_have_it_reset_so_the_founder_may_leave() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.OWNER);
      choosePassword(bo, OTHER_PASSWORD);

      assertThat(codeOf(() -> membership.members().resendCredentials(bo.org().owner(), bo.org().id(), bo.member())))
          .isEqualTo(ErrorCode.PASSWORD_CHOSEN_BY_PERSON);
      membership.members().leave(bo.org().owner(), bo.org().id());
      assertThat(membership.access().has(bo.account(), bo.org().id(), dev.membership.domain.Permission.DELETE_ORGANISATION)).isTrue();
    }

    @Test
    void a_founder_resetting_the_other_owners_password_while_leaving_always_leaves_an_owner_who_can_act() throws Exception {
      for (int round = 0; round < 6; round++) {
        Created bo = createdDirectly("Acme " + round, "bo" + round + "@mail.test", Role.OWNER);
        choosePassword(bo, OTHER_PASSWORD);
        OrganisationId acme = bo.org().id();
        AccountId founder = bo.org().owner();

        atOnce(List.of(
            () -> membership.members().leave(founder, acme),
            () -> membership.members().resendCredentials(founder, acme, bo.member())));

        boolean founderStays = store.inTransaction(tx -> tx.memberships().findLive(acme, founder)).isPresent();
        boolean boCanAct = membership.accounts().find(bo.account()).orElseThrow().credentialState()
            == CredentialState.PERSONAL;
        assertThat(founderStays || boCanAct).as("round %d: an owner who can act remains", round).isTrue();
      }
    }

    @Test
    void an_admin_cannot_reset_or_set_the_password_of_an_owner_created_directly() {
      Created bo = createdDirectly("Acme", "bo@mail.test", Role.OWNER);
      AccountId admin = kit.join(bo.org().id(), bo.org().owner(), "ada@acme.test", Role.ADMIN);

      assertThat(codeOf(() -> membership.members().resendCredentials(admin, bo.org().id(), bo.member())))
          .isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(codeOf(() -> membership.members().changePassword(admin, bo.org().id(), bo.member(),
          Password.of(OTHER_PASSWORD)))).isEqualTo(ErrorCode.PERMISSION_DENIED);
      assertThat(membership.accounts().signIn("bo@mail.test", bo.temporary()))
          .isInstanceOf(SignInResult.PasswordChangeRequired.class);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class Inviters {

    @Test
    void a_resent_invitation_whose_resender_was_then_demoted_cannot_be_accepted() {
      OrganisationFixture acme = kit.organisation("Acme").withAdmins("ada@acme.test").create();
      AccountId ada = acme.account("ada@acme.test");
      var invitation = membership.invitations().invite(acme.owner(), acme.id(), Invite.of("eve@mail.test", Role.ADMIN));
      membership.invitations().resend(ada, acme.id(), invitation.id());
      String link = kit.invitationTokenTo("eve@mail.test");
      membership.members().changeRole(acme.owner(), acme.id(), acme.membership(ada), Role.MEMBER.id());

      assertThat(membership.invitations().preview(link).orElseThrow().status()).isEqualTo(InvitationStatus.CANCELLED);
      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Eve", PASSWORD))))
          .isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
      assertThat(membership.accounts().findByEmail("eve@mail.test")).isEmpty();
    }

    @Test
    void an_invitation_to_a_role_widened_after_sending_beyond_the_inviters_permissions_cannot_be_accepted() {
      OrganisationFixture acme = kit.organisation("Acme").withAdmins("ada@acme.test").create();
      AccountId ada = acme.account("ada@acme.test");
      Role helper = membership.roles().create(acme.owner(), acme.id(), RoleDefinition.of("Helper", Permission.VIEW_MEMBERS));
      membership.invitations().invite(ada, acme.id(), Invite.of("eve@mail.test", helper.id()));
      String link = kit.invitationTokenTo("eve@mail.test");
      AccountId eve = kit.account("eve@mail.test");
      // The owner widens the role to something the inviting admin may not give.
      membership.roles().update(acme.owner(), acme.id(), helper.id(),
          RoleDefinition.of("Helper", Permission.VIEW_MEMBERS, Permission.DELETE_ORGANISATION));

      assertThat(membership.invitations().preview(link).orElseThrow().status()).isEqualTo(InvitationStatus.CANCELLED);
      assertThat(codeOf(() -> membership.invitations().accept(eve, link))).isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
      assertThat(membership.members().find(acme.owner(), acme.id(), eve)).isEmpty();
    }

    @Test
    void an_invitation_whose_inviters_custom_role_lost_manage_members_cannot_be_accepted() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      Role recruiter = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
      AccountId rita = kit.join(acme.id(), acme.owner(), "rita@acme.test", recruiter);
      membership.invitations().invite(rita, acme.id(), Invite.of("eve@mail.test", Role.MEMBER));
      String link = kit.invitationTokenTo("eve@mail.test");
      membership.roles().update(acme.owner(), acme.id(), recruiter.id(), RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS));

      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Eve", PASSWORD))))
          .isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
      assertThat(membership.accounts().findByEmail("eve@mail.test")).isEmpty();
    }

    @Test
    void an_invitation_whose_inviters_role_was_deleted_and_replaced_by_member_cannot_be_accepted() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      Role recruiter = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Recruiter", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS));
      AccountId rita = kit.join(acme.id(), acme.owner(), "rita@acme.test", recruiter);
      membership.invitations().invite(rita, acme.id(), Invite.of("eve@mail.test", Role.MEMBER));
      String link = kit.invitationTokenTo("eve@mail.test");
      membership.roles().delete(acme.owner(), acme.id(), recruiter.id(), Role.MEMBER.id());

      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Eve", PASSWORD))))
          .isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
    }

    @Test
    void an_approval_by_a_reviewer_removed_before_it_was_accepted_cannot_be_accepted() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      Role reviewer = membership.roles().create(acme.owner(), acme.id(),
          RoleDefinition.of("Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));
      AccountId rex = kit.join(acme.id(), acme.owner(), "rex@acme.test", reviewer);
      AccountId eve = kit.account("eve@mail.test");
      JoinRequestId asked = membership.joinRequests().request(eve, acme.id()).id();
      membership.joinRequests().approve(rex, acme.id(), asked);
      String link = kit.invitationTokenTo("eve@mail.test");
      membership.members().remove(acme.owner(), acme.id(), kit.membershipIdOf(acme.id(), rex));

      assertThat(codeOf(() -> membership.invitations().accept(eve, link))).isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
      assertThat(membership.members().find(acme.owner(), acme.id(), eve)).isEmpty();
    }

    @Test
    void an_admin_who_left_and_came_back_as_a_member_cannot_revive_an_admin_invitation_to_a_second_address() {
      OrganisationFixture acme = kit.organisation("Acme").withAdmins("ada@acme.test").create();
      AccountId ada = acme.account("ada@acme.test");
      membership.invitations().invite(ada, acme.id(), Invite.of("ada.second@mail.test", Role.ADMIN));
      String link = kit.invitationTokenTo("ada.second@mail.test");
      membership.members().leave(ada, acme.id());
      kit.join(acme.id(), acme.owner(), "ada@acme.test", Role.MEMBER);

      assertThat(codeOf(() -> membership.invitations().acceptAsNewAccount(link, NewMemberDetails.of("Ada 2", PASSWORD))))
          .isEqualTo(ErrorCode.INVITATION_NO_LONGER_VALID);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class Floods {

    @Test
    void cancelling_the_days_invitations_gives_no_room_under_the_daily_invitation_limit() {
      TestMembership limited = TestMembership.on(store, MembershipPolicy.defaults().withInvitationsPerDay(3));
      OrganisationFixture acme = limited.organisation("Acme").create();
      Memberships m = limited.membership();
      for (int i = 0; i < 3; i++) {
        var sent = m.invitations().invite(acme.owner(), acme.id(), Invite.of("x" + i + "@mail.test", Role.MEMBER));
        m.invitations().cancel(acme.owner(), acme.id(), sent.id());
      }

      assertThat(codeOf(() -> m.invitations().invite(acme.owner(), acme.id(), Invite.of("y@mail.test", Role.MEMBER))))
          .isEqualTo(ErrorCode.INVITATION_LIMIT_REACHED);
    }

    @Test
    void two_instances_inviting_at_once_at_the_daily_limit_send_only_the_last_invitation_allowed() throws Exception {
      MembershipPolicy policy = MembershipPolicy.defaults().withInvitationsPerDay(3);
      TestMembership limited = TestMembership.on(store, policy);
      OrganisationFixture acme = limited.organisation("Acme").create();
      Memberships first = limited.membership();
      first.invitations().invite(acme.owner(), acme.id(), Invite.of("a@mail.test", Role.MEMBER));
      first.invitations().invite(acme.owner(), acme.id(), Invite.of("b@mail.test", Role.MEMBER));
      Memberships second = Memberships.builder().store(store).clock(limited.clock()).policy(policy)
          .notifications(limited.mailbox()).passwordHasher(new FastTestPasswordHasher())
          .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token)).build();

      List<Object> outcomes = atOnce(List.of(
          () -> first.invitations().invite(acme.owner(), acme.id(), Invite.of("c@mail.test", Role.MEMBER)),
          () -> second.invitations().invite(acme.owner(), acme.id(), Invite.of("d@mail.test", Role.MEMBER)),
          () -> second.invitations().invite(acme.owner(), acme.id(), Invite.of("e@mail.test", Role.MEMBER))));

      assertThat(outcomes).filteredOn(o -> !(o instanceof MembershipException)).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof MembershipException)
          .allSatisfy(o -> assertThat(((MembershipException) o).code()).isEqualTo(ErrorCode.INVITATION_LIMIT_REACHED));
      assertThat(limited.mailbox().delivered()).filteredOn(n -> n.type() == NotificationType.INVITATION).hasSize(3);
    }

    @Test
    void requests_to_many_organisations_at_once_stay_within_the_daily_cap() throws Exception {
      MembershipPolicy policy = MembershipPolicy.defaults().withJoinRequestLimits(Duration.ofHours(24), 2);
      TestMembership limited = TestMembership.on(store, policy);
      AccountId eve = limited.account("eve@mail.test");
      List<OrganisationId> organisations = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        organisations.add(limited.organisation("Org " + i).create().id());
      }
      limited.membership().joinRequests().request(eve, organisations.get(0));
      Memberships second = Memberships.builder().store(store).clock(limited.clock()).policy(policy)
          .notifications(limited.mailbox()).passwordHasher(new FastTestPasswordHasher())
          .invitationLinks(token -> URI.create(TestMembership.LINK_PREFIX + token)).build();

      List<Callable<Object>> tasks = new ArrayList<>();
      for (int i = 1; i < 6; i++) {
        OrganisationId organisation = organisations.get(i);
        Memberships instance = i % 2 == 0 ? limited.membership() : second;
        tasks.add(() -> instance.joinRequests().request(eve, organisation));
      }
      atOnce(tasks);

      assertThat(limited.membership().joinRequests().mine(eve, Set.of(), PageRequest.first()).items())
          .as("one before and at most one of the five at once").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void a_withdrawn_request_cannot_be_renewed_at_once_through_a_second_instance() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      AccountId eve = kit.account("eve@mail.test");
      JoinRequestId asked = membership.joinRequests().request(eve, acme.id(), Optional.of("please")).id();
      membership.joinRequests().withdraw(eve, asked);
      Memberships second = secondInstance(MembershipPolicy.defaults());

      assertThat(codeOf(() -> second.joinRequests().request(eve, acme.id(), Optional.of("please"))))
          .isEqualTo(ErrorCode.JOIN_REQUEST_COOLDOWN);
      assertThat(kit.mailbox().deliveredTo(acme.ownerEmail(), NotificationType.JOIN_REQUEST_RECEIVED)).hasSize(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class SignInThrottle {

    @Test
    void case_whitespace_and_unicode_variants_of_an_address_count_on_one_counter() {
      kit.account("kim@mail.test");
      List<String> variants = List.of("KIM@MAIL.TEST", "\u00a0kim@mail.test\u3000", "\u212aim@mail.test",
          "\tKim@Mail.Test ", "kim@mail.test\u2003");
      for (String variant : variants) {
        assertThat(membership.accounts().signIn(variant, Password.of("wrong guess wrong guess"), "203.0.113." + variants.indexOf(variant)))
            .isInstanceOf(SignInResult.Failed.class);
      }

      assertThat(membership.accounts().signIn("kim@mail.test", Password.of(PASSWORD), "198.51.100.9"))
          .isInstanceOf(SignInResult.Throttled.class);
    }

    @Test
    void a_guesser_changing_its_client_key_every_attempt_is_held_by_the_address_and_the_owner_is_not() {
      kit.account("kim@mail.test");
      assertThat(membership.accounts().signIn("kim@mail.test", Password.of(PASSWORD), " 192.0.2.1 "))
          .isInstanceOf(SignInResult.SignedIn.class);
      for (int i = 0; i < 5; i++) {
        membership.accounts().signIn("kim@mail.test", Password.of("wrong guess wrong guess"), "guesser-" + i);
      }

      assertThat(membership.accounts().signIn("kim@mail.test", Password.of(PASSWORD), "guesser-5"))
          .isInstanceOf(SignInResult.Throttled.class);
      // The owner's source, in another spelling of the same key (the host's whitespace), is still trusted.
      assertThat(membership.accounts().signIn("kim@mail.test", Password.of(PASSWORD), "192.0.2.1\n"))
          .isInstanceOf(SignInResult.SignedIn.class);
    }

    @Test
    void guesses_spread_over_two_instances_count_on_the_same_counter_for_taken_and_free_addresses_alike() {
      kit.account("kim@mail.test");
      Memberships second = secondInstance(MembershipPolicy.defaults());
      List<SignInResult> taken = new ArrayList<>();
      List<SignInResult> free = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Memberships instance = i % 2 == 0 ? membership : second;
        taken.add(instance.accounts().signIn("kim@mail.test", Password.of("wrong guess wrong guess"), "203.0.113.7"));
        free.add(instance.accounts().signIn("nobody@mail.test", Password.of("wrong guess wrong guess"), "203.0.113.8"));
      }

      assertThat(taken).extracting(r -> r.getClass().getSimpleName())
          .containsExactly("Failed", "Failed", "Failed", "Failed", "Failed", "Throttled");
      assertThat(free).usingRecursiveFieldByFieldElementComparator().isEqualTo(taken);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class SignUpThrottle {

    @Test
    void sign_ups_from_one_source_in_many_spellings_of_its_key_and_to_many_addresses_are_one_source() {
      MembershipPolicy policy = MembershipPolicy.defaults()
          .withSignUpRules(MembershipPolicy.SignUpRules.defaults().withSignUpsPerSourceBeforeWaiting(3));
      Memberships limited = secondInstance(policy);
      List<String> spellings = List.of("203.0.113.5", " 203.0.113.5", "203.0.113.5\t", "\n203.0.113.5 ");
      for (int i = 0; i < 3; i++) {
        limited.accounts().register(Registration.of("new" + i + "@mail.test", "New", PASSWORD), spellings.get(i));
      }

      assertThat(codeOf(() -> limited.accounts().register(Registration.of("new3@mail.test", "New", PASSWORD), spellings.get(3))))
          .isEqualTo(ErrorCode.SIGN_UP_THROTTLED);
      assertThat(kit.mailbox().deliveredTo("new3@mail.test")).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class VerificationLinks {

    @Test
    void a_leaked_verification_link_tried_with_many_passwords_at_once_answers_at_most_five_of_them() throws Exception {
      membership.accounts().register(Registration.of("ana@mail.test", "Ana", PASSWORD));
      String leaked = kit.verificationTokenTo("ana@mail.test");
      Memberships second = secondInstance(MembershipPolicy.defaults());
      List<Callable<Object>> guesses = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Memberships instance = i % 2 == 0 ? membership : second;
        String guess = "wrong guess number " + i;
        guesses.add(() -> instance.accounts().verifyEmail(leaked, Password.of(guess)));
      }

      List<Object> outcomes = atOnce(guesses);

      assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(MembershipException.class));
      assertThat(outcomes).filteredOn(o -> ((MembershipException) o).code() == ErrorCode.INVALID_CREDENTIALS)
          .as("guesses checked against the password").hasSizeLessThanOrEqualTo(SignUp.MAX_FAILED_ATTEMPTS);
      assertThat(codeOf(() -> membership.accounts().verifyEmail(leaked, Password.of(PASSWORD))))
          .isEqualTo(ErrorCode.EMAIL_VERIFICATION_NO_LONGER_VALID);
      assertThat(membership.accounts().findByEmail("ana@mail.test")).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class Cursors {

    @Test
    void searching_pages_through_names_of_emoji_wide_and_look_alike_letters_each_exactly_once() {
      AccountId founder = kit.account("founder@mail.test");
      List<String> names = List.of("Acme \ud83d\ude00", "Acme \uff5e", "Acme \ufffd", "Acme z", "ACME a", "acme A",
          "Acme \u0430", "Acme a\u0301", "Acme \u00e1", "Acme \ud835\udc00", "Acme \u0130", "Acme i\u0307", "Acme");
      for (String name : names) {
        var created = membership.organisations().create(founder, name);
        membership.organisations().setDiscoverable(founder, created.id(), true);
      }

      List<String> seen = new ArrayList<>();
      var page = membership.organisations().search("acme", PageRequest.first(2));
      seen.addAll(page.items().stream().map(o -> o.name()).toList());
      while (page.nextCursor().isPresent()) {
        page = membership.organisations().search("acme", PageRequest.first(2).next(page));
        seen.addAll(page.items().stream().map(o -> o.name()).toList());
      }
      List<String> expected = names.stream().map(n -> Normalizer.normalize(n, Normalizer.Form.NFC)).toList();
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class NamesThatLie {

    @Test
    void role_names_posing_as_built_in_roles_are_refused_whatever_the_disguise() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      List<String> disguises = List.of(
          "\u041ewner", // Cyrillic O
          "0wner", // digit zero
          "\uff2f\uff57\uff4e\uff45\uff52", // fullwidth
          "OWNER", "owner",
          "Owner\ufe0f", // a variation selector, which names keep for emoji
          "Mernber", // r n looks like m
          "Adm\u0131n", // dotless i
          "Ow\u00adner", // soft hyphen
          "Owner\u3164", // Hangul filler
          Normalizer.normalize("Admin", Normalizer.Form.NFD));
      for (String name : disguises) {
        Throwable refused = catchThrowable(() -> membership.roles().create(acme.owner(), acme.id(),
            RoleDefinition.of(name, Permission.VIEW_MEMBERS)));
        assertThat(refused).as("role name %s", name.codePoints().mapToObj(Integer::toHexString).toList())
            .isInstanceOf(MembershipException.class);
      }
      assertThat(membership.roles().list(acme.owner(), acme.id())).hasSize(3);
    }

    @Test
    void a_custom_role_cannot_be_renamed_to_pose_as_a_built_in_role_or_another_custom_role() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      membership.roles().create(acme.owner(), acme.id(), RoleDefinition.of("Billing", Permission.VIEW_MEMBERS));
      Role finance = membership.roles().create(acme.owner(), acme.id(), RoleDefinition.of("Finance", Permission.VIEW_MEMBERS));

      for (String name : List.of("\u0410dmin", "BiIIing", "b\u0456lling")) {
        assertThat(codeOf(() -> membership.roles().update(acme.owner(), acme.id(), finance.id(),
            RoleDefinition.of(name, Permission.VIEW_MEMBERS)))).as(name).isIn(ErrorCode.ROLE_NAME_TAKEN, ErrorCode.INVALID_INPUT);
      }
      assertThat(membership.roles().list(acme.owner(), acme.id())).extracting(Role::name).contains("Finance");
    }

    @Test
    void names_that_render_blank_are_refused_for_people_organisations_and_roles() {
      OrganisationFixture acme = kit.organisation("Acme").create();
      for (String blank : List.of("\u3164", "\u115f\u1160", "\ufe0f", "\u200b", "\u2800", "\u3000\u2800\u3000", "\u034f")) {
        String shown = blank.codePoints().mapToObj(Integer::toHexString).toList().toString();
        assertThat(codeOf("an organisation named " + shown, () -> membership.organisations().create(acme.owner(), blank)))
            .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(codeOf("a person named " + shown,
            () -> membership.accounts().register(Registration.of("b@mail.test", blank, PASSWORD)))).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(codeOf("a role named Owner" + shown, () -> membership.roles().create(acme.owner(), acme.id(),
            RoleDefinition.of("Owner" + blank, Permission.VIEW_MEMBERS)))).isIn(ErrorCode.INVALID_INPUT,
            ErrorCode.ROLE_NAME_TAKEN);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  @Nested
  class Addresses {

    @Test
    void an_address_typed_in_decomposed_unicode_is_the_same_person_as_in_composed_form() {
      String composed = Normalizer.normalize("jos\u00e9@b\u00fccher.test", Normalizer.Form.NFC);
      String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
      AccountId jose = kit.account(composed, "Jose");
      OrganisationFixture acme = kit.organisation("Acme").create();

      assertThat(membership.accounts().findByEmail(decomposed).map(a -> a.id())).contains(jose);
      assertThat(codeOf(() -> membership.members().createDirectly(acme.owner(), acme.id(),
          NewAccount.generatedPassword(decomposed, "Jose", Role.MEMBER)))).isEqualTo(ErrorCode.ACCOUNT_EXISTS_INVITE_INSTEAD);
    }
  }
}
