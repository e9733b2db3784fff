package org.sqlflow.server.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.SqlflowException;

/**
 * Removes what earlier runs left behind when they crashed: the temporary tables a save writes
 * before swapping them in ({@code sqlflow_tmp_} and 16 hex digits, nothing else), and job
 * directories. On the embedded database every such table is a leftover (the file is the server's
 * alone). A MySQL server may be shared by other SQLFlow servers whose saves are in progress, so
 * there only the server's own default database is cleaned completely, and other databases only of
 * tables older than an hour. And the files under the job and spilled-result directories.
 */
public final class Leftovers {
  static final Pattern TEMPORARY = Pattern.compile("sqlflow_tmp_[0-9a-f]{16}");

  private Leftovers() {}

  /** Drops leftover temporary tables; returns their qualified names. */
  public static List<String> dropTemporaryTables(Connection connection, SqlDialect dialect)
      throws SQLException, SqlflowException {
    String query =
        dialect == SqlDialect.MYSQL
            ? "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_NAME LIKE 'sqlflow\\_tmp\\_%' AND (TABLE_SCHEMA = DATABASE()"
                + " OR CREATE_TIME < NOW() - INTERVAL 1 HOUR)"
            : "SELECT TABLE_SCHEMA, TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_NAME LIKE 'sqlflow\\_tmp\\_%' ESCAPE '\\'";
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet tables = statement.executeQuery(query)) {
      while (tables.next()) {
        if (TEMPORARY.matcher(tables.getString(2)).matches()) {
          names.add(tables.getString(1) + "." + tables.getString(2));
        }
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String name : names) {
        statement.execute(dialect.dropTableIfExists(name));
      }
    }
    return names;
  }

  /** Deletes everything under {@code root}; returns the entries removed. */
  public static List<Path> deleteEntries(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(root)) {
      entries = list.toList();
    }
    for (Path entry : entries) {
      try (Stream<Path> walk = Files.walk(entry)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
    return entries;
  }
}
