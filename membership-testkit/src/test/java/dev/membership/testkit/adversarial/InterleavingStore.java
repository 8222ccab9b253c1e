package dev.membership.testkit.adversarial;

import dev.membership.spi.MembershipStore;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.TransactionWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps a store so that someone else's change commits at a chosen point of the next command's
 * transaction: just before its first call of one of the named store methods. With
 * {@code lockOrganisation} and {@code updateMembership} that is the interleaving READ COMMITTED allows
 * on a database: another transaction commits after this one read, while it waits for the organisation
 * row lock, or (when it takes none) just before it writes. The change runs through another facade on
 * the inner store, in its own committed transaction (the in-memory store's lock is reentrant).
 */
final class InterleavingStore implements MembershipStore {
  private final MembershipStore inner;
  private final AtomicReference<Set<String>> methods = new AtomicReference<>();
  private final AtomicReference<Runnable> change = new AtomicReference<>();

  InterleavingStore(MembershipStore inner) {
    this.inner = inner;
  }

  /** Runs {@code committedChange} once, before the next call of any of {@code methodNames}. */
  void beforeFirst(Set<String> methodNames, Runnable committedChange) {
    change.set(committedChange);
    methods.set(Set.copyOf(methodNames));
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return inner.inTransaction(tx -> work.run(interleaved(tx)));
  }

  private StoreTransaction interleaved(StoreTransaction tx) {
    return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
        new Class<?>[] {StoreTransaction.class}, (proxy, method, args) -> {
          Set<String> armed = methods.get();
          if (armed != null && armed.contains(method.getName()) && methods.compareAndSet(armed, null)) {
            change.getAndSet(null).run();
          }
          try {
            return method.invoke(tx, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
