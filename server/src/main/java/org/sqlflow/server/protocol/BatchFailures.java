package org.sqlflow.server.protocol;

import java.sql.BatchUpdateException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;

/**
 * A batch the database stopped or partly failed, as the client will see it: the database's message,
 * SQLState and code, and the update count of every statement in the batch, which Avatica's error
 * response has no field for. The counts end the message, after {@link #COUNTS}; the SQLFlow driver
 * reads them back into a {@code BatchUpdateException}, and any other client shows them to its user.
 */
final class BatchFailures {
  /** The driver's {@code BatchUpdates} reads the same marker. */
  static final String COUNTS = "\nbatch update counts: ";

  private BatchFailures() {}

  static AvaticaRuntimeException error(BatchUpdateException e) {
    long[] counts =
        e.getLargeUpdateCounts() != null
            ? e.getLargeUpdateCounts()
            : Arrays.stream(e.getUpdateCounts() == null ? new int[0] : e.getUpdateCounts())
                .asLongStream()
                .toArray();
    String rendered =
        Arrays.stream(counts).mapToObj(Long::toString).collect(Collectors.joining(","));
    return new AvaticaRuntimeException(
        e.getMessage() + COUNTS + rendered,
        e.getErrorCode(),
        e.getSQLState() == null ? "HY000" : e.getSQLState(),
        AvaticaSeverity.ERROR);
  }
}
