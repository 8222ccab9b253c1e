package dev.membership.spi;

/**
 * Where the library keeps its data. An implementation runs each unit of work in one transaction:
 * everything {@code work} wrote commits together when it returns, or none of it does when it throws.
 * The in-memory store of the testkit and the jOOQ store implement it; the testkit's
 * {@code MembershipStoreContract} proves that an implementation keeps every rule.
 */
public interface MembershipStore {

  /**
   * Runs {@code work} in one transaction and returns its result after commit.
   *
   * <p>Exceptions thrown by {@code work} roll the transaction back and are rethrown unchanged. A
   * commit that fails because of a concurrent change throws
   * {@link dev.membership.error.ConcurrentModificationException}.
   */
  <T> T inTransaction(TransactionWork<T> work);

  /**
   * Runs {@code work}, which only reads, and returns its result. A store may run each statement of a
   * read on its own (auto-commit, no {@code BEGIN}/{@code COMMIT}): every statement then sees what was
   * committed when it started, as each statement of a {@code READ COMMITTED} transaction does. By
   * default the work runs in one transaction, as {@link #inTransaction} does.
   */
  default <T> T read(TransactionWork<T> work) {
    return inTransaction(work);
  }
}
