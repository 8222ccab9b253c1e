package dev.membership.testkit;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.spi.AccountStore;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Accounts of the in-memory store, with the unique index on the normalised address. */
final class InMemoryAccountStore implements AccountStore {
  private final InMemoryTables tables;
  private final InMemoryTransaction tx;

  InMemoryAccountStore(InMemoryTables tables, InMemoryTransaction tx) {
    this.tables = tables;
    this.tx = tx;
  }

  @Override
  public void insert(Account account) {
    tx.requireNew(tables.accounts, account.id());
    if (tables.accountsByEmail.containsKey(account.email())) {
      throw new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists.");
    }
    tx.put(tables.accounts, account.id(), account);
    tx.put(tables.accountsByEmail, account.email(), account.id());
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return Optional.ofNullable(tables.accounts.get(id));
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return Optional.ofNullable(tables.accountsByEmail.get(email)).map(tables.accounts::get);
  }

  @Override
  public List<Account> findAll(Collection<AccountId> ids) {
    return ids.stream().distinct().map(tables.accounts::get).filter(Objects::nonNull).toList();
  }

  @Override
  public Account update(Account a) {
    Account stored = tx.current(tables.accounts, a.id(), a.version(), "The account");
    if (!stored.email().equals(a.email())) {
      throw new IllegalArgumentException("an account's e-mail address does not change");
    }
    Account next = new Account(a.id(), a.email(), a.displayName(), a.passwordHash(), a.credentialState(),
        a.temporaryPasswordExpiresAt(), a.createdByOrganisation(), a.lastSignInAt(), a.createdAt(), a.version() + 1);
    tx.put(tables.accounts, a.id(), next);
    return next;
  }

  @Override
  public Account storeErased(Account a) {
    Account stored = tx.current(tables.accounts, a.id(), a.version(), "The account");
    if (!a.isErased()) {
      throw new IllegalArgumentException("only an erased account changes its address");
    }
    if (tables.accountsByEmail.containsKey(a.email())) {
      throw new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists.");
    }
    Account next = new Account(a.id(), a.email(), a.displayName(), a.passwordHash(), a.credentialState(),
        a.temporaryPasswordExpiresAt(), a.createdByOrganisation(), a.lastSignInAt(), a.createdAt(), a.version() + 1);
    tx.remove(tables.accountsByEmail, stored.email());
    tx.put(tables.accountsByEmail, next.email(), next.id());
    tx.put(tables.accounts, a.id(), next);
    return next;
  }
}
