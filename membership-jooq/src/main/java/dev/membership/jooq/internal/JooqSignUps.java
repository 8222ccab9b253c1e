package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.instant;
import static dev.membership.jooq.internal.Codec.instantOrEmpty;
import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.Codec.nanosOrNull;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_SIGN_UP;

import dev.membership.domain.EmailAddress;
import dev.membership.domain.PasswordHash;
import dev.membership.domain.SignUp;
import dev.membership.domain.SignUpId;
import dev.membership.domain.SignUpStatus;
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
final class JooqSignUps implements SignUps {
  private static final MembershipSignUp S = MEMBERSHIP_SIGN_UP;

  private final DSLContext sql;

  JooqSignUps(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void insert(SignUp s) {
    sql.insertInto(S)
        .set(S.ID, s.id().toString())
        .set(S.EMAIL, s.email().value())
        .set(S.STATUS, s.status().name())
        .set(S.DISPLAY_NAME, s.chosen().map(SignUp.Chosen::displayName).orElse(null))
        .set(S.PASSWORD_HASH, s.chosen().map(c -> c.passwordHash().encoded()).orElse(null))
        .set(S.TOKEN_HASH, s.tokenHash().map(TokenHash::hex).orElse(null))
        .set(S.FAILED_ATTEMPTS, s.failedAttempts())
        .set(S.CREATED_AT, nanos(s.createdAt()))
        .set(S.EXPIRES_AT, nanos(s.expiresAt()))
        .set(S.CLOSED_AT, nanosOrNull(s.closedAt()))
        .set(S.VERSION, s.version())
        .execute();
  }

  @Override
  public Optional<SignUp> findByTokenHash(TokenHash hash) {
    return sql.selectFrom(S).where(S.TOKEN_HASH.eq(hash.hex())).fetchOptional().map(JooqSignUps::signUp);
  }

  @Override
  public List<SignUp> ofAddress(EmailAddress email, Instant since, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return sql.selectFrom(S)
        .where(S.EMAIL.eq(email.value()).and(S.CREATED_AT.ge(nanos(since))))
        .orderBy(S.CREATED_AT.desc(), S.ID.desc())
        .limit(limit)
        .fetch(JooqSignUps::signUp);
  }

  @Override
  public SignUp update(SignUp s) {
    int updated = sql.update(S)
        .set(S.STATUS, s.status().name())
        .set(S.DISPLAY_NAME, s.chosen().map(SignUp.Chosen::displayName).orElse(null))
        .set(S.PASSWORD_HASH, s.chosen().map(c -> c.passwordHash().encoded()).orElse(null))
        .set(S.FAILED_ATTEMPTS, s.failedAttempts())
        .set(S.EXPIRES_AT, nanos(s.expiresAt()))
        .set(S.CLOSED_AT, nanosOrNull(s.closedAt()))
        .set(S.VERSION, s.version() + 1)
        .where(S.ID.eq(s.id().toString()).and(S.VERSION.eq(s.version())))
        .execute();
    if (updated != 1) {
      throw new ConcurrentModificationException("The sign-up");
    }
    return new SignUp(s.id(), s.email(), s.status(), s.chosen(), s.tokenHash(), s.failedAttempts(), s.createdAt(),
        s.expiresAt(), s.closedAt(), s.version() + 1);
  }

  @Override
  public int purgeMadeBefore(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    long at = nanos(before);
    // Two statements: MariaDB takes no LIMIT in an IN subquery, PostgreSQL no LIMIT on a DELETE.
    List<String> old = sql.select(S.ID).from(S).where(S.CREATED_AT.lt(at)).orderBy(S.CREATED_AT, S.ID).limit(limit)
        .fetch(S.ID);
    if (old.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(S).where(S.ID.in(old)).execute();
  }

  private static SignUp signUp(MembershipSignUpRecord r) {
    Optional<SignUp.Chosen> chosen = r.getPasswordHash() == null
        ? Optional.empty()
        : Optional.of(new SignUp.Chosen(r.getDisplayName(), new PasswordHash(r.getPasswordHash())));
    return new SignUp(SignUpId.of(r.getId().strip()), EmailAddress.of(r.getEmail()), SignUpStatus.valueOf(r.getStatus()),
        chosen, Optional.ofNullable(r.getTokenHash()).map(String::strip).map(TokenHash::new), r.getFailedAttempts(),
        instant(r.getCreatedAt()), instant(r.getExpiresAt()), instantOrEmpty(r.getClosedAt()), r.getVersion());
  }
}
