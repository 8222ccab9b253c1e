package dev.membership.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.Memberships;
import dev.membership.command.Invite;
import dev.membership.command.NewMemberDetails;
import dev.membership.domain.AccountId;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.Role;
import dev.membership.examples.console.mail.DevelopmentMailbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The console served on a random port with its demo organisation, driven by a real headless Chromium.
 * Each scenario makes its own people (unique addresses), so scenarios share one application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
abstract class BrowserTest {
  static ChromeDriver browser;

  @LocalServerPort
  int port;
  @Autowired
  Memberships membership;
  @Autowired
  DevelopmentMailbox mailbox;

  @BeforeAll
  static void startBrowser() {
    Browser.requireInstalled();
    browser = Browser.start();
    // Every page records what the Content-Security-Policy blocked (an inline script or style, a
    // foreign resource), in the tab's session storage, which outlives the page; a scenario fails on any.
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
        document.addEventListener('securitypolicyviolation', e => {
          const seen = JSON.parse(sessionStorage.getItem('csp-violations') || '[]');
          seen.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' on ' + location.pathname);
          sessionStorage.setItem('csp-violations', JSON.stringify(seen));
        });
        """));
  }

  /** What the Content-Security-Policy blocked in this tab so far (read on a page of the console). */
  @SuppressWarnings("unchecked")
  List<String> policyViolations() {
    Object seen = browser.executeScript(
        "return location.protocol.startsWith('http') ? JSON.parse(sessionStorage.getItem('csp-violations') || '[]') : []");
    return (List<String>) seen;
  }

  @AfterEach
  void nothingWasBlockedByTheContentSecurityPolicy() {
    List<String> violations = policyViolations();
    browser.executeScript("if (location.protocol.startsWith('http')) sessionStorage.removeItem('csp-violations')");
    assertThat(violations).as("blocked by the Content-Security-Policy").isEmpty();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  @BeforeEach
  void signedOut() {
    open("/signin");
    browser.manage().deleteAllCookies();
  }

  void open(String path) {
    browser.get("http://localhost:" + port + path);
  }

  String path() {
    return java.net.URI.create(browser.getCurrentUrl()).getPath();
  }

  WebElement find(String css) {
    return browser.findElement(By.cssSelector(css));
  }

  /** Every element that matches now, without waiting for one to appear. */
  List<WebElement> all(String css) {
    browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    try {
      return browser.findElements(By.cssSelector(css));
    } finally {
      browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }
  }

  void type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
  }

  void signIn(String email, String password) {
    open("/signin");
    type("#email", email);
    type("#password", password);
    loadsPage(() -> find("#sign-in").click());
  }

  /**
   * Signs up through the sign-up page, then confirms the address as the person would: the link in the
   * e-mail (on the development mailbox page) and the password chosen. Ends signed in, on the
   * organisations page.
   */
  void signUpAndConfirm(String name, String email, String password) {
    signUpAndFollowTheLink(name, email, password);
    waitForPath("/organisations");
  }

  /** Signs up and confirms the address through the e-mail's link, wherever the console then lands. */
  void signUpAndFollowTheLink(String name, String email, String password) {
    open("/signup");
    type("#displayName", name);
    type("#email", email);
    type("#password", password);
    loadsPage(() -> find("#sign-up").click());
    waitForText("#signup-sent", email);
    open("/dev/mailbox");
    loadsPage(() -> find("article[data-to='" + email + "'] a[data-mail-link]").click());
    type("#password", password);
    loadsPage(() -> find("#confirm-address").click());
  }

  void signOut() {
    loadsPage(() -> find("#sign-out").click());
    waitForPath("/signin");
  }

  /**
   * Does something that loads another page and waits until that page is complete. The old page is
   * marked first and its elements are never touched again, so a wait cannot trip over a node of the
   * document that is going away; find what you need afresh afterwards.
   */
  void loadsPage(Runnable action) {
    browser.executeScript("document.documentElement.setAttribute('data-left-behind', '')");
    action.run();
    waiting().until(d -> Boolean.TRUE.equals(browser.executeScript(
        "return document.readyState === 'complete' && !document.documentElement.hasAttribute('data-left-behind')")));
  }

  /**
   * Ten seconds of polling that keeps going through the errors a page in the middle of loading gives
   * (a stale element, a node that no longer belongs to the document).
   */
  WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
    return wait;
  }

  /** Searches the members page and waits for the filtered page. */
  void search(String text) {
    type("#search", text);
    loadsPage(() -> find("#apply-filters").click());
  }

  /** The members-page row of an address. */
  WebElement row(String email) {
    return find("tr[data-email='" + email + "']");
  }

  String badgeOf(String email) {
    return row(email).findElement(By.cssSelector("[data-badge]")).getText();
  }

  /**
   * Opens a row's menu and clicks one of its actions, which loads the page again; an action that asks
   * for confirmation first is confirmed.
   */
  void rowAction(String email, String action) {
    WebElement row = row(email);
    row.findElement(By.cssSelector("details.menu summary")).click();
    WebElement button = row.findElement(By.cssSelector("[data-action='" + action + "']"));
    String confirmation = button.findElement(By.xpath("./ancestor::form")).getAttribute("data-confirm");
    if (confirmation == null) {
      loadsPage(button::click);
    } else {
      loadsPage(() -> {
        button.click();
        confirm(true);
      });
    }
  }

  /** Answers the confirmation the page asked for (OK or Cancel); returns its question. */
  String confirm(boolean ok) {
    new WebDriverWait(browser, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
    var alert = browser.switchTo().alert();
    String question = alert.getText();
    if (ok) {
      alert.accept();
    } else {
      alert.dismiss();
    }
    return question;
  }

  void waitForPath(String expected) {
    waiting().until(d -> path().equals(expected));
  }

  void waitForText(String css, String text) {
    waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  static String unique(String name) {
    return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
  }

  /** Saves what the browser shows under target/screenshots for a reviewer. */
  void screenshot(String name) throws IOException {
    Path directory = Path.of("target", "screenshots");
    Files.createDirectories(directory);
    Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  OrganisationId acme() {
    AccountId owner = owner();
    return membership.organisations().of(owner, dev.membership.query.PageRequest.first()).items().stream()
        .filter(o -> o.organisation().name().equals("Acme")).findFirst().orElseThrow().organisation().id();
  }

  AccountId owner() {
    return membership.accounts().findByEmail(DemoData.OWNER_EMAIL).orElseThrow().id();
  }

  /** Arranges, through the library, a person who accepted an invitation to Acme. */
  AccountId memberOfAcme(String email, String name, Role role, String password) {
    membership.invitations().invite(owner(), acme(), Invite.of(email, role).withAccess("analytics"));
    String token = invitationLinkTo(email).substring(invitationLinkTo(email).lastIndexOf('/') + 1);
    return membership.invitations().acceptAsNewAccount(token, NewMemberDetails.of(name, password)).account().id();
  }

  /** The link of the newest invitation e-mail to an address, as the mailbox page shows it. */
  String invitationLinkTo(String email) {
    return mailbox.newestFirst().stream()
        .filter(mail -> mail.to().equals(email) && mail.link().isPresent())
        .findFirst().orElseThrow(() -> new AssertionError("no invitation e-mail to " + email))
        .link().orElseThrow().toString();
  }
}
