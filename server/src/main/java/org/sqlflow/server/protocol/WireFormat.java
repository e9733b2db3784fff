package org.sqlflow.server.protocol;

import java.util.Map;

/**
 * How a connection's client reads result values. Stock Avatica clients (phoenixdb, the Go client,
 * Avatica's own Java client) only decode the JDBC types and representations they were written for,
 * and Avatica's temporal representations stop at milliseconds; SQLFlow's driver says so when it
 * connects and gets every column as the database typed it.
 */
enum WireFormat {
  /** SQLFlow's JDBC driver: the database's own type ids, temporal values as ISO-8601 text. */
  EXACT,
  /** Any other client: type ids and representations every Avatica client decodes. */
  PORTABLE;

  /** The connection property SQLFlow's driver sends (see the driver's {@code Driver}). */
  static final String PROPERTY = "sqlflow_wire";

  static WireFormat of(Map<String, String> connectionInfo) {
    return connectionInfo != null && "exact".equals(connectionInfo.get(PROPERTY))
        ? EXACT
        : PORTABLE;
  }
}
