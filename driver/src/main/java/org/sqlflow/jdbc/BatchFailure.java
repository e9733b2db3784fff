package org.sqlflow.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * Turns a failed batch into the {@link BatchUpdateException} Connector/J gives: the database's
 * message, SQLState and code, and each statement's update count, which the server appends to the
 * message after {@link #COUNTS} (Avatica's error response has no field for them).
 */
final class BatchFailure {
  /** The server's {@code BatchFailures} writes the same marker. */
  static final String COUNTS = "\nbatch update counts: ";

  private static final String REMOTE_PREFIX = "Remote driver error: ";

  private BatchFailure() {}

  /** Runs a batch, reporting its failure as a BatchUpdateException. */
  static long[] run(SqlflowConnection.Call<long[]> batch) throws SQLException {
    SQLException failure;
    try {
      return batch.call();
    } catch (SQLException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = AvaticaConnection.HELPER.createException(e.getMessage(), e);
    }
    throw of(failure);
  }

  private static SQLException of(SQLException failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    int at = message.lastIndexOf(COUNTS);
    if (at < 0) {
      return failure;
    }
    long[] counts;
    try {
      counts =
          Arrays.stream(message.substring(at + COUNTS.length()).trim().split(","))
              .filter(count -> !count.isEmpty())
              .mapToLong(Long::parseLong)
              .toArray();
    } catch (NumberFormatException e) {
      return failure;
    }
    String reason = message.substring(0, at);
    // Avatica's client prefixes the server's message with its own words; the database's
    // message is what Connector/J reports.
    int serverMessage = reason.indexOf(REMOTE_PREFIX);
    if (serverMessage >= 0) {
      reason = reason.substring(serverMessage + REMOTE_PREFIX.length());
    }
    return new BatchUpdateException(
        reason, failure.getSQLState(), failure.getErrorCode(), counts, failure);
  }
}
