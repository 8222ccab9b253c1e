package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.JooqRows.allColumns;
import static dev.membership.jooq.internal.JooqRows.record;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_SIGN_UP;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.SignUp;
import dev.membership.domain.SignUpId;
import dev.membership.domain.TokenHash;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.jooq.internal.generated.tables.MembershipSignUp;
import dev.membership.jooq.internal.generated.tables.records.MembershipSignUpRecord;
import dev.membership.spi.SignUps;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Sign-ups in table {@code membership_sign_up}, in the transaction of the {@link JooqStoreTransaction}
 * that reached them. An address's sign-ups are one range read on {@code (email, created_at, id)}; the
 * purge reads {@code (created_at, id)}.
 */
record JooqSignUps(DSLContext sql) implements SignUps {
  private static final MembershipSignUp S = MEMBERSHIP_SIGN_UP;

  @Override
  public void insert(SignUp s) {
    sql.executeInsert(record(s));
  }

  @Override
  public Optional<SignUp> findByTokenHash(TokenHash hash) {
    return sql.selectFrom(S).where(S.TOKEN_HASH.eq(hash)).fetchOptional().map(JooqRows::signUp);
  }

  @Override
  public List<SignUp> ofAddress(EmailAddress email, Instant since, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return sql.selectFrom(S)
        .where(S.EMAIL.eq(email).and(S.CREATED_AT.ge(since)))
        .orderBy(S.CREATED_AT.desc(), S.ID.desc())
        .limit(limit)
        .fetch(JooqRows::signUp);
  }

  @Override
  public SignUp update(SignUp s) {
    MembershipSignUpRecord next = record(s);
    next.setVersion(s.version() + 1);
    int updated = sql.update(S).set(allColumns(next, S.EMAIL, S.TOKEN_HASH, S.CREATED_AT))
        .where(S.ID.eq(s.id()).and(S.VERSION.eq(s.version())))
        .execute();
    if (updated != 1) {
      throw new ConcurrentModificationException("The sign-up");
    }
    return JooqRows.signUp(next);
  }

  @Override
  public int purgeMadeBefore(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    // Two statements: MariaDB takes no LIMIT in an IN subquery, PostgreSQL no LIMIT on a DELETE.
    List<SignUpId> old = sql.select(S.ID).from(S).where(S.CREATED_AT.lt(before)).orderBy(S.CREATED_AT, S.ID).limit(limit)
        .fetch(S.ID);
    if (old.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(S).where(S.ID.in(old)).execute();
  }

  @Override
  public int deleteOfAddress(EmailAddress email) {
    return sql.deleteFrom(S).where(S.EMAIL.eq(email)).execute();
  }
}
