package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every contract suite shares: where its stores come from. A test class names a {@link
 * StoreSource} with {@link StoresFrom} (or an annotation of its own that carries one) and extends a
 * suite; nothing else:
 *
 * <pre>{@code
 * @StoresFrom(MyStores.class)
 * class MyStoreContractTest extends MembershipStoreContract {}
 * }</pre>
 *
 * <p>A suite's {@code @Nested} areas (those of {@link MembershipStoreContract}, say) get their
 * stores through the enclosing suite's {@link #newStore()} and {@link #releaseStore(MembershipStore)}.
 * The older way still works: a subclass that overrides {@link #newStore()} (and, if its stores hold
 * something, {@link #releaseStore(MembershipStore)}) makes its stores itself, for every area, and
 * needs no source; an override wins over a named source.
 *
 * <p>Works on JUnit Jupiter 5.4 to 6.x: the suites are found and run by the host's JUnit.
 */
@ExtendWith(ContractStores.Extension.class)
public abstract class ContractSuite {
  // This test's stores (set before each test, by the enclosing suite's @BeforeEach first).
  private @Nullable ContractStores stores;

  /** Only suites of this package extend it. */
  ContractSuite() {}

  /**
   * An <em>empty</em> store for one test: no organisations, accounts, invitations, audit events or
   * notifications. Called once before each test. By default the {@link StoreSource} named with
   * {@link StoresFrom} makes it (for a {@code @Nested} area: the enclosing suite's {@code newStore()});
   * override it to make the store yourself.
   */
  protected MembershipStore newStore() {
    return stores().newStoreFor(this);
  }

  /**
   * Called after each test with the store {@link #newStore()} returned, to close what it holds. By
   * default hands it back to the {@link StoreSource} that made it, and does nothing with a store the
   * source did not make (one from an overridden {@link #newStore()}).
   */
  protected void releaseStore(MembershipStore store) {
    stores().releaseStoreFor(this, store);
  }

  @BeforeEach
  final void takeContractStores(ContractStores stores) {
    this.stores = stores;
    stores.takenBy(this);
  }

  @AfterEach
  final void dropContractStores() {
    stores = null;
  }

  private ContractStores stores() {
    return Objects.requireNonNull(stores, "stores are handed out only during a test");
  }
}
