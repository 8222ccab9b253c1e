package dev.membership.testkit.contract;

import dev.membership.domain.Membership;
import dev.membership.domain.Notification;
import dev.membership.domain.NotificationId;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.spi.MemberStore;
import dev.membership.spi.MembershipStore;
import dev.membership.spi.OutboxStore;
import dev.membership.spi.StoreTransaction;
import dev.membership.spi.TransactionWork;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wraps the store under test to watch and disturb it from the outside, the same way on every store:
 * which notifications were written by a transaction that has committed, how many transactions are
 * open at a moment, a commit that fails after all of a command's writes, an outbox that cannot be
 * read for a moment, and a membership read that returns what another transaction already changed (a
 * stale version), as a concurrent change would leave it.
 */
final class ObservedStore implements MembershipStore {
  private final MembershipStore delegate;
  private final Set<NotificationId> committedNotifications = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean failNextCommit = new AtomicBoolean();
  private final AtomicReference<String> failNextCommitCalling = new AtomicReference<>();
  private final AtomicReference<Membership> staleMembership = new AtomicReference<>();
  private final AtomicBoolean failNextClaim = new AtomicBoolean();
  private final AtomicBoolean failNextDelivery = new AtomicBoolean();
  private final AtomicInteger openTransactions = new AtomicInteger();

  ObservedStore(MembershipStore delegate) {
    this.delegate = delegate;
  }

  /** Whether the transaction that wrote this notification to the outbox has committed. */
  boolean committed(NotificationId id) {
    return committedNotifications.contains(id);
  }

  /** How many transactions are open on this store right now, on any thread. */
  int openTransactions() {
    return openTransactions.get();
  }

  /** The next transaction does all its work, then fails to commit (and so rolls back). */
  void failNextCommit() {
    failNextCommit.set(true);
  }

  /**
   * The next transaction that calls {@code method} of the {@link StoreTransaction} (e.g. {@code
   * "accountEvents"}) does all its work, then fails to commit; transactions before it (a command's
   * reads) commit as usual.
   */
  void failNextCommitCalling(String method) {
    failNextCommitCalling.set(method);
  }

  /** The next claim of due notifications fails, as if the database were briefly unreachable. */
  void failNextClaim() {
    failNextClaim.set(true);
  }

  /** Recording the next delivery fails, as if the database went away just after the e-mail was sent. */
  void failNextDeliveryRecord() {
    failNextDelivery.set(true);
  }

  /** The next read of this membership by id returns this older value, once. */
  void serveStale(Membership older) {
    staleMembership.set(older);
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    List<NotificationId> enqueued = new ArrayList<>();
    Set<String> called = ConcurrentHashMap.newKeySet();
    openTransactions.incrementAndGet();
    T result;
    try {
      result = delegate.inTransaction(tx -> {
        T value = work.run(observe(tx, enqueued, called));
        String failOn = failNextCommitCalling.get();
        if (failNextCommit.compareAndSet(true, false)
            || (failOn != null && called.contains(failOn) && failNextCommitCalling.compareAndSet(failOn, null))) {
          throw new ConcurrentModificationException("The simulated commit");
        }
        return value;
      });
    } finally {
      openTransactions.decrementAndGet();
    }
    committedNotifications.addAll(enqueued);
    return result;
  }

  private StoreTransaction observe(StoreTransaction tx, List<NotificationId> enqueued, Set<String> called) {
    InvocationHandler handler = (proxy, method, args) -> {
      called.add(method.getName());
      if (method.getName().equals("outbox")) {
        return observe(tx.outbox(), enqueued);
      }
      if (method.getName().equals("memberships")) {
        return observe(tx.memberships());
      }
      try {
        return method.invoke(tx, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (StoreTransaction) Proxy.newProxyInstance(StoreTransaction.class.getClassLoader(),
        new Class<?>[] {StoreTransaction.class}, handler);
  }

  private MemberStore observe(MemberStore memberships) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("find")) {
        Membership stale = staleMembership.get();
        if (stale != null && stale.id().equals(args[1]) && staleMembership.compareAndSet(stale, null)) {
          return Optional.of(stale);
        }
      }
      try {
        return method.invoke(memberships, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (MemberStore) Proxy.newProxyInstance(MemberStore.class.getClassLoader(), new Class<?>[] {MemberStore.class},
        handler);
  }

  private OutboxStore observe(OutboxStore outbox, List<NotificationId> enqueued) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("enqueue")) {
        enqueued.add(((Notification) args[0]).id());
      }
      if (method.getName().equals("claimDue") && failNextClaim.compareAndSet(true, false)) {
        throw new IllegalStateException("simulated: the outbox could not be read");
      }
      if (method.getName().equals("markDelivered") && failNextDelivery.compareAndSet(true, false)) {
        throw new IllegalStateException("simulated: the delivery could not be recorded");
      }
      try {
        return method.invoke(outbox, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(), new Class<?>[] {OutboxStore.class},
        handler);
  }
}
