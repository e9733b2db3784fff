package org.sqlflow.server.model;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SqlDialect;

/** A private in-memory H2 database in MySQL mode, kept open while this object lives. */
public final class H2Source implements ConnectionSource, AutoCloseable {
  private final String url =
      "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
  private final Connection keepAlive;

  public H2Source() throws SQLException {
    keepAlive = DriverManager.getConnection(url);
  }

  @Override
  public Connection open() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public SqlDialect dialect() {
    return SqlDialect.H2;
  }

  public void execute(String... statements) throws SQLException {
    try (Connection connection = open();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    keepAlive.close();
  }
}
