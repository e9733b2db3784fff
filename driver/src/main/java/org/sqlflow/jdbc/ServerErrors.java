package org.sqlflow.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Gives the user the server's own message. Avatica's client wraps it twice, as {@code Error -1
 * (22023) : Error while executing SQL "<the whole statement>": Remote driver error: <message>}; the
 * SQLState and vendor code it keeps are the server's, and stay.
 */
final class ServerErrors {
  /** What Avatica's client puts before every message the server sent. */
  static final String REMOTE_PREFIX = "Remote driver error: ";

  private ServerErrors() {}

  /**
   * The server's error with its own message, or {@code e} itself when it did not come from the
   * server.
   *
   * @param sql the statement Avatica quoted in front of the message, or null
   */
  static SQLException unwrap(SQLException e, String sql) {
    if (!(e instanceof AvaticaSqlException avatica)) {
      return e;
    }
    String message = avatica.getErrorMessage();
    String executing = sql == null ? null : "Error while executing SQL \"" + sql + "\": ";
    if (executing != null && message.startsWith(executing)) {
      message = message.substring(executing.length());
    }
    int remote = message.indexOf(REMOTE_PREFIX);
    if (remote < 0) {
      return e;
    }
    SQLException unwrapped =
        new SQLException(
            message.substring(remote + REMOTE_PREFIX.length()),
            avatica.getSQLState(),
            avatica.getErrorCode(),
            avatica);
    unwrapped.setNextException(avatica.getNextException());
    return unwrapped;
  }

  /** A refusal Avatica's client did not wrap yet: the server's message, state and code. */
  static SQLException of(AvaticaClientRuntimeException e) {
    String message = e.getMessage();
    if (message != null && message.startsWith(REMOTE_PREFIX)) {
      message = message.substring(REMOTE_PREFIX.length());
    }
    return new SQLException(message, e.getSqlState(), e.getErrorCode(), e);
  }
}
