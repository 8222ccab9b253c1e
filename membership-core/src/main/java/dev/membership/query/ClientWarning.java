package dev.membership.query;

import dev.membership.domain.AccountId;
import dev.membership.domain.ClientVersion;
import dev.membership.domain.EmailAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A member whose last-seen client the application's next scheduled policy will refuse: whom an
 * organisation warns before the date.
 *
 * @param account who
 * @param email their address
 * @param displayName their name
 * @param lastSeen the client version last reported
 * @param lastSeenAt when it was reported
 * @param minimum the oldest version the next policy accepts on that client's line (or the next line)
 * @param from when the next policy starts to apply
 */
public record ClientWarning(AccountId account, EmailAddress email, String displayName, ClientVersion lastSeen,
    Instant lastSeenAt, ClientVersion minimum, Instant from) {
  public ClientWarning {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(lastSeen, "lastSeen");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(minimum, "minimum");
    Objects.requireNonNull(from, "from");
  }
}
