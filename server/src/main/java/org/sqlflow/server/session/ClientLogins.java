package org.sqlflow.server.session;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.sqlflow.server.db.BackingDatabase;

/**
 * Decides which database account a new client connection works through, and opens its database
 * connection. The database itself checks the password: a wrong one fails with the database's own
 * 28000 and message, and the server keeps no password list of its own.
 *
 * <p>The client's name comes from the JDBC {@code user}/{@code password} of the connect call (sent
 * in Avatica's OpenConnectionRequest) or, when those are empty, from the request's HTTP BASIC
 * credentials ({@code authentication=BASIC} with {@code avatica_user}/ {@code avatica_password},
 * which phoenixdb and the Go client send as well).
 */
public final class ClientLogins {
  private final BackingDatabase database;
  private final ClientSessions sessions;
  private final boolean allowAnonymous;

  public ClientLogins(BackingDatabase database, ClientSessions sessions, boolean allowAnonymous) {
    this.database = requireNonNull(database, "database");
    this.sessions = requireNonNull(sessions, "sessions");
    this.allowAnonymous = allowAnonymous;
  }

  /**
   * Logs a new client connection in and opens its database connection.
   *
   * @throws SQLException 28000 without credentials (unless anonymous use is allowed), with a wrong
   *     password, or for an H2 administrator; 08004 when a connection cap is reached
   */
  public Connection open(String connectionId, Map<String, String> info) throws SQLException {
    Login login = loginFor(info == null ? Map.of() : info, HttpCredentials.current());
    sessions.reserve(connectionId, login);
    try {
      Connection connection = database.open(database.withClientOptions(login.credentials(), info));
      if (database.isAdmin(connection)) {
        connection.close();
        throw SessionError.of(
            SessionError.INVALID_AUTHORIZATION,
            "'"
                + login.user()
                + "' is an administrator of the embedded database; administrators cannot log in"
                + " through the server (see docs/security.md)");
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      sessions.closed(connectionId);
      throw e;
    }
  }

  /** The login of an open client connection. */
  public Optional<Login> loginOf(String connectionId) {
    return sessions.find(connectionId);
  }

  Login loginFor(Map<String, String> info, Optional<HttpCredentials> http) throws SQLException {
    String user = info.get("user");
    String password = info.get("password");
    if ((user == null || user.isEmpty()) && http.isPresent()) {
      user = http.get().user();
      password = http.get().password();
    }
    if (user != null && !user.isEmpty()) {
      return new Login(user, false, database.credentialsFor(user, password));
    }
    if (!allowAnonymous) {
      throw new SQLException(
          "log in with a user name and password: this server does not"
              + " allow anonymous connections (--allow-anonymous)",
          SessionError.INVALID_AUTHORIZATION,
          SessionError.LOGIN_REQUIRED);
    }
    Properties account = database.credentialsFor(null, null);
    return new Login(database.clientUser(), true, account);
  }
}
