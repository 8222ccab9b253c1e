package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The members page as people use it: confirmations before what cannot be undone, the Add Member
 * dialog's errors inside it, previous and next pages, phone width, and a plain member's view. Each
 * scenario has an organisation of its own; screenshots go to target/screenshots.
 */
class MembersPageTest extends BrowserTest {

  @AfterEach
  void desktopWidth() {
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  @Test
  void destructive_row_actions_ask_first_and_cancelling_changes_nothing() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Careful");
    String member = memberOf(org, "Mia Member");
    String invited = unique("ivy");
    membership.invitations().invite(org.owner(), org.id(), Invite.of(invited, Role.MEMBER));
    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    assertThat(find("#admin-badge").getText()).as("the owner is labelled Owner").isEqualTo("Owner");

    openMenu(member).findElement(By.cssSelector("[data-action='deactivate']")).click();
    assertThat(confirm(false)).contains("Deactivate " + member);
    assertThat(badgeOf(member)).isEqualTo("Active");

    openMenu(invited).findElement(By.cssSelector("[data-action='cancel-invitation']")).click();
    assertThat(confirm(false)).contains("Cancel the invitation to " + invited);
    assertThat(badgeOf(invited)).isEqualTo("Pending");

    openMenu(member).findElement(By.cssSelector("[data-action='remove']")).click();
    assertThat(confirm(false)).contains("Remove " + member).contains("cannot be undone");
    assertThat(badgeOf(member)).isEqualTo("Active");

    find("#members-heading").click(); // closes the menu left open
    rowAction(member, "deactivate"); // confirmed
    assertThat(find(".notice").getText()).contains("deactivated");
    assertThat(badgeOf(member)).isEqualTo("Deactivated");
  }

  @Test
  void esc_closes_the_row_menu() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Escape");
    String member = memberOf(org, "Eve Escape");
    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    WebElement menu = openMenu(member);
    assertThat(menu.getDomAttribute("open")).isNotNull();
    browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    waiting().until(d -> row(member).findElement(By.cssSelector("details.menu")).getDomAttribute("open") == null);
  }

  @Test
  void the_add_member_dialog_shows_a_refusal_inside_itself_and_keeps_what_was_typed() throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Dialog");
    Arrange.access(membership, org, "wiki", "Wiki", null);
    String newcomer = unique("nia");
    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");

    find("#add-member").click();
    type("#new-email", newcomer);
    type("#new-name", "Nia Newcomer");
    find("#add-member-dialog label[data-access='wiki'] input").click();
    find("#manual-password").click();
    loadsPage(() -> find("#create-user").click());

    waitForText("#add-member-error", "Type a password, or untick");
    assertThat(find("#add-member-dialog").getDomAttribute("open")).as("the dialog is open again").isNotNull();
    assertThat(find("#new-email").getDomProperty("value")).isEqualTo(newcomer);
    assertThat(find("#new-name").getDomProperty("value")).isEqualTo("Nia Newcomer");
    assertThat(find("#add-member-dialog label[data-access='wiki'] input").isSelected()).isTrue();
    assertThat(find("#manual-password").isSelected()).isTrue();
    assertThat(membership.accounts().findByEmail(newcomer)).as("nothing was created").isEmpty();
    screenshot("add-member-dialog-error");

    type("#new-email", org.ownerEmail());
    type("#new-password", "a password long enough for the rules");
    loadsPage(() -> find("#create-user").click());
    waitForText("#add-member-error", "already has an account");
    assertThat(find("#new-email").getDomProperty("value")).isEqualTo(org.ownerEmail());

    type("#new-email", newcomer);
    find("#generate-password").click();
    String generated = find("#new-password").getDomProperty("value");
    loadsPage(() -> find("#create-user").click());
    waitForPath("/members/credentials");
    assertThat(find("#temporary-password").getText()).isEqualTo(generated);

    loadsPage(() -> browser.navigate().refresh());
    waitForPath("/members");
    assertThat(find(".notice").getText()).contains("shown only once");
    assertThat(browser.getPageSource()).doesNotContain(generated);
    assertThat(membership.accounts().findByEmail(newcomer)).as("created once").isPresent();
  }

  @Test
  void previous_and_next_pages_go_back_and_forth_through_the_members() {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Pages");
    for (int i = 0; i < 44; i++) {
      membership.invitations().invite(org.owner(), org.id(),
          Invite.of(String.format("p%02d-%s@example.test", i, UUID.randomUUID().toString().substring(0, 6)), Role.MEMBER));
    }
    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    assertThat(find("#members-heading").getText()).startsWith("Members (1)").contains("44 invited");
    List<String> first = emails();
    assertThat(all("#previous-page")).isEmpty();

    loadsPage(() -> find("#next-page").click());
    List<String> second = emails();
    loadsPage(() -> find("#next-page").click());
    List<String> third = emails();
    assertThat(all("#next-page")).isEmpty();
    assertThat(first).hasSize(20).doesNotContainAnyElementsOf(second);
    assertThat(second).hasSize(20).doesNotContainAnyElementsOf(third);
    assertThat(third).hasSize(5);
    assertThat(find("#page-number").getText()).isEqualTo("Page 3");

    loadsPage(() -> find("#previous-page").click());
    assertThat(emails()).isEqualTo(second);
    assertThat(find("#page-number").getText()).isEqualTo("Page 2");
    loadsPage(() -> find("#previous-page").click());
    assertThat(emails()).isEqualTo(first);
    assertThat(all("#previous-page")).isEmpty();
  }

  @Test
  void the_members_page_works_at_phone_width_and_long_names_wrap() throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Phone");
    memberOf(org, "Bartholomew" + "x".repeat(80) + "Longname");
    membership.invitations().invite(org.owner(), org.id(), Invite.of(unique("pending"), Role.MEMBER));
    signIn(org.ownerEmail(), org.ownerPassword());
    waitForPath("/members");
    assertThat(horizontalOverflow()).as("desktop: nothing scrolls sideways").isLessThanOrEqualTo(0L);
    screenshot("members-desktop");

    browser.manage().window().setSize(new Dimension(390, 844));
    loadsPage(() -> browser.navigate().refresh());
    assertThat(horizontalOverflow()).as("phone: nothing scrolls sideways").isLessThanOrEqualTo(0L);
    assertThat(find("#add-member").isDisplayed()).isTrue();
    screenshot("members-phone");
    find("#add-member").click();
    assertThat(find("#create-user").isDisplayed()).isTrue();
    screenshot("add-member-dialog-phone");
  }

  @Test
  void a_plain_member_sees_active_members_only_with_a_you_marker_and_can_leave() throws Exception {
    Arrange.Organisation org = Arrange.organisation(membership, mailbox, "Plain");
    String pat = unique("pat");
    String password = "pat's long passphrase";
    acceptInvitation(org, pat, "Pat Plain", Role.MEMBER, password);
    String invited = unique("invitee");
    membership.invitations().invite(org.owner(), org.id(), Invite.of(invited, Role.MEMBER));
    String gone = memberOf(org, "Gil Gone");
    membership.members().deactivate(org.owner(), org.id(),
        membership.members().find(org.owner(), org.id(), membership.accounts().findByEmail(gone).orElseThrow().id())
            .orElseThrow().id());

    signIn(pat, password);
    waitForPath("/members");
    assertThat(emails()).contains(pat, org.ownerEmail()).doesNotContain(invited, gone);
    assertThat(browser.getPageSource()).doesNotContain(invited).doesNotContain(gone);
    assertThat(row(pat).findElements(By.cssSelector("[data-you]"))).hasSize(1);
    assertThat(row(org.ownerEmail()).findElements(By.cssSelector("[data-you]"))).isEmpty();
    assertThat(all("#badge-filter")).isEmpty();
    assertThat(all("#admin-badge")).isEmpty();
    screenshot("members-plain-member");

    find("#leave-organisation").click();
    assertThat(confirm(false)).contains("Leave " + org.name());
    assertThat(path()).isEqualTo("/members");
    loadsPage(() -> {
      find("#leave-organisation").click();
      confirm(true);
    });
    waitForPath("/organisations");
    assertThat(find(".notice").getText()).isEqualTo("You left " + org.name() + ".");
  }

  @Test
  void the_browser_blocks_an_inline_style_and_the_scenarios_would_see_it() {
    signIn(DemoData.MEMBER_EMAIL, DemoData.MEMBER_PASSWORD);
    waitForPath("/members");
    assertThat(policyViolations()).isEmpty();
    // What a template with a style attribute or an inline script would do:
    browser.executeScript("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')");
    waiting().until(d -> !policyViolations().isEmpty());
    assertThat(policyViolations()).first().asString().startsWith("style-src");
    browser.executeScript("sessionStorage.removeItem('csp-violations')");
  }

  /** Opens the row menu of an address and returns it. */
  private WebElement openMenu(String email) {
    find("#members-heading").click(); // a click elsewhere closes a menu left open
    WebElement menu = row(email).findElement(By.cssSelector("details.menu"));
    menu.findElement(By.cssSelector("summary")).click();
    return menu;
  }

  private List<String> emails() {
    return all("tr[data-email]").stream().map(r -> r.getDomAttribute("data-email")).toList();
  }

  private long horizontalOverflow() {
    return (Long) browser.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
  }

  /** A member of the organisation who accepted an invitation; returns the address. */
  private String memberOf(Arrange.Organisation org, String name) {
    String email = unique(name.substring(0, 3).toLowerCase());
    acceptInvitation(org, email, name, Role.MEMBER, name.substring(0, 3) + "'s long passphrase");
    return email;
  }

  private void acceptInvitation(Arrange.Organisation org, String email, String name, Role role, String password) {
    membership.invitations().invite(org.owner(), org.id(), Invite.of(email, role));
    String link = invitationLinkTo(email);
    membership.invitations().acceptAsNewAccount(link.substring(link.lastIndexOf('/') + 1),
        NewMemberDetails.of(name, password));
  }
}
