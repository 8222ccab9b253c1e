package dev.membership.examples.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as people read them, with the time zone said: "Friday 11 December 2026, 16:39 UTC". The
 * console shows UTC everywhere (pages and e-mails); a host with its people's zones would pass theirs.
 */
public final class Dates {
  private static final ZoneId ZONE = ZoneId.of("UTC");
  private static final DateTimeFormatter MOMENT =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZONE);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZONE);

  private Dates() {}

  /** A moment in words with its time zone, e.g. "Friday 11 December 2026, 16:39 UTC". */
  public static String moment(Instant instant) {
    return MOMENT.format(instant);
  }

  /** A day in words, e.g. "4 December 2026" (UTC). */
  public static String day(Instant instant) {
    return DAY.format(instant);
  }

  /** An ISO-8601 instant (as the library puts it in a notification) in words; the text itself if it is not one. */
  public static String moment(String iso) {
    try {
      return moment(Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return iso;
    }
  }
}
