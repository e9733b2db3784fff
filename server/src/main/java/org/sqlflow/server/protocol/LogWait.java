package org.sqlflow.server.protocol;

import java.time.Duration;
import org.sqlflow.server.job.LogChunk;
import org.sqlflow.server.job.LogSource;

/**
 * How long a fetch of a job's log waits. SQLFlow's driver gets an empty unfinished frame after each
 * heartbeat of silence, which keeps its HTTP exchange short and lets it notice a cancel; phoenixdb
 * and the Go client take such a frame for an error, so theirs waits, heartbeat after heartbeat,
 * until a row arrives or the job ends.
 */
final class LogWait {
  private LogWait() {}

  static LogChunk read(
      LogSource job, long offset, int maxRows, Duration heartbeat, WireFormat format)
      throws InterruptedException {
    LogChunk chunk = job.read(offset, maxRows, heartbeat);
    while (format == WireFormat.PORTABLE && chunk.rows().isEmpty() && !chunk.done()) {
      chunk = job.read(offset, maxRows, heartbeat);
    }
    return chunk;
  }
}
