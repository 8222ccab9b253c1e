package dev.membership.testkit;

import dev.membership.domain.DomainId;
import dev.membership.domain.Notification;
import dev.membership.domain.OrganisationDomain;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.TransactionWork;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link MembershipStore} in memory that keeps every rule of the real one: unique keys, optimistic
 * versions, tenancy, keyset pages, and atomicity (a unit of work that throws leaves no trace, its
 * writes undone in reverse order). Transactions run one at a time, which makes every one of them
 * serializable; locking an organisation therefore needs no lock of its own.
 *
 * <p>Each port of a transaction is a class of its own, by aggregate, as in the jOOQ store
 * ({@code InMemoryOrganisationStore}, {@code InMemoryMemberStore}, ..., {@code InMemoryPageReads}),
 * over the tables of {@code InMemoryTables}. Proven equivalent to the jOOQ store by the same
 * {@code MembershipStoreContract}. Fast enough that a whole invite-to-remove scenario takes
 * microseconds.
 */
public final class InMemoryMembershipStore implements MembershipStore {
  private final ReentrantLock lock = new ReentrantLock();
  private final InMemoryTables tables = new InMemoryTables();
  private final InMemoryAccountEvents accountEvents = new InMemoryAccountEvents();
  private final InMemorySignUps signUps = new InMemorySignUps();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryThrottles throttles = new InMemoryThrottles();
  private final InMemoryApplicationStore.Rows applications = new InMemoryApplicationStore.Rows();
  private final Map<DomainId, OrganisationDomain> domains = InMemoryDomainStore.newTable();

  /** An empty store. */
  public InMemoryMembershipStore() {}

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    lock.lock();
    InMemoryTransaction tx = new InMemoryTransaction(tables, accountEvents, signUps, outbox, throttles, domains,
        applications);
    try {
      T result = work.run(tx);
      tx.close();
      return result;
    } catch (RuntimeException | Error e) {
      tx.rollback();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Every notification in the outbox (delivered or not, until purged or discarded), oldest first; for assertions. */
  public List<Notification> outbox() {
    lock.lock();
    try {
      return outbox.notifications();
    } finally {
      lock.unlock();
    }
  }
}
