package dev.membership.internal;

import dev.membership.domain.Application;
import dev.membership.domain.EntitlementKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The application catalogue as this process last read it, so that an access check reads the store
 * once (the member and the entitlement), not twice. Read again when older than the staleness the host
 * chose (by the library's clock), and at once after a change made through this process; a change made
 * by another instance shows here within the staleness.
 */
public final class ApplicationCatalogue {
  private final Context context;
  private final Duration staleness;
  private volatile @Nullable Snapshot snapshot;

  private record Snapshot(Map<EntitlementKey, Application> byKey, Instant readAt) {}

  public ApplicationCatalogue(Context context, Duration staleness) {
    this.context = context;
    this.staleness = staleness;
  }

  /** The application, as read at most the staleness ago. */
  public Optional<Application> find(EntitlementKey key) {
    Instant now = context.now();
    Snapshot current = snapshot;
    if (current == null || now.isAfter(current.readAt().plus(staleness)) || now.isBefore(current.readAt())) {
      Map<EntitlementKey, Application> read = context.read(tx -> tx.applications().list()).stream()
          .collect(Collectors.toUnmodifiableMap(Application::key, Function.identity()));
      current = new Snapshot(read, now);
      snapshot = current;
    }
    return Optional.ofNullable(current.byKey().get(key));
  }

  /** Forgets the catalogue: the next check reads it again. */
  public void invalidate() {
    snapshot = null;
  }
}
