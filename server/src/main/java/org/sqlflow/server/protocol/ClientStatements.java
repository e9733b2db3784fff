package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.calcite.avatica.Meta;
import org.sqlflow.parser.ParsedStatement;

/**
 * What the protocol layer remembers of each client statement beyond JdbcMeta's cache: whose it is
 * (a cancel may touch only its own connection's statements), and what a prepared statement holds
 * (the SQL to prepare again after a connection reset, or a statement of SQLFlow's own, kept parsed
 * so that executing it does not read its text again).
 */
final class ClientStatements {

  /** A prepared SHOW JOBS, KILL JOB or extended statement: its text and what it says. */
  record OwnStatement(String sql, ParsedStatement statement) {}

  /**
   * A prepared pass-through statement: its text, the signature the database gave it, and the
   * signature its client was sent. The server keeps both so that executing it needs nothing the
   * client echoes back, and can tell when a result's columns are still the announced ones.
   */
  record PreparedPassThrough(String sql, Meta.Signature database, Meta.Signature announced) {
    PreparedPassThrough {
      requireNonNull(sql, "sql");
    }
  }

  /**
   * @param passThrough a prepared pass-through statement, if it is one
   * @param own a prepared statement of SQLFlow's own, if it is one
   */
  private record ClientStatement(
      String connectionId, Optional<PreparedPassThrough> passThrough, Optional<OwnStatement> own) {}

  private final ConcurrentMap<Integer, ClientStatement> statements = new ConcurrentHashMap<>();

  void created(int id, String connectionId) {
    statements.put(id, new ClientStatement(connectionId, Optional.empty(), Optional.empty()));
  }

  void preparedPassThrough(int id, String connectionId, PreparedPassThrough prepared) {
    statements.put(id, new ClientStatement(connectionId, Optional.of(prepared), Optional.empty()));
  }

  void preparedOwn(int id, String connectionId, String sql, ParsedStatement statement) {
    statements.put(
        id,
        new ClientStatement(
            connectionId, Optional.empty(), Optional.of(new OwnStatement(sql, statement))));
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

  /** Prepared pass-through statement {@code id}, if it is one. */
  Optional<PreparedPassThrough> passThrough(int id) {
    ClientStatement statement = statements.get(id);
    return statement == null ? Optional.empty() : statement.passThrough();
  }

  Optional<OwnStatement> own(int id) {
    ClientStatement statement = statements.get(id);
    return statement == null ? Optional.empty() : statement.own();
  }

  /** The connection's statements, each with its prepared pass-through SQL if it has one. */
  Map<Integer, Optional<String>> of(String connectionId) {
    Map<Integer, Optional<String>> result = new LinkedHashMap<>();
    statements.forEach(
        (id, statement) -> {
          if (statement.connectionId().equals(connectionId)) {
            result.put(id, statement.passThrough().map(PreparedPassThrough::sql));
          }
        });
    return result;
  }
}
