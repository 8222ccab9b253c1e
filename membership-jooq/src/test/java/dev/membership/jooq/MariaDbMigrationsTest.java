package dev.membership.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.membership.jooq.support.DatabaseKind;
import dev.membership.jooq.support.TestDatabase;
import org.junit.jupiter.api.Test;

class MariaDbMigrationsTest extends MigrationsBehaviour {
  @Override
  DatabaseKind kind() {
    return DatabaseKind.MARIADB;
  }

  @Test
  void every_table_compares_text_byte_by_byte_whatever_the_servers_default_collation() {
    try (TestDatabase database = TestDatabase.migrated(kind())) {
      long binary = database.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
          + "AND TABLE_NAME LIKE 'membership\\_%' AND TABLE_NAME <> 'membership_schema_history' "
          + "AND TABLE_COLLATION = 'utf8mb4_bin' AND ENGINE = 'InnoDB'");

      assertThat(binary).isEqualTo(TABLES.size());
    }
  }
}
