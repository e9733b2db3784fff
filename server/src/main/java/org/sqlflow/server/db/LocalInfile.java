package org.sqlflow.server.db;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;

/**
 * MySQL's {@code LOAD DATA LOCAL INFILE}, fed from a stream the server renders itself
 * (Connector/J's {@code setLocalInfileInputStream}), the fastest way to write a result table. LOCAL
 * INFILE lets whoever runs SQL on a connection read the client host's files, so only the server's
 * own bulk-load connections ({@link ConnectionSource#openForBulkLoad()}) permit it, they run only
 * SQL the server built, and a {@code --db} URL that would permit it on every connection, clients'
 * included, is refused ({@link #refuseInUrl}).
 */
public final class LocalInfile {
  /** Connector/J options that make a connection read local files for LOAD DATA LOCAL. */
  private static final String[] URL_OPTIONS = {
    "allowloadlocalinfile", "allowloadlocalinfileinpath", "allowurlinlocalinfile"
  };

  private LocalInfile() {}

  /** Adds to {@code properties} what a bulk-load connection needs. */
  static void permit(Properties properties) {
    properties.setProperty(PropertyKey.allowLoadLocalInfile.getKeyName(), "true");
    // The fallback when the database refuses LOCAL INFILE: multi-row INSERTs instead of one per
    // row.
    properties.setProperty(PropertyKey.rewriteBatchedStatements.getKeyName(), "true");
  }

  /** Refuses a database URL that would let every connection's SQL read the server's files. */
  static void refuseInUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String option : URL_OPTIONS) {
      if (lower.contains(option)) {
        throw new IllegalArgumentException(
            "the --db URL may not set "
                + option
                + ": it would let clients' SQL read the server's files with LOAD DATA LOCAL"
                + " (the server enables it only on its own loading connections)");
      }
    }
  }

  /**
   * Whether {@code connection} can load from a stream: Connector/J with LOCAL INFILE permitted on
   * it, and a database that allows it ({@code local_infile}).
   */
  public static boolean isUsable(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)) {
      return false;
    }
    JdbcConnection mysql = connection.unwrap(JdbcConnection.class);
    if (!mysql.getPropertySet().getBooleanProperty(PropertyKey.allowLoadLocalInfile).getValue()) {
      return false;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT @@local_infile")) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  /**
   * Runs {@code loadDataLocal} (a {@code LOAD DATA LOCAL INFILE} statement the server built) with
   * {@code rows} as the file's content; returns the rows loaded. MySQL turns a value that does not
   * fit its column into a warning under LOCAL (it cannot stop the client's transfer), so any
   * warning fails the load with the database's own message, SQLState and code.
   */
  public static long load(Connection connection, String loadDataLocal, InputStream rows)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(rows);
      long loaded = statement.executeLargeUpdate(loadDataLocal);
      SQLWarning warning = statement.getWarnings();
      if (warning != null) {
        throw new SQLException(
            "a value did not fit its column: " + warning.getMessage(),
            warning.getSQLState() == null ? "22000" : warning.getSQLState(),
            warning.getErrorCode());
      }
      return loaded;
    }
  }
}
