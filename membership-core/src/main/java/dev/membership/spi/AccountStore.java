package dev.membership.spi;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Accounts (one per e-mail address), in the transaction they were reached from
 * ({@link StoreTransaction#accounts()}). Keeps the rules written on {@link StoreTransaction}.
 */
public interface AccountStore {

  /**
   * Stores a new account.
   *
   * @throws dev.membership.error.ConflictException {@code EMAIL_ALREADY_REGISTERED} if the address has
   *     an account (addresses are compared in their normalised form)
   */
  void insert(Account account);

  Optional<Account> find(AccountId id);

  Optional<Account> findByEmail(EmailAddress email);

  /** The accounts with these ids, in no particular order; one round trip. */
  List<Account> findAll(Collection<AccountId> ids);

  /** An account's e-mail address never changes; an update that changes it is refused. */
  Account update(Account account);

  /**
   * Stores the erased form of an account ({@link Account#erase}): unlike {@link #update}, its address
   * changes, to the placeholder, so that the real address is free for a new account at once; every
   * copy of the address the store keeps for the account (e.g. on its memberships, for the members
   * page) changes with it. Optimistic version as {@link #update}.
   */
  Account storeErased(Account erased);
}
