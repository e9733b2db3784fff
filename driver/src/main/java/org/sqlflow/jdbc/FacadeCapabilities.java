package org.sqlflow.jdbc;

import java.sql.ResultSet;
import java.util.Optional;

/**
 * The DatabaseMetaData answers where the facade, not the database, decides: what a result set or
 * statement of this driver can do. Everywhere else the database's own answer stands.
 */
final class FacadeCapabilities {
  private FacadeCapabilities() {}

  /** The facade's answer to a DatabaseMetaData call, or empty to ask the database. */
  static Optional<Object> answer(String method, Object[] arguments) {
    switch (method) {
      case "supportsResultSetType":
        // Rows stream from the server frame by frame: they can be read forward only.
        return Optional.of((Integer) arguments[0] == ResultSet.TYPE_FORWARD_ONLY);
      case "supportsResultSetConcurrency":
        return Optional.of(
            (Integer) arguments[0] == ResultSet.TYPE_FORWARD_ONLY
                && (Integer) arguments[1] == ResultSet.CONCUR_READ_ONLY);
      case "supportsMultipleOpenResults":
        // Avatica's protocol has one result set per statement at a time.
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }
}
