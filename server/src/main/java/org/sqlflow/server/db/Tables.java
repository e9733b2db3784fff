package org.sqlflow.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * The rules for tables SQLFlow writes (models, results, sample data): their names, their presence.
 */
public final class Tables {
  private Tables() {}

  /**
   * Splits a table name the user gave, {@code table} or {@code database.table}, each part
   * validated.
   */
  public static List<String> parseName(String name) throws SqlflowException {
    List<String> parts = SqlDialect.parseName(name);
    if (parts.size() > 2) {
      throw new SqlflowException(
          ErrorCode.INVALID_NAME, "invalid name '" + name + "': use table or database.table");
    }
    return parts;
  }

  /** Whether {@code table} exists and this connection may read it. */
  public static boolean exists(Connection connection, SqlDialect dialect, String table)
      throws SqlflowException {
    try (Statement statement = connection.createStatement()) {
      statement
          .executeQuery("SELECT 1 FROM " + dialect.quoteQualified(table) + " WHERE 1 = 0")
          .close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
