package dev.membership.testkit.contract;

import dev.membership.spi.MembershipStore;
import dev.membership.spi.TransactionWork;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** The store under test, counting the reads of the checks and able to hold one after it read. */
final class CountingStore implements MembershipStore {
  private final MembershipStore delegate;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicReference<CountDownLatch @Nullable []> hold = new AtomicReference<>();

  CountingStore(MembershipStore delegate) {
    this.delegate = delegate;
  }

  int reads() {
    return reads.get();
  }

  /** The next read does its work, counts {@code read} down, and returns only once {@code release} is. */
  void holdNextReadAfterItRead(CountDownLatch read, CountDownLatch release) {
    hold.set(new CountDownLatch[] {read, release});
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return delegate.inTransaction(work);
  }

  @Override
  public <T> T read(TransactionWork<T> work) {
    reads.incrementAndGet();
    T result = delegate.read(work);
    CountDownLatch[] held = hold.getAndSet(null);
    if (held != null) {
      held[0].countDown();
      try {
        if (!held[1].await(30, TimeUnit.SECONDS)) {
          throw new AssertionError("the held read was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return result;
  }
}
