package org.sqlflow.server.session;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.SqlDialect;

/**
 * Client connections whose running MySQL query was cancelled, and the fresh database connection
 * each gets before its next statement. Connector/J with cursor fetch can answer the next statement
 * on a connection whose query was killed with a stale packet (an update count for a SELECT,
 * measured in about 1 of 5 cancels, sometimes two statements later); a new connection of the same
 * login in the same database cannot. An open transaction and session variables are lost; the
 * current database and autocommit carry over.
 */
public final class CancelledConnections {
  private final BackingDatabase database;
  private final ClientLogins logins;
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

  public CancelledConnections(BackingDatabase database, ClientLogins logins) {
    this.database = requireNonNull(database, "database");
    this.logins = requireNonNull(logins, "logins");
  }

  /** Called before the cancel: the client's next statement may arrive as soon as it lands. */
  public void cancelling(String connectionId) {
    if (database.dialect() == SqlDialect.MYSQL) {
      cancelled.add(connectionId);
    }
  }

  public void closed(String connectionId) {
    cancelled.remove(connectionId);
  }

  /**
   * A fresh database connection to replace {@code current}, if the client connection had a query
   * cancelled since its last statement; the caller swaps it in and closes the old one.
   */
  public Optional<Connection> replacementFor(String connectionId, Connection current)
      throws SQLException {
    if (!cancelled.remove(connectionId)) {
      return Optional.empty();
    }
    Login login =
        logins
            .loginOf(connectionId)
            .orElseThrow(
                () ->
                    SessionError.of(
                        SessionError.NO_CONNECTION, "connection " + connectionId + " is not open"));
    Connection fresh = database.open(login.credentials());
    // Connector/J keeps these two locally; anything that asks the old connection's server
    // may itself be hit by the kill.
    fresh.setCatalog(current.getCatalog());
    fresh.setAutoCommit(current.getAutoCommit());
    return Optional.of(fresh);
  }
}
