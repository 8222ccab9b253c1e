package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.EntitlementDefinition;
import dev.membership.domain.AuditAction;
import dev.membership.domain.ClientPolicy;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EntitlementKey;
import dev.membership.query.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The applications page: end dates, extending a trial, and the members to warn before an upgrade. */
class ApplicationsPageTest extends BrowserTest {

  @Test
  void an_owner_sees_the_trial_end_and_who_to_warn_and_extends_the_trial_from_the_page() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Trial");
    // The catalogue is the deployment's, shared by every scenario: a key of this scenario's own.
    EntitlementKey cad = EntitlementKey.of("cad-" + UUID.randomUUID().toString().substring(0, 8));
    Instant end = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.DAYS);
    membership.entitlements().define(org.owner(), org.id(), EntitlementDefinition.of(cad.value(), "CAD").until(end));
    membership.applications().define("console-test", cad, "CAD");
    membership.applications().schedulePolicy("console-test", cad, new ClientPolicy(Instant.now().plus(Duration.ofDays(30)),
        List.of(ClientVersion.parse("2025.4"), ClientVersion.parse("2026.1"))));
    membership.applications().reportClient(org.owner(), org.id(), cad, ClientVersion.parse("2025.1"));

    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    loadsPage(() -> find("#applications-tab").click());
    waitForPath("/applications");

    WebElement row = find("tr[data-application='" + cad.value() + "']");
    assertThat(row.findElement(By.cssSelector("[data-ends]")).getText()).contains(String.valueOf(end.atZone(ZoneOffset.UTC).getYear()));
    assertThat(row.findElement(By.cssSelector("[data-next-policy]")).getText()).contains("at least 2025.4 or 2026.1");
    WebElement warned = find("section[data-warn='" + cad.value() + "'] tr[data-warned='" + org.ownerEmail() + "']");
    assertThat(warned.getText()).contains("2025.1").contains("2025.4");

    LocalDate later = end.atZone(ZoneOffset.UTC).toLocalDate().plusDays(30);
    WebElement until = row.findElement(By.cssSelector("[data-extend-until]"));
    browser.executeScript("arguments[0].value = arguments[1]", until, later.toString());
    loadsPage(() -> find("tr[data-application='" + cad.value() + "'] [data-action='extend']").click());

    waitForText("p.notice", "CAD now ends on");
    assertThat(membership.entitlements().list(org.owner(), org.id())).filteredOn(e -> e.key().equals(cad))
        .extracting(e -> e.validUntil().orElseThrow()).containsExactly(later.atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(membership.audit().list(org.owner(), org.id(), PageRequest.first()).items())
        .extracting(e -> e.action()).contains(AuditAction.ENTITLEMENT_EXTENDED);
  }

  @Test
  void extending_to_an_earlier_day_is_refused_with_a_sentence_and_changes_nothing() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Earlier");
    String key = "trial-" + UUID.randomUUID().toString().substring(0, 8);
    Instant end = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.DAYS);
    membership.entitlements().define(org.owner(), org.id(), EntitlementDefinition.of(key, "Trial").until(end));

    signIn(org.ownerEmail(), org.ownerPassword());
    open("/applications");
    WebElement until = find("tr[data-application='" + key + "'] [data-extend-until]");
    browser.executeScript("arguments[0].value = arguments[1]", until,
        end.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1).toString());
    loadsPage(() -> find("tr[data-application='" + key + "'] [data-action='extend']").click());

    waitForText("p.error", "The new end must be later than the current end and than today.");
    assertThat(membership.entitlements().list(org.owner(), org.id()))
        .extracting(e -> e.validUntil().orElseThrow()).containsExactly(end);
  }
}
