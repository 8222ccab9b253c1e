package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.DomainName;
import dev.membership.domain.DomainVerification;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.query.MemberAccess;
import dev.membership.spi.AcceptanceChecks;
import dev.membership.spi.InvitationChecks;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Port contract of {@link dev.membership.spi.AdmissionReads} ({@code tx.admissions()}): each answer is
 * what asking the other ports one by one answers, for the organisation asked only: the day's invitation
 * e-mails up to the limit, a live membership, a pending invitation or request, the inviter's name and
 * access, the address's domain, and whom to tell of an acceptance.
 */
public abstract class AdmissionReadsContract extends StoreContractSupport {

  @Test
  void invitation_checks_count_the_days_invitation_emails_up_to_the_limit_and_find_the_pending_invitation() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    for (int i = 0; i < 4; i++) {
      Notification sent = newNotification(acme.id(), "sent" + i + "@x.test", at(10 + i));
      inTx(tx -> tx.outbox().enqueue(sent));
    }
    inTx(tx -> tx.outbox().enqueue(newNotification(acme.id(), "yesterday@x.test", at(1))));
    inTx(tx -> tx.outbox().enqueue(newNotification(other.id(), "elsewhere@x.test", at(20))));
    inTx(tx -> tx.outbox().enqueue(new Notification(NotificationId.random(), NotificationType.INVITATION_ACCEPTED,
        Optional.of(acme.id()), email("owner@acme.test"), Map.of(), Optional.empty(), at(20))));
    Invitation pending = invitation(acme, "pat@x.test", Role.MEMBER.id(), owner);

    InvitationChecks checks = tx(tx -> tx.admissions().invitationChecks(acme.id(), email("pat@x.test"), owner.id(), at(5), 10));
    InvitationChecks capped = tx(tx -> tx.admissions().invitationChecks(acme.id(), email("pat@x.test"), owner.id(), at(5), 3));

    assertThat(checks.invitationsSince()).isEqualTo(4);
    assertThat(capped.invitationsSince()).isEqualTo(3);
    assertThat(checks.pending()).contains(pending);
    assertThat(checks.addressIsLiveMember()).isFalse();
    assertThat(checks.inviterName()).isEqualTo(owner.displayName());
  }

  @Test
  void invitation_checks_see_a_live_member_of_this_organisation_only_and_an_inviter_without_account_as_no_name() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    Account ana = account("ana@x.test");
    Account bo = account("bo@x.test");
    member(acme, ana, Role.MEMBER);
    member(other, bo, Role.MEMBER);
    inTx(tx -> tx.memberships().update(member(acme, account("dee@x.test"), Role.MEMBER).deactivate(at(3))));
    Account gone = newAccount("gone@x.test");

    InvitationChecks anaChecks = tx(tx -> tx.admissions().invitationChecks(acme.id(), email("ana@x.test"), owner.id(), T0, 10));
    InvitationChecks boChecks = tx(tx -> tx.admissions().invitationChecks(acme.id(), email("bo@x.test"), gone.id(), T0, 10));
    InvitationChecks deeChecks = tx(tx -> tx.admissions().invitationChecks(acme.id(), email("dee@x.test"), owner.id(), T0, 0));

    assertThat(anaChecks.addressIsLiveMember()).isTrue();
    assertThat(boChecks.addressIsLiveMember()).isFalse();
    assertThat(boChecks.inviterName()).isEmpty();
    assertThat(boChecks.pending()).isEmpty();
    assertThat(deeChecks.addressIsLiveMember()).as("a deactivated member is live").isTrue();
    assertThat(deeChecks.invitationsSince()).isZero();
  }

  @Test
  void acceptance_checks_read_the_account_its_live_membership_and_its_pending_request_in_this_organisation() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    member(acme, owner, Role.OWNER);
    Account pat = account("pat@x.test");
    JoinRequest asked = newJoinRequest(acme, pat, at(2));
    inTx(tx -> tx.joinRequests().insert(asked));
    inTx(tx -> tx.joinRequests().insert(newJoinRequest(other, pat, at(2))));
    member(other, pat, Role.MEMBER);

    AcceptanceChecks checks = acceptance(acme, pat, owner, Optional.empty());
    AcceptanceChecks nobody = acceptance(acme, newAccount("nobody@x.test"), owner, Optional.empty());

    assertThat(checks.account()).contains(pat);
    assertThat(checks.liveMember()).as("a member of another organisation only").isFalse();
    assertThat(checks.pendingJoinRequest()).contains(asked);
    assertThat(nobody.account()).isEmpty();
    assertThat(nobody.pendingJoinRequest()).isEmpty();

    Membership joined = member(acme, pat, Role.MEMBER);
    assertThat(acceptance(acme, pat, owner, Optional.empty()).liveMember()).isTrue();
    inTx(tx -> tx.memberships().update(joined.remove(at(9))));
    assertThat(acceptance(acme, pat, owner, Optional.empty()).liveMember()).as("a removed member is not live").isFalse();
  }

  @Test
  void acceptance_checks_read_the_inviters_access_as_find_access_does() {
    Organisation acme = organisation("acme");
    Account owner = account("owner@acme.test");
    Account admin = account("admin@acme.test");
    Account former = account("former@acme.test");
    Account pat = account("pat@x.test");
    member(acme, owner, Role.OWNER);
    Role recruiter = customRole(acme, "Recruiter", Permission.VIEW_MEMBERS, Permission.MANAGE_MEMBERS);
    Membership adminMembership = member(acme, admin, recruiter);
    inTx(tx -> tx.memberships().update(member(acme, former, Role.ADMIN).remove(at(4))));

    Optional<MemberAccess> ofAdmin = acceptance(acme, pat, admin, Optional.empty()).inviter();
    Optional<MemberAccess> ofFormer = acceptance(acme, pat, former, Optional.empty()).inviter();

    assertThat(ofAdmin).isEqualTo(find(tx -> tx.memberships().findAccess(acme.id(), admin.id())));
    assertThat(ofAdmin).map(MemberAccess::membership).map(Membership::id).contains(adminMembership.id());
    assertThat(ofAdmin).map(MemberAccess::role).contains(recruiter);
    assertThat(ofAdmin.orElseThrow().allows(Permission.MANAGE_MEMBERS)).isTrue();
    assertThat(ofFormer).isEmpty();
  }

  @Test
  void acceptance_checks_name_the_active_members_whose_role_allows_the_permission_but_the_accepting_account() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    Account admin = account("admin@acme.test");
    Account recruiter = account("recruiter@acme.test");
    Account viewer = account("viewer@acme.test");
    Account resting = account("resting@acme.test");
    Account pat = account("pat@x.test");
    Membership ownership = member(acme, owner, Role.OWNER);
    Membership administration = member(acme, admin, Role.ADMIN);
    Membership recruiting = member(acme, recruiter, customRole(acme, "Recruiter", Permission.MANAGE_MEMBERS));
    member(acme, viewer, customRole(acme, "Reviewer", Permission.VIEW_MEMBERS, Permission.REVIEW_JOIN_REQUESTS));
    inTx(tx -> tx.memberships().update(member(acme, resting, Role.ADMIN).deactivate(at(3))));
    member(acme, pat, Role.ADMIN);
    member(other, account("admin@other.test"), Role.OWNER);

    AcceptanceChecks checks = acceptance(acme, pat, owner, Optional.empty());
    AcceptanceChecks two = tx(tx -> tx.admissions().acceptanceChecks(acme.id(), pat.id(), owner.id(), Optional.empty(),
        Permission.MANAGE_MEMBERS, 2));
    AcceptanceChecks reviewers = tx(tx -> tx.admissions().acceptanceChecks(acme.id(), pat.id(), owner.id(),
        Optional.empty(), Permission.REVIEW_JOIN_REQUESTS, 10));

    List<EmailAddress> byMembershipId = List.of(ownership, administration, recruiting).stream()
        .sorted(Comparator.comparing(m -> m.id().toString()))
        .map(m -> m.accountId().equals(owner.id()) ? owner.email()
            : m.accountId().equals(admin.id()) ? admin.email() : recruiter.email())
        .toList();
    assertThat(checks.notified()).containsExactlyElementsOf(byMembershipId);
    assertThat(two.notified()).containsExactlyElementsOf(byMembershipId.subList(0, 2));
    assertThat(reviewers.notified()).containsExactlyInAnyOrder(owner.email(), admin.email(), viewer.email());
  }

  @Test
  void acceptance_checks_find_the_addresss_domain_of_this_organisation_and_whether_any_organisation_verified_it() {
    Organisation acme = organisation("acme");
    Organisation other = organisation("other");
    Account owner = account("owner@acme.test");
    Account pat = account("pat@x.test");
    DomainName xTest = DomainName.of("domain", "x.test");
    DomainName yTest = DomainName.of("domain", "y.test");
    OrganisationDomain added = OrganisationDomain.added(acme.id(), xTest, "token-x", owner.id(), T0);
    OrganisationDomain addedY = OrganisationDomain.added(acme.id(), yTest, "token-y", owner.id(), T0);
    OrganisationDomain verifiedElsewhere = OrganisationDomain.added(other.id(), yTest, "token-oy", owner.id(), T0)
        .verify(DomainVerification.DNS_TXT, at(2));
    inTx(tx -> {
      tx.domains().insert(added);
      tx.domains().insert(addedY);
      tx.domains().insert(verifiedElsewhere);
    });

    AcceptanceChecks x = acceptance(acme, pat, owner, Optional.of(xTest));
    AcceptanceChecks y = acceptance(acme, pat, owner, Optional.of(yTest));
    AcceptanceChecks unknown = acceptance(acme, pat, owner, Optional.of(DomainName.of("domain", "z.test")));
    AcceptanceChecks none = acceptance(acme, pat, owner, Optional.empty());

    assertThat(x.domain()).contains(added);
    assertThat(x.domainVerifiedAnywhere()).isFalse();
    assertThat(x.unprovedDomain()).contains(added);
    assertThat(y.domain()).contains(addedY);
    assertThat(y.domainVerifiedAnywhere()).isTrue();
    assertThat(y.unprovedDomain()).as("verified by another organisation").isEmpty();
    assertThat(unknown.domain()).isEmpty();
    assertThat(unknown.domainVerifiedAnywhere()).isFalse();
    assertThat(none.domain()).isEmpty();
  }

  private AcceptanceChecks acceptance(Organisation organisation, Account account, Account inviter,
      Optional<DomainName> domain) {
    return tx(tx -> tx.admissions().acceptanceChecks(organisation.id(), account.id(), inviter.id(), domain,
        Permission.MANAGE_MEMBERS, 500));
  }
}
