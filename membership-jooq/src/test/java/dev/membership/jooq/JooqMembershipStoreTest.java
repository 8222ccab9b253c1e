package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.membership.domain.OrganisationId;
import dev.membership.error.ConcurrentModificationException;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the store talks to a data source: dialect, isolation level, and errors of the database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JooqMembershipStoreTest {
  TestDatabase database;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated(DatabaseKind.H2);
  }

  @AfterAll
  void stop() {
    database.close();
  }

  @Test
  void the_dialect_is_read_from_the_connection_unless_one_is_given() {
    assertThat(JooqMembershipStore.create(database.dataSource()).dialect()).isEqualTo(SQLDialect.H2);
    assertThat(JooqMembershipStore.create(database.dataSource(), SQLDialect.H2).dialect()).isEqualTo(SQLDialect.H2);
  }

  @Test
  void a_database_the_store_does_not_speak_is_refused() {
    assertThatThrownBy(() -> JooqMembershipStore.create(database.dataSource(), SQLDialect.SQLITE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("H2, PostgreSQL, MariaDB or MySQL");
  }

  @Test
  void work_runs_at_read_committed_and_the_connection_gets_its_own_level_back() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.url());
    config.setUsername(database.user());
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    List<Integer> levelsSeen = new ArrayList<>();
    ExecuteListener spy = new ExecuteListener() {
      @Override
      public void executeStart(ExecuteContext ctx) {
        try {
          levelsSeen.add(ctx.connection().getTransactionIsolation());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JooqMembershipStore store = JooqMembershipStore.builder(pool).executeListener(spy).build();

      store.inTransaction(tx -> tx.organisations().find(OrganisationId.random()));

      assertThat(levelsSeen).containsOnly(Connection.TRANSACTION_READ_COMMITTED).isNotEmpty();
      try (Connection connection = pool.getConnection()) {
        assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      }
    }
  }

  @ParameterizedTest(name = "SQLState {0}, vendor code {1}")
  @CsvSource({"40001, 0", "40P01, 0", "HY000, 1213", "HY000, 1205", "HYT00, 50200"})
  void a_transaction_the_database_aborts_for_a_concurrent_one_is_a_concurrent_modification(String state, int code) {
    JooqMembershipStore store = JooqMembershipStore.create(database.dataSource());
    DataAccessException aborted = new DataAccessException("aborted", new SQLException("aborted", state, code));

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      throw aborted;
    })).isInstanceOf(ConcurrentModificationException.class).hasCause(aborted);
  }

  @Test
  void any_other_database_error_is_rethrown_as_it_is() {
    JooqMembershipStore store = JooqMembershipStore.create(database.dataSource());
    DataAccessException broken = new DataAccessException("broken", new SQLException("broken", "08006", 0));

    assertThatThrownBy(() -> store.inTransaction(tx -> {
      throw broken;
    })).isSameAs(broken);
  }
}
