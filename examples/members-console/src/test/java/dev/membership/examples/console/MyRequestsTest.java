package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Registration;
import dev.membership.domain.JoinRequestStatus;
import dev.membership.query.PageRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MyRequestsTest extends BrowserTest {

  @Test
  void a_requester_asks_to_join_sees_the_request_under_my_requests_and_withdraws_it() throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Wharf");
    String email = unique("rhea");
    var rhea = Arrange.account(membership, mailbox, email, "Rhea Requester", "rhea's long passphrase");
    signIn(email, "rhea's long passphrase");
    waitForPath("/organisations");
    assertThat(find("#no-requests").getText()).isEqualTo("You have no requests waiting for an answer.");

    type("#organisation-search", org.name());
    loadsPage(() -> find("#search-organisations").click());
    loadsPage(() -> find("#search-results li[data-organisation='" + org.name() + "'] [data-action='request-to-join']")
        .click());
    waitForText(".notice", "Your request was sent");
    assertThat(find("#my-requests li[data-organisation='" + org.name() + "']").getText())
        .contains(org.name()).contains("Waiting");
    assertThat(find("#search-results li[data-organisation='" + org.name() + "']").getText()).contains("Requested");
    assertThat(all("#search-results [data-action='request-to-join']")).as("no second request offered").isEmpty();
    screenshot("my-requests");

    loadsPage(() -> find("#my-requests li[data-organisation='" + org.name() + "'] [data-action='withdraw']").click());
    waitForText(".notice", "Your request was withdrawn");
    assertThat(find("#no-requests").isDisplayed()).isTrue();
    assertThat(all("#search-results [data-action='request-to-join']")).as("asking again is offered").hasSize(1);
    assertThat(membership.joinRequests().mine(rhea, Set.of(JoinRequestStatus.WITHDRAWN), PageRequest.first()).items())
        .hasSize(1);
  }
}
