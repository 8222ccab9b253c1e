package dev.membership.jooq.internal;

import static dev.membership.jooq.internal.Codec.nanos;
import static dev.membership.jooq.internal.generated.Tables.MEMBERSHIP_EXISTENCE_ANSWER;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;

import dev.membership.domain.OrganisationId;
import dev.membership.jooq.internal.generated.tables.MembershipExistenceAnswer;
import dev.membership.spi.ExistenceAnswers;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Existence answers in table {@code membership_existence_answer}: a count is one range read of at most
 * {@code limit} index entries on {@code (organisation_id, answered_at)}.
 */
final class JooqExistenceAnswers implements ExistenceAnswers {
  private static final MembershipExistenceAnswer X = MEMBERSHIP_EXISTENCE_ANSWER;

  private final DSLContext sql;

  JooqExistenceAnswers(DSLContext sql) {
    this.sql = sql;
  }

  @Override
  public void record(OrganisationId organisation, Instant at) {
    sql.insertInto(X)
        .set(X.ID, UUID.randomUUID().toString())
        .set(X.ORGANISATION_ID, organisation.toString())
        .set(X.ANSWERED_AT, nanos(at))
        .execute();
  }

  @Override
  public int countSince(OrganisationId organisation, Instant since, int limit) {
    if (limit <= 0) {
      return 0;
    }
    // Counts at most `limit` rows: the cost does not grow with the answers stored.
    return sql.fetchValue(selectCount().from(selectOne().from(X)
        .where(X.ORGANISATION_ID.eq(organisation.toString()).and(X.ANSWERED_AT.ge(nanos(since))))
        .limit(limit)
        .asTable("recent")));
  }

  @Override
  public int purgeBefore(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    long at = nanos(before);
    // Two statements: MariaDB takes no LIMIT in an IN subquery, PostgreSQL no LIMIT on a DELETE.
    List<String> old = sql.select(X.ID).from(X).where(X.ANSWERED_AT.lt(at)).orderBy(X.ANSWERED_AT, X.ID).limit(limit)
        .fetch(X.ID);
    if (old.isEmpty()) {
      return 0;
    }
    return sql.deleteFrom(X).where(X.ID.in(old)).execute();
  }
}
