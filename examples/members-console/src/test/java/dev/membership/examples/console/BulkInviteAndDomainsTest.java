package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.DomainVerification;
import dev.membership.domain.EnrollmentMode;
import dev.membership.domain.OrganisationDomain;
import dev.membership.examples.console.web.DnsTxtRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The owner invites a team from a CSV file, then proves a domain through its DNS record and lets colleagues join. */
class BulkInviteAndDomainsTest extends BrowserTest {

  /** DNS as this test publishes it: the console's lookup reads here instead of the network. */
  static final class PublishedDns extends DnsTxtRecords {
    final Map<String, List<String>> records = new ConcurrentHashMap<>();

    @Override
    public List<String> lookUp(String name) {
      return records.getOrDefault(name, List.of());
    }
  }

  @TestConfiguration
  static class Dns {
    @Bean
    @Primary
    PublishedDns publishedDns() {
      return new PublishedDns();
    }
  }

  @Autowired
  PublishedDns dns;

  @Test
  void an_owner_uploads_a_csv_and_reads_each_address_outcome() throws Exception {
    String ana = unique("csv-ana");
    String bo = unique("csv-bo");
    Path csv = Files.createTempFile("team", ".csv");
    Files.writeString(csv, "email,role\n" + ana + ",Admin\n" + bo + "\nnot an address\n" + ana.toUpperCase() + "\n");
    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");

    loadsPage(() -> find("#invite-many-tab").click());
    find("#csv-file").sendKeys(csv.toAbsolutePath().toString());
    loadsPage(() -> find("#send-invites").click());

    waitForText(".notice", "2 of 4 invitations sent.");
    assertThat(all("#outcomes tbody tr")).extracting(r -> r.findElement(By.cssSelector(".outcome")).getText())
        .containsExactly("Invited", "Invited", "The address is not a valid e-mail address.",
            "The address is named earlier in the same list.");
    screenshot("invite-many-outcomes");
    open("/members");
    search("csv-");
    assertThat(badgeOf(ana)).isEqualTo("Pending");
    assertThat(badgeOf(bo)).isEqualTo("Pending");
    Files.deleteIfExists(csv);
  }

  @Test
  void all_or_nothing_sends_nobody_when_one_address_is_refused() {
    String cy = unique("aon-cy");
    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    open("/invite-many");

    type("#csv-lines", cy + "\n" + DemoData.OWNER_EMAIL);
    find("#mode-all").click();
    loadsPage(() -> find("#send-invites").click());

    waitForText(".notice", "0 of 2 invitations sent.");
    assertThat(find("#outcomes tr[data-email='" + cy + "'] .outcome").getText()).startsWith("Not sent");
    assertThat(membership.invitations().inviteAll(owner(), acme(), dev.membership.command.BulkInvite.each(
        List.of(dev.membership.command.Invite.of(cy, dev.membership.domain.Role.MEMBER)))).allInvited())
        .as("nothing was written for " + cy).isTrue();
  }

  @Test
  void an_owner_adds_a_domain_verifies_it_through_its_dns_record_and_lets_colleagues_join() throws Exception {
    String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD);
    waitForPath("/members");
    loadsPage(() -> find("#domains-tab").click());

    type("#new-domain", domain.toUpperCase());
    loadsPage(() -> find("#add-domain").click());
    var row = find("tr[data-domain='" + domain + "']");
    assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Pending");
    String name = row.findElement(By.cssSelector(".txt-name")).getText();
    String value = row.findElement(By.cssSelector(".txt-value")).getText();

    loadsPage(() -> find("tr[data-domain='" + domain + "'] .verify").click());
    waitForText(".error", "TXT record was not found");
    dns.records.put(name, List.of("v=spf1 -all", value));
    loadsPage(() -> find("tr[data-domain='" + domain + "'] .verify").click());
    waitForText(".notice", "The domain is verified.");
    assertThat(find("tr[data-domain='" + domain + "'] .status").getText()).isEqualTo("Verified (DNS)");

    new Select(find("tr[data-domain='" + domain + "'] .mode")).selectByVisibleText("Join automatically");
    loadsPage(() -> find("tr[data-domain='" + domain + "'] .save-enrollment").click());
    waitForText(".notice", "Saved: automatic.");
    screenshot("domains-page");

    OrganisationDomain stored = membership.domains().list(owner(), acme()).stream()
        .filter(d -> d.name().value().equals(domain)).findFirst().orElseThrow();
    assertThat(stored.verifiedBy()).contains(DomainVerification.DNS_TXT);
    assertThat(stored.enrollment()).isEqualTo(EnrollmentMode.AUTOMATIC);

    type("#new-domain", "gmail.com");
    loadsPage(() -> find("#add-domain").click());
    waitForText(".error", "mail provider");
  }
}
