package org.sqlflow.server.model;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.SqlflowException;

/**
 * Writes tables the safe way: into a fresh temporary table in the target's schema, swapped in under
 * the target's name only once complete, so a failed or cancelled job leaves the old table
 * untouched.
 */
final class TableReplacer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TableReplacer() {}

  /** A unique sibling name for {@code target}: same schema, {@code sqlflow_tmp_<hex>}. */
  static String temporaryName(String target) throws SqlflowException {
    return sibling(target, "sqlflow_tmp_" + randomHex());
  }

  static String sibling(String target, String last) throws SqlflowException {
    List<String> parts = new java.util.ArrayList<>(SqlDialect.parseName(target));
    parts.set(parts.size() - 1, last);
    return String.join(".", parts);
  }

  static String randomHex() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Creates the target's schema when the name has one and it is missing. */
  static void ensureSchema(Connection connection, SqlDialect dialect, String target)
      throws SqlflowException, SQLException {
    List<String> parts = Tables.parseName(target);
    if (parts.size() == 2) {
      execute(connection, dialect.createSchemaIfMissing(parts.get(0)));
    }
  }

  /** Puts the complete table {@code replacement} in place of {@code target}. */
  static void replace(Connection connection, SqlDialect dialect, String replacement, String target)
      throws SqlflowException, SQLException {
    if (!Tables.exists(connection, dialect, target)) {
      execute(connection, dialect.renameTable(replacement, last(target)));
      return;
    }
    String old = "sqlflow_old_" + randomHex();
    for (String sql : dialect.replaceTable(replacement, target, old)) {
      execute(connection, sql);
    }
    execute(connection, dialect.dropTableIfExists(sibling(target, old)));
  }

  static void dropQuietly(Connection connection, SqlDialect dialect, String table) {
    try {
      execute(connection, dialect.dropTableIfExists(table));
    } catch (SQLException | SqlflowException e) {
      // Best effort: the temporary table has a unique name and is harmless if left behind.
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String last(String name) throws SqlflowException {
    List<String> parts = SqlDialect.parseName(name);
    return parts.get(parts.size() - 1);
  }
}
