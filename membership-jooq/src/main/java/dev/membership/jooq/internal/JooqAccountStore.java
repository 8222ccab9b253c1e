package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_MEMBER;
import static dev.membership.jooq.internal.SqlSupport.guardedUpdate;
import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.SqlSupport.guardedInsert;
import static dev.membership.jooq.internal.SqlSupport.requireUpdated;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_ACCOUNT;

import dev.membership.domain.Account;
import dev.membership.domain.AccountId;
import dev.membership.domain.EmailAddress;
import dev.membership.error.ConflictException;
import dev.membership.error.ErrorCode;
import dev.membership.jooq.internal.generated.tables.MembershipAccount;
import dev.membership.jooq.internal.generated.tables.records.MembershipAccountRecord;
import dev.membership.spi.AccountStore;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Accounts in table {@code membership_account}, unique by normalised address.
 */
record JooqAccountStore(DSLContext sql, RenderedSql rendered) implements AccountStore {
  private static final MembershipAccount A = MEMBERSHIP_ACCOUNT;
  private static final Field<?>[] FIELDS = A.fields();
  /** The most ids {@link #findAll} reads through a kept text; more are read through jOOQ. */
  private static final int KEPT_IDS = 256;

  @Override
  public void insert(Account account) {
    guardedInsert(() -> sql.executeInsert(record(account)),
        () -> new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED, "An account with this e-mail address exists."));
  }

  @Override
  public Optional<Account> find(AccountId id) {
    return rendered.fetch(sql, "account.find", FIELDS,
        () -> sql.select(FIELDS).from(A).where(A.ID.eq(RenderedSql.bind("id", A.ID))),
        new RenderedSql.Binds().put("id", id, A.ID), r -> JooqRows.account(r, 0)).stream().findFirst();
  }

  @Override
  public Optional<Account> findByEmail(EmailAddress email) {
    return sql.selectFrom(A).where(A.EMAIL.eq(email)).fetchOptional().map(JooqRows::account);
  }

  @Override
  public List<Account> findAll(Collection<AccountId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<AccountId> distinct = List.copyOf(new LinkedHashSet<>(ids));
    if (distinct.size() > KEPT_IDS) {
      return sql.selectFrom(A).where(A.ID.in(distinct)).fetch(JooqRows::account);
    }
    // One kept text per power of two of ids: the last id fills the places left (IN is a set).
    int places = Integer.highestOneBit(distinct.size());
    if (places < distinct.size()) {
      places *= 2;
    }
    RenderedSql.Binds binds = new RenderedSql.Binds();
    for (int i = 0; i < places; i++) {
      binds.put("id" + i, distinct.get(Math.min(i, distinct.size() - 1)), A.ID);
    }
    int size = places;
    return rendered.fetch(sql, new FindAllShape(size), FIELDS, () -> {
      List<Field<AccountId>> in = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        in.add(RenderedSql.bind("id" + i, A.ID));
      }
      return sql.select(FIELDS).from(A).where(A.ID.in(in));
    }, binds, r -> JooqRows.account(r, 0));
  }

  /** What decides the text of {@link #findAll}: how many ids it names. */
  private record FindAllShape(int ids) {}

  @Override
  public Account update(Account a) {
    MembershipAccountRecord next = record(a);
    next.setVersion(a.version() + 1);
    // The address is the account's identity here: an update never moves it (the WHERE holds it).
    requireUpdated(sql.update(A).set(allColumns(next, A.EMAIL, A.CREATED_AT))
        .where(A.ID.eq(a.id()).and(A.VERSION.eq(a.version())).and(A.EMAIL.eq(a.email())))
        .execute(), "The account");
    return JooqRows.account(next);
  }

  @Override
  public Account storeErased(Account a) {
    if (!a.isErased()) {
      throw new IllegalArgumentException("only an erased account changes its address");
    }
    MembershipAccountRecord next = record(a);
    next.setVersion(a.version() + 1);
    int updated = guardedUpdate(() -> sql.update(A).set(allColumns(next, A.CREATED_AT))
        .where(A.ID.eq(a.id()).and(A.VERSION.eq(a.version())))
        .execute(), () -> new ConflictException(ErrorCode.EMAIL_ALREADY_REGISTERED,
            "An account with this e-mail address exists."));
    requireUpdated(updated, "The account");
    // The members page's copy of the address (V1: membership_member.email) follows, removed rows too.
    sql.update(MEMBERSHIP_MEMBER).set(MEMBERSHIP_MEMBER.EMAIL, a.email())
        .where(MEMBERSHIP_MEMBER.ACCOUNT_ID.eq(a.id()))
        .execute();
    return JooqRows.account(next);
  }
}
