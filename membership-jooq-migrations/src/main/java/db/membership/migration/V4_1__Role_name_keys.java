package db.membership.migration;

import com.google.common.hash.Hashing;
import dev.membership.domain.RoleNameKeys;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Computes the name keys of the roles that existed before V4 (which gave each its own id as keys):
 * SQL knows no confusable skeletons, so this step is Java. Flyway finds it next to the SQL scripts
 * ({@code classpath:db/membership/migration}), with {@code MembershipMigrations} or a host's own
 * Flyway alike.
 *
 * <p>Two roles of one organisation that were created before V4 and whose names now collide (say
 * "Billing" and "Вilling" with a Cyrillic В) both stay: the first by id keeps the real key, the other
 * a key of its own derived from its id, so nothing is lost and the unique keys hold. Renaming either
 * is then checked as usual.
 */
public final class V4_1__Role_name_keys extends BaseJavaMigration {
  private record Row(String id, String organisation, String name) {}

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(
            "SELECT id, organisation_id, name FROM membership_role ORDER BY organisation_id, id");
        ResultSet result = select.executeQuery()) {
      while (result.next()) {
        rows.add(new Row(result.getString(1), result.getString(2).strip(), result.getString(3)));
      }
    }
    Set<String> taken = new HashSet<>();
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE membership_role SET name_key = ?, look_key = ? WHERE id = ?")) {
      for (Row row : rows) {
        RoleNameKeys keys = RoleNameKeys.of(row.name());
        String nameKey = free(taken, row, "name", keys.caseless());
        String lookKey = free(taken, row, "look", keys.lookalike());
        update.setString(1, nameKey);
        update.setString(2, lookKey);
        update.setString(3, row.id());
        update.addBatch();
      }
      if (!rows.isEmpty()) {
        update.executeBatch();
      }
    }
  }

  /** The key, or if another role of the organisation has it already, one derived from the role's id. */
  private static String free(Set<String> taken, Row row, String column, String key) {
    String chosen = taken.add(row.organisation() + "/" + column + "/" + key)
        ? key
        : Hashing.sha256().hashString("legacy duplicate " + column + " key of " + row.id(), StandardCharsets.UTF_8).toString();
    taken.add(row.organisation() + "/" + column + "/" + chosen);
    return chosen;
  }
}
