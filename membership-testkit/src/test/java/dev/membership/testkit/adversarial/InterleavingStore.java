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
 * {@code organisations().lock} and {@code memberships().update} that is the interleaving READ COMMITTED allows
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
    return interleaved(tx, StoreTransaction.class, "");
  }

  /** The port with every call named {@code prefix + method} (e.g. {@code organisations().lock}), and its ports so too. */
  @SuppressWarnings("unchecked")
  private <P> P interleaved(P port, Class<P> type, String prefix) {
    return (P) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      String name = prefix + method.getName();
      Set<String> armed = methods.get();
      if (armed != null && armed.contains(name) && methods.compareAndSet(armed, null)) {
        change.getAndSet(null).run();
      }
      Object result;
      try {
        result = method.invoke(port, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      Class<?> returned = method.getReturnType();
      if (prefix.isEmpty() && returned.isInterface() && returned.getPackageName().equals("dev.membership.spi")) {
        return interleaved(result, (Class<Object>) returned, name + "().");
      }
      return result;
    });
  }
}
