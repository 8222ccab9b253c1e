package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.Codec.nanosOrNull;
import static dev.membership.jooq.internal.JooqRows.account;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.lower;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;
import static org.jooq.impl.DSL.exists;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.spi.AccountStore;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Accounts in table {@code membership_account}, unique by normalised address.
 */
final class JooqAccountStore implements AccountStore {
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;

  private final DSLContext sql;

  JooqAccountStore(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(Account account) {
    guardedInsert(() -> sql.insertInto(A)
        .set(A.ID, account.id().toString())
        .set(A.EMAIL, account.email().value())
        .set(A.DISPLAY_NAME, account.displayName())
        .set(A.DISPLAY_NAME_LOWER, lower(account.displayName()))
        .set(A.PASSWORD_HASH, account.passwordHash().encoded())
        .set(A.CREDENTIAL_STATE, account.credentialState().name())
        .set(A.TEMPORARY_PASSWORD_EXPIRES_AT, nanosOrNull(account.temporaryPasswordExpiresAt()))
        .set(A.CREATED_BY_ORGANISATION_ID, account.createdByOrganisation().map(OrganisationId::toString).orElse(null))
        .set(A.LAST_SIGN_IN_AT, nanosOrNull(account.lastSignInAt()))
        .set(A.CREATED_AT, nanos(account.createdAt()))
        .set(A.VERSION, account.version())
        .execute(),
        () -> new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists."));
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return sql.selectFrom(A).where(A.ID.eq(id.toString())).fetchOptional().map(JooqRows::account);
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return sql.selectFrom(A).where(A.EMAIL.eq(email.value())).fetchOptional().map(JooqRows::account);
  }

  @Override
  public List<Account> findAll(Collection<AccountId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new HashSet<>();
    ids.forEach(id -> keys.add(id.toString()));
    return sql.selectFrom(A).where(A.ID.in(keys)).fetch(JooqRows::account);
  }

  @Override
  public Account update(Account a) {
    int updated = sql.update(A)
        .set(A.DISPLAY_NAME, a.displayName())
        .set(A.DISPLAY_NAME_LOWER, lower(a.displayName()))
        .set(A.PASSWORD_HASH, a.passwordHash().encoded())
        .set(A.CREDENTIAL_STATE, a.credentialState().name())
        .set(A.TEMPORARY_PASSWORD_EXPIRES_AT, nanosOrNull(a.temporaryPasswordExpiresAt()))
        .set(A.CREATED_BY_ORGANISATION_ID, a.createdByOrganisation().map(OrganisationId::toString).orElse(null))
        .set(A.LAST_SIGN_IN_AT, nanosOrNull(a.lastSignInAt()))
        .set(A.VERSION, a.version() + 1)
        .where(A.ID.eq(a.id().toString()).and(A.VERSION.eq(a.version())).and(A.EMAIL.eq(a.email().value())))
        .execute();
    requireUpdated(updated, "The account");
    return new Account(a.id(), a.email(), a.displayName(), a.passwordHash(), a.credentialState(),
        a.temporaryPasswordExpiresAt(), a.createdByOrganisation(), a.lastSignInAt(), a.createdAt(), a.version() + 1);
  }
}
