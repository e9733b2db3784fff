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

  /**
   * Whether {@code name} is a database (a catalog on MySQL/MariaDB, a schema on H2) this connection
   * sees, in any case.
   */
  public static boolean isDatabase(Connection connection, String name) throws SQLException {
    java.sql.DatabaseMetaData metadata = connection.getMetaData();
    try (java.sql.ResultSet catalogs = metadata.getCatalogs()) {
      while (catalogs.next()) {
        if (name.equalsIgnoreCase(catalogs.getString(1))) {
          return true;
        }
      }
    }
    try (java.sql.ResultSet schemas = metadata.getSchemas()) {
      while (schemas.next()) {
        if (name.equalsIgnoreCase(schemas.getString(1))) {
          return true;
        }
      }
    }
    return false;
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
