package org.sqlflow.server.session;

import java.sql.SQLException;

/** The SQLStates a client gets when a login, a limit or an id check refuses its request. */
public final class SessionError {
  /** Invalid authorization: no or wrong credentials, or another login's connection. */
  public static final String INVALID_AUTHORIZATION = "28000";

  /** The connection (or a statement on it) does not exist for this client. */
  public static final String NO_CONNECTION = "08003";

  /** The server rejected the connection: a cap on open connections is reached. */
  public static final String REJECTED = "08004";

  /**
   * Vendor code of the 28000 a client gets when it sent no credentials at all: the HTTP layer
   * answers it with a BASIC challenge (401), which Avatica's Java client needs before it sends
   * {@code avatica_user}/{@code avatica_password}.
   */
  public static final int LOGIN_REQUIRED = 401;

  private SessionError() {}

  public static SQLException of(String sqlState, String message) {
    return new SQLException(message, sqlState);
  }
}
