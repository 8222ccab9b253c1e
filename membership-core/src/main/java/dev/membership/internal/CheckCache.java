package dev.membership.internal;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.membership.domain.AccountEvent;
import dev.membership.domain.AccountId;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.MembershipEvent;
import dev.membership.domain.OrganisationId;
import dev.membership.spi.MembershipEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The access cache behind {@code AccessCache}: what the read-only checks read about an account in an
 * organisation, kept in a Guava cache (bounded in size, expiring after write) on a {@link Ticker}
 * read from the library's {@link Clock}, and dropped by the library's own committed changes (it is
 * the first event listener, told after commit and before the command returns).
 *
 * <p>Dropping is by stamp, not by walking the entries. Every change told takes the next value of one
 * counter and records it against its organisation (an {@link AuditEvent}) or account (an {@link
 * AccountEvent}). Every read takes the counter's value <em>before</em> it reads the store, and its
 * entry carries that value: an entry is used only while its value is at least the last one recorded
 * against its organisation and its account. So a check that read the store before a change committed,
 * and puts its answer after the change was told, puts an entry that is never used (the classic
 * stale-put race), and dropping an organisation costs one map write however many entries it has.
 *
 * <p>A recorded change is kept {@code maxStaleness} after it was recorded, and an entry is used at
 * most {@code maxStaleness} after its read <em>started</em> (a clock that moved back counts as
 * expired): whenever an entry older than a change could still be used, the change's record is still
 * there to refuse it.
 */
public final class CheckCache implements MembershipEventListener {

  /** What an entry is about: an account in an organisation, and perhaps one application. */
  public sealed interface Key {
    OrganisationId organisation();

    AccountId account();
  }

  /** The account's access in the organisation ({@code MemberAccess}). */
  public record MemberKey(OrganisationId organisation, AccountId account) implements Key {}

  /** The account's access to one application in the organisation ({@code ApplicationAccess}). */
  public record ApplicationKey(OrganisationId organisation, AccountId account, EntitlementKey application)
      implements Key {}

  /** The organisation's entitlement, as held by the account ({@code hasEntitlement}). */
  public record EntitlementHeldKey(OrganisationId organisation, AccountId account, EntitlementKey entitlement)
      implements Key {}

  private record Entry(Object value, long stamp, long readAt) {}

  private final Ticker ticker;
  private final long staleNanos;
  private final Cache<Key, Entry> entries;
  /** OrganisationId or AccountId: the stamp of its last change told, kept {@code maxStaleness}. */
  private final Cache<Object, Long> changed;
  private final AtomicLong stamps = new AtomicLong();

  public CheckCache(int maxEntries, Duration maxStaleness, Clock clock) {
    this.ticker = tickerOf(clock);
    this.staleNanos = maxStaleness.toNanos();
    this.entries = CacheBuilder.newBuilder()
        .maximumSize(maxEntries)
        .expireAfterWrite(staleNanos, TimeUnit.NANOSECONDS)
        .ticker(ticker)
        .build();
    this.changed = CacheBuilder.newBuilder()
        .expireAfterWrite(staleNanos, TimeUnit.NANOSECONDS)
        .ticker(ticker)
        .build();
  }

  /** Nanoseconds of the clock's instant: a test's {@code MutableClock} moves the cache's time too. */
  static Ticker tickerOf(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new Ticker() {
      @Override
      public long read() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
      }
    };
  }

  /** The value kept for {@code key}, if it is still good to use. */
  public <V> Optional<V> cached(Key key, Class<V> type) {
    Entry entry = entries.getIfPresent(key);
    if (entry == null) {
      return Optional.empty();
    }
    long age = ticker.read() - entry.readAt();
    if (age < 0 || age >= staleNanos || entry.stamp() < lastChange(key)) {
      return Optional.empty();
    }
    return Optional.of(type.cast(entry.value()));
  }

  /**
   * Reads through {@code read} and keeps the value when {@code keep} says so (an active member's
   * access; never "not a member"). Read the store in {@code read}, nowhere else: the stamp is taken
   * before it.
   */
  public <V> Optional<V> read(Key key, Supplier<Optional<V>> read, Predicate<V> keep) {
    long readAt = ticker.read();
    long stamp = stamps.get();
    Optional<V> value = read.get();
    if (value.isPresent() && keep.test(value.get()) && stamp >= lastChange(key)) {
      entries.put(key, new Entry(value.get(), stamp, readAt));
    }
    return value;
  }

  private long lastChange(Key key) {
    Long organisation = changed.getIfPresent(key.organisation());
    Long account = changed.getIfPresent(key.account());
    return Math.max(organisation == null ? 0 : organisation, account == null ? 0 : account);
  }

  /** A change committed through this instance: drops what was kept for its organisation or account. */
  @Override
  public void onEvent(MembershipEvent event) {
    Object scope = switch (event) {
      case AuditEvent audit -> audit.organisationId();
      case AccountEvent account -> account.accountId();
    };
    // Under one lock, so that two changes told at once keep the higher stamp (and its write time).
    synchronized (changed) {
      long stamp = stamps.incrementAndGet();
      changed.put(scope, stamp);
    }
  }

  /** How many entries are held (some may be no longer good to use). */
  long size() {
    entries.cleanUp();
    return entries.size();
  }
}
