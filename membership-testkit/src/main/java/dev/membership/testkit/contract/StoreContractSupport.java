package dev.membership.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.membership.domain.Account;
import dev.membership.domain.AuditAction;
import dev.membership.domain.AuditEvent;
import dev.membership.domain.AuditEventId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Entitlement;
import dev.membership.domain.EntitlementKey;
import dev.membership.domain.Invitation;
import dev.membership.domain.JoinRequest;
import dev.membership.domain.Membership;
import dev.membership.domain.MembershipOrigin;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.domain.NotificationType;
import dev.membership.domain.Organisation;
import dev.membership.domain.OrganisationId;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.Permission;
import dev.membership.domain.Role;
import dev.membership.domain.RoleId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ErrorCode;
import dev.membership.error.MembershipException;
import dev.membership.query.Page;
import dev.membership.query.PageRequest;
import dev.membership.spi.ClaimedNotification;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.OutboxLease;
import dev.membership.spi.StoreTransaction;
import dev.membership.testkit.TestMembership;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every area of the store contract shares: a fresh store per test, a {@link TestMembership} on
 * it for the behaviour tests, and small factories for rows written straight through the port.
 *
 * <p>The extension point is tiny on purpose: a store author names a {@link StoreSource} on the test
 * class ({@code @StoresFrom(MyStores.class) class MyInvitationStoreTest extends
 * InvitationStoreContract {}}), which hands out an <em>empty</em> store (e.g. on a freshly migrated
 * or emptied database) before each test and gets it back after; or, the older way, overrides
 * {@link #newStore()} and, if the store holds resources, {@link #releaseStore(MembershipStore)} (see
 * {@link ContractSuite}). Everything else here is for the tests.
 *
 * <p>Rows written by these factories use lower-case ASCII addresses and names and whole-second
 * instants, so that expectations hold on any database and collation.
 */
public abstract class StoreContractSupport extends ContractSuite {
  /** The instant port-level rows are written at: the standard {@code MutableClock} start. */
  protected static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private static final AtomicLong TOKENS = new AtomicLong();

  // Set for each test (@BeforeEach), cleared after it.
  private @Nullable MembershipStore store;
  private @Nullable TestMembership kit;

  @BeforeEach
  final void openContractStore() {
    store = newStore();
    kit = null;
  }

  @AfterEach
  final void closeContractStore() {
    MembershipStore used = store;
    store = null;
    kit = null;
    if (used != null) {
      releaseStore(used);
    }
  }

  /** This test's store. */
  protected final MembershipStore store() {
    return Objects.requireNonNull(store, "the store exists only during a test");
  }

  /** The library on this test's store, with a mutable clock, a mailbox and the fast hasher. */
  protected final TestMembership kit() {
    TestMembership current = kit;
    if (current == null) {
      current = TestMembership.on(store());
      kit = current;
    }
    return current;
  }

  /** The library on this test's store: {@code kit().membership()}. */
  protected final dev.membership.Memberships membership() {
    return kit().membership();
  }

  // ---- transactions

  /** Runs {@code work} in one transaction and returns its result. */
  protected final <T> T tx(Function<StoreTransaction, T> work) {
    return store().inTransaction(work::apply);
  }

  /** Runs a lookup in one transaction; typed so that {@code assertThat(find(...))} is an Optional assert. */
  protected final <T> Optional<T> find(Function<StoreTransaction, Optional<T>> work) {
    return store().inTransaction(work::apply);
  }

  /** Runs a list read in one transaction; typed so that {@code assertThat(list(...))} is a List assert. */
  protected final <T> List<T> list(Function<StoreTransaction, List<T>> work) {
    return store().inTransaction(work::apply);
  }

  /** Runs a count in one transaction. */
  protected final long count(ToLongFunction<StoreTransaction> work) {
    return store().inTransaction(tx -> work.applyAsLong(tx));
  }

  /** Asks a yes-or-no question in one transaction. */
  protected final boolean holds(Predicate<StoreTransaction> work) {
    return store().inTransaction(tx -> work.test(tx));
  }

  /** Runs {@code work} in one transaction. */
  @SuppressWarnings("NullAway") // store work without a result returns null for Void; stores' results are non-null
  protected final void inTx(Consumer<StoreTransaction> work) {
    store().inTransaction(tx -> {
      work.accept(tx);
      return null;
    });
  }

  /**
   * What a dispatcher would claim at {@code now} (at most 100, oldest due first), without claiming it:
   * the claim runs in a transaction that rolls back.
   */
  protected final List<ClaimedNotification> dueAt(Instant now) {
    List<ClaimedNotification> seen = new ArrayList<>();
    try {
      inTx(tx -> {
        seen.addAll(tx.outbox().claimDue(now, OutboxLease.until(now.plusSeconds(60)), 100));
        throw new LookedOnly();
      });
    } catch (LookedOnly expected) {
      // rolled back: nothing was claimed
    }
    return seen;
  }

  /** Rolls back a transaction that only looked. */
  private static final class LookedOnly extends RuntimeException {
    LookedOnly() {
      super("rolled back on purpose", null, false, false);
    }
  }

  /** Asserts that {@code call} throws a {@link MembershipException} with {@code code}. */
  protected static void assertFailsWith(ErrorCode code, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code())
            .as("error code of: %s", e.getMessage())
            .isEqualTo(code));
  }

  /**
   * Reads a keyset-paginated list page by page, {@code limit} rows at a time, and returns every row
   * in order. Checks on the way that every page but the last is full and has a cursor, that a cursor
   * always leads to a non-empty page, and that the last page has none.
   */
  protected static <T> List<T> walk(int limit, Function<PageRequest, Page<T>> fetch) {
    List<T> rows = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    for (int pages = 1; pages <= 10_000; pages++) {
      Page<T> page = fetch.apply(request);
      assertThat(page.items()).as("page %d of size %d", pages, limit).hasSizeLessThanOrEqualTo(limit);
      if (pages > 1) {
        assertThat(page.items()).as("page %d, reached through a cursor", pages).isNotEmpty();
      }
      rows.addAll(page.items());
      if (page.nextCursor().isEmpty()) {
        return rows;
      }
      assertThat(page.items()).as("page %d of size %d, which has a next cursor", pages, limit).hasSize(limit);
      request = request.after(page.nextCursor().get());
    }
    throw new AssertionError("the pages never ended");
  }

  // ---- rows for port-level tests

  protected static Instant at(long secondsAfterT0) {
    return T0.plusSeconds(secondsAfterT0);
  }

  protected static EmailAddress email(String raw) {
    return EmailAddress.of(raw);
  }

  /** A new active organisation, discoverable so that the port-level search tests find it. */
  protected static Organisation newOrganisation(String name) {
    return Organisation.create(name, T0).withDiscoverable(true);
  }

  protected static Account newAccount(String email) {
    return newAccount(email, displayNameOf(email));
  }

  protected static Account newAccount(String email, String displayName) {
    return Account.registered(EmailAddress.of(email), displayName, new PasswordHash("$test$" + email), T0);
  }

  protected static String displayNameOf(String email) {
    String local = email.strip().substring(0, email.strip().indexOf('@'));
    return Character.toUpperCase(local.charAt(0)) + local.substring(1);
  }

  /** Inserts and returns a new organisation. */
  protected final Organisation organisation(String name) {
    Organisation organisation = newOrganisation(name);
    inTx(tx -> tx.organisations().insert(organisation));
    return organisation;
  }

  /** Inserts and returns a new account. */
  protected final Account account(String email) {
    Account account = newAccount(email);
    inTx(tx -> tx.accounts().insert(account));
    return account;
  }

  /** Inserts and returns a new active membership. */
  protected final Membership member(Organisation organisation, Account account, Role role, String... grants) {
    Membership membership = Membership.start(organisation.id(), account.id(), role.id(), keys(grants),
        MembershipOrigin.INVITATION, T0);
    inTx(tx -> tx.memberships().insert(membership));
    return membership;
  }

  /** Inserts and returns a new entitlement. */
  protected final Entitlement entitlement(Organisation organisation, String key, Optional<Integer> seats) {
    Entitlement entitlement = new Entitlement(organisation.id(), EntitlementKey.of(key), key, seats, Optional.empty(), 0);
    inTx(tx -> tx.entitlements().insert(entitlement));
    return entitlement;
  }

  /** Inserts and returns a new custom role. */
  protected final Role customRole(Organisation organisation, String name, Permission... permissions) {
    Role role = Role.custom(organisation.id(), name, Set.of(permissions));
    inTx(tx -> tx.roles().insert(role));
    return role;
  }

  protected static Set<EntitlementKey> keys(String... keys) {
    return Arrays.stream(keys).map(EntitlementKey::of).collect(Collectors.toUnmodifiableSet());
  }

  /** A pending invitation, not yet inserted, expiring 7 days after {@code T0}. */
  protected static Invitation newInvitation(Organisation organisation, String email, RoleId role, Account invitedBy,
      String... grants) {
    return Invitation.issue(organisation.id(), EmailAddress.of(email), role, keys(grants),
        TokenHash.of("token-" + TOKENS.incrementAndGet()),
        T0.plus(Duration.ofDays(7)), invitedBy.id(), Optional.empty(), T0);
  }

  /** Inserts and returns a pending invitation. */
  protected final Invitation invitation(Organisation organisation, String email, RoleId role, Account invitedBy,
      String... grants) {
    Invitation invitation = newInvitation(organisation, email, role, invitedBy, grants);
    inTx(tx -> tx.invitations().insert(invitation));
    return invitation;
  }

  protected static JoinRequest newJoinRequest(Organisation organisation, Account account, Instant at) {
    return JoinRequest.open(organisation.id(), account.id(), Optional.of("let me in"), at);
  }

  protected static AuditEvent newAuditEvent(OrganisationId organisation, Account actor, AuditAction action, Instant at) {
    return new AuditEvent(AuditEventId.random(), organisation, actor.id(), action, Optional.of(actor.id()),
        actor.email().value(), at, Map.of("role", "Admin"));
  }

  protected static Notification newNotification(OrganisationId organisation, String recipient, Instant at) {
    return new Notification(NotificationId.random(), NotificationType.INVITATION, Optional.of(organisation),
        EmailAddress.of(recipient), Map.of("organisationName", "acme"),
        Optional.of(URI.create("https://app.test/invitations/secret-" + recipient)), at);
  }
}
