package org.sqlflow.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One way of reaching the data that a comparison measures: a name and a JDBC URL. */
record Side(String name, String url) {
  Side {
    requireNonNull(name, "name");
    requireNonNull(url, "url");
  }

  Connection open() throws SQLException {
    return DriverManager.getConnection(url);
  }
}
