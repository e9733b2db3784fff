package org.sqlflow.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * A statement's warnings, which Avatica's protocol does not carry: read once per execution, when
 * first asked, with {@code SQLFLOW WARNINGS FOR STATEMENT <id>} (the server answers with the
 * backing statement's chain). Tools such as DBeaver ask after every statement, so an execution
 * costs at most one extra round trip, and none until someone asks.
 */
final class ServerWarnings {
  private final AvaticaStatement statement;

  /** Whether {@link #chain} is the answer for the last execution (true before any). */
  private boolean known = true;

  private SQLWarning chain;

  ServerWarnings(AvaticaStatement statement) {
    this.statement = statement;
  }

  synchronized void executed() {
    known = false;
    chain = null;
  }

  synchronized void clear() {
    known = true;
    chain = null;
  }

  synchronized SQLWarning get() throws SQLException {
    if (!known) {
      chain = read();
      known = true;
    }
    return chain;
  }

  private SQLWarning read() throws SQLException {
    try (Statement reader = statement.getConnection().createStatement();
        ResultSet rows =
            reader.executeQuery("SQLFLOW WARNINGS FOR STATEMENT " + statement.handle.id)) {
      SQLWarning first = null;
      while (rows.next()) {
        SQLWarning warning = new SQLWarning(rows.getString(3), rows.getString(1), rows.getInt(2));
        if (first == null) {
          first = warning;
        } else {
          first.setNextWarning(warning);
        }
      }
      return first;
    }
  }
}
