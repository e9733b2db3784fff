package org.sqlflow.server.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What the protocol layer remembers of each client statement beyond JdbcMeta's cache: whose it
 * is (a cancel may touch only its own connection's statements), and what a prepared statement
 * holds (the SQL to prepare again after a connection reset, or SQL that is SQLFlow's own).
 */
final class ClientStatements {

  /**
   * @param preparedSql the SQL of a prepared pass-through statement, if it is one
   * @param ownSql the SQL of a prepared SHOW JOBS, KILL JOB or extended statement, if it is one
   */
  private record ClientStatement(String connectionId, Optional<String> preparedSql,
      Optional<String> ownSql) {}

  private final ConcurrentMap<Integer, ClientStatement> statements = new ConcurrentHashMap<>();

  void created(int id, String connectionId) {
    statements.put(id, new ClientStatement(connectionId, Optional.empty(), Optional.empty()));
  }

  void preparedPassThrough(int id, String connectionId, String sql) {
    statements.put(id, new ClientStatement(connectionId, Optional.of(sql), Optional.empty()));
  }

  void preparedOwn(int id, String connectionId, String sql) {
    statements.put(id, new ClientStatement(connectionId, Optional.empty(), Optional.of(sql)));
  }

  void closed(int id) {
    statements.remove(id);
  }

  void connectionClosed(String connectionId) {
    statements.values().removeIf(statement -> statement.connectionId().equals(connectionId));
  }

  boolean belongsTo(int id, String connectionId) {
    ClientStatement statement = statements.get(id);
    return statement != null && statement.connectionId().equals(connectionId);
  }

  Optional<String> ownSql(int id) {
    ClientStatement statement = statements.get(id);
    return statement == null ? Optional.empty() : statement.ownSql();
  }

  /** The connection's statements, each with its prepared pass-through SQL if it has one. */
  Map<Integer, Optional<String>> of(String connectionId) {
    Map<Integer, Optional<String>> result = new LinkedHashMap<>();
    statements.forEach((id, statement) -> {
      if (statement.connectionId().equals(connectionId)) {
        result.put(id, statement.preparedSql());
      }
    });
    return result;
  }
}
