package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.DomainEnrollment;
import dev.membership.domain.AccountId;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.OrganisationDomain;
import dev.membership.domain.Role;
import dev.membership.query.PageRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * People whose address is of a domain an organisation verified: with automatic enrolment they are
 * members as soon as the address is proved (or at their next sign-in); with "suggest" the
 * organisations page offers the organisation, discoverable or not, and they ask to join from there.
 */
class DomainEnrolmentTest extends BrowserTest {

  /** An organisation of its own that proved a fresh domain (as its DNS record would) and chose its mode. */
  private Arrange.Organisation withDomain(String prefix, String domain, DomainEnrollment enrollment) {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, prefix);
    membership.organisations().setDiscoverable(org.owner(), org.id(), false); // found through its domain only
    OrganisationDomain added = membership.domains().add(org.owner(), org.id(), domain);
    membership.domains().verify(org.owner(), org.id(), added.id(), List.of(added.txtRecordValue()));
    membership.domains().setEnrollment(org.owner(), org.id(), added.id(), enrollment);
    return org;
  }

  private static String freshDomain() {
    return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
  }


  @Test
  void a_person_of_an_automatic_domain_confirms_the_address_and_lands_in_the_organisation_as_a_member()
      throws Exception {
    String domain = freshDomain();
    Arrange.Organisation org = withDomain("Auto", domain, DomainEnrollment.automatic(Role.MEMBER.id()));
    String email = "zoe@" + domain;

    signUpAndFollowTheLink("Zoe Domain", email, "zoe's long passphrase");

    waitForPath("/members");
    waitForText(".notice", "Your address's domain is verified by " + org.name() + ": you joined it as Member.");
    screenshot("joined-by-domain");
    AccountId zoe = membership.accounts().findByEmail(email).orElseThrow().id();
    assertThat(membership.organisations().of(zoe, org.id())).hasValueSatisfying(
        joined -> assertThat(joined.membership().origin()).isEqualTo(MembershipOrigin.DOMAIN));
  }

  @Test
  void a_person_who_signed_up_before_the_organisation_chose_automatic_enrolment_joins_at_the_next_sign_in() {
    String domain = freshDomain();
    Arrange.Organisation org = withDomain("Later", domain, DomainEnrollment.none());
    String email = "yuri@" + domain;
    AccountId yuri = Arrange.account(membership, mailbox, email, "Yuri Later", "yuri's long passphrase");
    OrganisationDomain added = membership.domains().list(org.owner(), org.id()).get(0);
    membership.domains().setEnrollment(org.owner(), org.id(), added.id(), DomainEnrollment.automatic(Role.MEMBER.id()));
    assertThat(membership.organisations().of(yuri, org.id())).isEmpty();

    signIn(email, "yuri's long passphrase");

    waitForPath("/members");
    assertThat(find("#current-organisation").getText()).isEqualTo(org.name());
    assertThat(membership.organisations().of(yuri, org.id())).isPresent();
  }

  @Test
  void a_person_of_a_suggesting_domain_sees_the_organisation_that_is_not_discoverable_and_asks_to_join()
      throws Exception {
    String domain = freshDomain();
    Arrange.Organisation org = withDomain("Suggest", domain, DomainEnrollment.suggest());
    String email = "xia@" + domain;

    signUpAndFollowTheLink("Xia Suggested", email, "xia's long passphrase");

    waitForPath("/organisations");
    String suggested = "#suggested-organisations li[data-organisation='" + org.name() + "']";
    assertThat(find(suggested).getText()).contains(org.name()).contains(domain);
    screenshot("suggested-organisation");
    loadsPage(() -> find(suggested + " [data-action='ask-to-join']").click());
    waitForText(".notice", "Your request was sent");
    assertThat(find(suggested).getText()).contains("Requested");
    assertThat(find("#my-requests li[data-organisation='" + org.name() + "']").getText()).contains("Waiting");
    assertThat(membership.joinRequests().list(org.owner(), org.id(), Set.of(JoinRequestStatus.PENDING),
        PageRequest.first()).items()).singleElement()
        .satisfies(r -> assertThat(r.requester().email().value()).isEqualTo(email));

    // Someone of another domain is offered nothing and does not find the organisation by its name.
    signOut();
    signUpAndConfirm("Wen Elsewhere", unique("wen"), "wen's long passphrase");
    assertThat(all("#suggested-organisations li")).isEmpty();
    type("#organisation-search", org.name());
    loadsPage(() -> find("#search-organisations").click());
    assertThat(all("#search-results li[data-organisation='" + org.name() + "']")).isEmpty();
  }
}
