package dev.membership.jooq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

/** Unique violations are told apart by the constraint's name, never by the values the message quotes. */
class SqlErrorsTest {

  private static SqlErrors.UniqueViolation kindOf(String message, String state, int code) {
    return SqlErrors.uniqueViolation(new SQLIntegrityConstraintViolationException(message, state, code)).orElseThrow();
  }

  @Test
  void postgres_names_the_constraint_on_the_first_line_and_quotes_values_in_the_detail() {
    String message = "ERROR: duplicate key value violates unique constraint \"membership_role_name_uk\"\n"
        + "  Detail: Key (organisation_id, name_lower)=(0190, ops_pk lead 'primary') already exists.";
    assertThat(kindOf(message, "23505", 0)).isEqualTo(SqlErrors.UniqueViolation.UNIQUE_KEY);
    assertThat(kindOf("ERROR: duplicate key value violates unique constraint \"membership_role_pk\"\n  Detail: Key (id)=(x)",
        "23505", 0)).isEqualTo(SqlErrors.UniqueViolation.PRIMARY_KEY);
  }

  @Test
  void h2_names_the_constraint_first_and_quotes_values_after_the_table() {
    String named = "Unique index or primary key violation: \"PUBLIC.MEMBERSHIP_ACCOUNT_EMAIL_UK INDEX "
        + "PUBLIC.MEMBERSHIP_ACCOUNT_EMAIL_UK_INDEX_F ON PUBLIC.MEMBERSHIP_ACCOUNT(EMAIL NULLS FIRST) VALUES ( /* 1 */ "
        + "'db_pk@primary.test' )\"; SQL statement:";
    assertThat(kindOf(named, "23505", 23505)).isEqualTo(SqlErrors.UniqueViolation.UNIQUE_KEY);
    assertThat(kindOf("Unique index or primary key violation: \"PUBLIC.MEMBERSHIP_ACCOUNT_PK INDEX PUBLIC.PRIMARY_KEY_F ON "
        + "PUBLIC.MEMBERSHIP_ACCOUNT(ID) VALUES ( /* 1 */ CAST('a' AS CHAR(36)) )\"", "23505", 23505))
        .isEqualTo(SqlErrors.UniqueViolation.PRIMARY_KEY);
  }

  @Test
  void h2_without_constraint_names_names_the_index_before_the_table() {
    String message = "Unique index or primary key violation: \"PUBLIC.MEMBERSHIP_ROLE_NAME_UK_INDEX_A ON "
        + "PUBLIC.MEMBERSHIP_ROLE(ORGANISATION_ID, NAME_LOWER) VALUES ( /* 2 */ 'x primary key on y' )\"; SQL statement:";
    assertThat(kindOf(message, "23505", 23505)).isEqualTo(SqlErrors.UniqueViolation.UNIQUE_KEY);
    assertThat(kindOf("Unique index or primary key violation: \"PUBLIC.PRIMARY_KEY_8 ON PUBLIC.MEMBERSHIP_ROLE(ID) "
        + "VALUES ( /* 1 */ 'a' )\"", "23505", 23505)).isEqualTo(SqlErrors.UniqueViolation.PRIMARY_KEY);
  }

  @Test
  void mariadb_names_the_key_last_and_quotes_the_entry_before_it() {
    assertThat(kindOf("(conn=7) Duplicate entry 'acme-'primary'' for key 'membership_role_name_uk'", "23000", 1062))
        .isEqualTo(SqlErrors.UniqueViolation.UNIQUE_KEY);
    assertThat(kindOf("(conn=7) Duplicate entry 'x' for key 'PRIMARY'", "23000", 1062))
        .isEqualTo(SqlErrors.UniqueViolation.PRIMARY_KEY);
  }
}
