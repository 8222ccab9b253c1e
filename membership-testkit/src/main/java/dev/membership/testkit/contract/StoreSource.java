package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;

/**
 * Where a contract suite gets its stores: the one thing a store author writes to run the suites. A
 * test class names its source with {@link StoresFrom} (directly or through an annotation of its own
 * that carries it), and every contract suite asks it for an empty store before each test:
 *
 * <pre>{@code
 * public final class PostgresStores implements StoreSource {
 *   private final MyDatabase database = MyDatabase.migrated();   // once for the test class
 *
 *   public MembershipStore newStore() {
 *     database.deleteEveryRow();
 *     return MyStore.on(database.dataSource());
 *   }
 *
 *   public void close() {
 *     database.drop();
 *   }
 * }
 *
 * @StoresFrom(PostgresStores.class)
 * class PostgresStoreContractTest extends MembershipStoreContract {}
 * }</pre>
 *
 * <p>The suites make one instance per test class that names it (through its public or package-private
 * constructor without arguments), before the first test that needs a store, and {@link #close()} it
 * after the class's last test, {@code @Nested} areas included: what the constructor or the first
 * {@link #newStore()} opens (a database, a pool) is opened once per class. A source that cannot reach
 * its database should throw from {@link #newStore()}: the test then fails, as it should where the
 * database is required.
 *
 * <p>Implementations are used from one test at a time; they need not be thread-safe.
 */
public interface StoreSource {

  /**
   * An <em>empty</em> store for one test: no organisations, accounts, invitations, audit events or
   * notifications. Called once before each test.
   */
  MembershipStore newStore();

  /**
   * Called after each test with the store {@link #newStore()} returned for it, to close what only
   * that store holds. Does nothing by default.
   */
  default void releaseStore(MembershipStore store) {}

  /** Called once after the last test of the class that named this source. Does nothing by default. */
  default void close() {}
}
