package dev.membership.examples.console.web;

import java.time.Duration;

/**
 * How long to wait, as a person reads it: "30 seconds", "1 minute", "4 minutes", "24 hours". Rounded
 * up, so that trying again after the time said never meets the same refusal.
 */
public final class WaitSentence {
  private WaitSentence() {}

  /** The wait in the largest unit that reads naturally: seconds under a minute, minutes under an hour, else hours. */
  public static String of(Duration wait) {
    long seconds = Math.max(1, ceilSeconds(wait));
    if (seconds < 60) {
      return count(seconds, "second");
    }
    long minutes = (seconds + 59) / 60;
    if (minutes < 60) {
      return count(minutes, "minute");
    }
    return count((minutes + 59) / 60, "hour");
  }

  private static long ceilSeconds(Duration wait) {
    return wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
  }

  private static String count(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
