package dev.membership.examples.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's headless Chromium through Debian's chromedriver: no browser is downloaded (Selenium
 * Manager is never asked). Where they are missing the browser tests skip with a reason, except in CI
 * ({@code CI=true}), where that is a failure.
 */
final class Browser {
  static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");

  private static boolean toldWhySkipping;

  private Browser() {}

  /** Skips (locally) or fails (in CI) unless Chromium and chromedriver are installed. */
  static void requireInstalled() {
    if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) {
      return;
    }
    String reason = "Browser tests need Chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
        + " (Debian: apt-get install chromium chromium-driver).";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " CI must run them.");
    }
    if (!toldWhySkipping) {
      toldWhySkipping = true;
      System.err.println("[members-console] " + reason + " Skipping the browser tests.");
    }
    Assumptions.abort(reason + " Skipping the browser tests.");
  }

  static ChromeDriver start() {
    Path profile;
    try {
      profile = Files.createTempDirectory("members-console-chromium");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--window-size=1280,1000", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    return driver;
  }
}
