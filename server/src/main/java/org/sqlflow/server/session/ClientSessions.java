package org.sqlflow.server.session;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is connected: each client connection id with the login that opened it, the statement ids that
 * belong to it, and when it was last used. The one place that says whether a request may touch a
 * connection or a statement, and whether one more connection fits under the caps.
 */
public final class ClientSessions {
  private final int maxTotal;
  private final int maxPerLogin;
  private final Clock clock;

  private final class Session {
    final Login login;
    final Set<Integer> statements = ConcurrentHashMap.newKeySet();
    volatile Instant lastUsed;

    Session(Login login) {
      this.login = login;
      this.lastUsed = clock.instant();
    }
  }

  private final Map<String, Session> sessions = new HashMap<>();

  public ClientSessions(int maxTotal, int maxPerLogin, Clock clock) {
    if (maxTotal < 1 || maxPerLogin < 1) {
      throw new IllegalArgumentException("connection caps must be at least 1");
    }
    this.maxTotal = maxTotal;
    this.maxPerLogin = maxPerLogin;
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Registers a new connection of {@code login}, before its database connection is opened, so that
   * a flood of opens is refused without touching the database.
   *
   * @throws SQLException 08004 when a cap is reached, 08003 when the id is taken
   */
  public synchronized void reserve(String connectionId, Login login) throws SQLException {
    if (sessions.containsKey(connectionId)) {
      throw SessionError.of(
          SessionError.NO_CONNECTION, "connection " + connectionId + " already exists");
    }
    if (sessions.size() >= maxTotal) {
      throw SessionError.of(
          SessionError.REJECTED,
          "the server has its maximum of "
              + maxTotal
              + " client connections open (--max-connections); try again later");
    }
    long ofLogin =
        sessions.values().stream()
            .filter(session -> session.login.user().equals(login.user()))
            .count();
    if (ofLogin >= maxPerLogin) {
      throw SessionError.of(
          SessionError.REJECTED,
          "login '"
              + login.user()
              + "' has its maximum"
              + " of "
              + maxPerLogin
              + " connections open (--max-connections-per-login)");
    }
    sessions.put(connectionId, new Session(login));
  }

  public synchronized void closed(String connectionId) {
    sessions.remove(connectionId);
  }

  public synchronized Optional<Login> find(String connectionId) {
    Session session = sessions.get(connectionId);
    return session == null ? Optional.empty() : Optional.of(session.login);
  }

  /**
   * The login of an open connection, checked against the HTTP credentials of the request when it
   * carries any, and marked as used now.
   *
   * @throws SQLException 08003 for an id that was never opened (or expired), 28000 when the
   *     request's credentials are another login's
   */
  public Login use(String connectionId, Optional<HttpCredentials> http) throws SQLException {
    Session session;
    synchronized (this) {
      session = sessions.get(connectionId);
    }
    if (session == null) {
      throw SessionError.of(
          SessionError.NO_CONNECTION,
          "connection "
              + connectionId
              + " is not open (closed, expired after idling, or never opened)");
    }
    if (http.isPresent()
        && !session.login.anonymous()
        && (!http.get().user().equals(session.login.user())
            || !session.login.hasPassword(http.get().password()))) {
      throw SessionError.of(
          SessionError.INVALID_AUTHORIZATION,
          "connection " + connectionId + " belongs to another login");
    }
    session.lastUsed = clock.instant();
    return session.login;
  }

  /** Records that the server gave out {@code statementId} on {@code connectionId}. */
  public synchronized void bindStatement(String connectionId, int statementId) {
    Session session = sessions.get(connectionId);
    if (session != null) {
      session.statements.add(statementId);
    }
  }

  /**
   * @throws SQLException 08003 unless {@code statementId} was given out on this connection:
   *     statement ids are small sequential numbers, easy to guess
   */
  public synchronized void requireStatement(String connectionId, int statementId)
      throws SQLException {
    Session session = sessions.get(connectionId);
    if (session == null || !session.statements.contains(statementId)) {
      throw SessionError.of(
          SessionError.NO_CONNECTION,
          "statement " + statementId + " is not open on connection " + connectionId);
    }
  }

  public synchronized void statementClosed(String connectionId, int statementId) {
    Session session = sessions.get(connectionId);
    if (session != null) {
      session.statements.remove(statementId);
    }
  }

  /** Connections unused since {@code cutoff}: the server closes them. */
  public synchronized List<String> idleSince(Instant cutoff) {
    List<String> idle = new ArrayList<>();
    sessions.forEach(
        (id, session) -> {
          if (session.lastUsed.isBefore(cutoff)) {
            idle.add(id);
          }
        });
    return idle;
  }

  public synchronized int size() {
    return sessions.size();
  }
}
