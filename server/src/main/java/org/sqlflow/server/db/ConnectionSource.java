package org.sqlflow.server.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the backing database as one client's account, in that client's current
 * database, for work that must not share the client's own connection (a job's data feed, model
 * storage, prediction writing).
 */
public interface ConnectionSource {

  /** A new connection the caller closes. */
  Connection open() throws SQLException;

  SqlDialect dialect();
}
