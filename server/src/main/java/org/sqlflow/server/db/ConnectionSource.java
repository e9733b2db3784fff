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

  /**
   * A new connection for the server's own bulk loads of result tables, never lent to a client: on
   * MySQL it may run {@code LOAD DATA LOCAL} from a stream the server renders ({@link
   * LocalInfile}). Sources that offer nothing faster return an ordinary connection.
   */
  default Connection openForBulkLoad() throws SQLException {
    return open();
  }

  SqlDialect dialect();
}
