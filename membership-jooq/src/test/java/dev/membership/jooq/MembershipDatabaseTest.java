package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.domain.Account;
import dev.membership.domain.EmailAddress;
import dev.membership.domain.Organisation;
import dev.membership.domain.PasswordHash;
import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import dev.membership.spi.StoreTransaction;
import java.nio.file.Path;
import java.time.Instant;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MembershipDatabaseTest {

  @Test
  void an_in_memory_database_is_migrated_and_ready_and_gone_once_closed() {
    Organisation acme = Organisation.create("Acme", Instant.parse("2026-01-05T09:00:00Z"));
    try (MembershipDatabase database = MembershipDatabase.h2InMemory("embedded-test")) {
      assertThat(database.store().dialect().family()).isEqualTo(SQLDialect.H2);
      database.store().inTransaction(tx -> {
        tx.organisations().insert(acme);
        return null;
      });
      assertThat(database.store().inTransaction((StoreTransaction tx) -> tx.organisations().find(acme.id()))).contains(acme);
    }
    try (MembershipDatabase again = MembershipDatabase.h2InMemory("embedded-test")) {
      assertThat(again.store().inTransaction((StoreTransaction tx) -> tx.organisations().find(acme.id()))).isEmpty();
    }
  }

  @Test
  void a_file_database_keeps_its_data_across_restarts(@TempDir Path directory) {
    Path file = directory.resolve("membership");
    Account alice = Account.registered(EmailAddress.of("alice@x.test"), "Alice", new PasswordHash("$h$"),
        Instant.parse("2026-01-05T09:00:00Z"));
    try (MembershipDatabase database = MembershipDatabase.h2File(file)) {
      database.store().inTransaction(tx -> {
        tx.accounts().insert(alice);
        return null;
      });
    }

    try (MembershipDatabase reopened = MembershipDatabase.h2File(file)) {
      assertThat(reopened.store().inTransaction((StoreTransaction tx) -> tx.accounts().find(alice.id()))).contains(alice);
    }
    assertThat(directory.resolve("membership.mv.db")).exists();
  }

  @ParameterizedTest
  @EnumSource(value = DatabaseKind.class, names = {"POSTGRES", "MARIADB"})
  void a_server_database_is_reached_by_its_url_migrated_and_left_running_when_closed(DatabaseKind kind) {
    Organisation acme = Organisation.create("Acme", Instant.parse("2026-01-05T09:00:00Z"));
    try (TestDatabase server = TestDatabase.create(kind)) {
      try (MembershipDatabase database = MembershipDatabase.connect(server.url(), server.user(), "")) {
        assertThat(database.store().dialect().family())
            .isEqualTo(kind == DatabaseKind.POSTGRES ? SQLDialect.POSTGRES : SQLDialect.MARIADB);
        database.store().inTransaction(tx -> {
          tx.organisations().insert(acme);
          return null;
        });
      }

      assertThat(server.count("SELECT COUNT(*) FROM membership_organisation")).isEqualTo(1);
    }
  }
}
