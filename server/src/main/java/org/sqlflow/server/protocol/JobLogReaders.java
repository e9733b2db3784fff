package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.sqlflow.server.job.LogChunk;
import org.sqlflow.server.job.LogSource;

/**
 * The statements that read a job's log with SHOW JOB LOG, and what each reads. Closing or
 * cancelling such a statement stops its reading only: the job is not the statement's.
 */
final class JobLogReaders {
  private record Key(String connectionId, int statementId) {}

  /** A log read from row {@code first} (offset 0 of the statement's result is that row). */
  private static final class Reader implements LogSource {
    private final LogSource log;
    private final long first;
    private final long jobId;
    private volatile boolean cancelled;

    Reader(LogSource log, long first, long jobId) {
      this.log = log;
      this.first = first;
      this.jobId = jobId;
    }

    @Override
    public LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException {
      if (cancelled) {
        throw new ReadingCancelledException(jobId);
      }
      LogChunk chunk = log.read(first + offset, maxRows, wait);
      return new LogChunk(offset, chunk.rows(), chunk.done(), chunk.failure());
    }

    @Override
    public boolean wasCancelled() {
      return log.wasCancelled();
    }
  }

  /** The client cancelled its SHOW JOB LOG; the job goes on. */
  static final class ReadingCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReadingCancelledException(long jobId) {
      super("reading the log of job " + jobId + " was cancelled; the job goes on");
    }
  }

  private final ConcurrentMap<Key, Reader> readers = new ConcurrentHashMap<>();

  /** The statement now reads {@code log} of job {@code jobId} from offset {@code first}. */
  void reading(String connectionId, int statementId, LogSource log, long first, long jobId) {
    readers.put(new Key(connectionId, statementId), new Reader(requireNonNull(log), first, jobId));
  }

  Optional<LogSource> find(String connectionId, int statementId) {
    return Optional.ofNullable(readers.get(new Key(connectionId, statementId)));
  }

  /** Stops the statement's reading; returns whether it was reading. */
  boolean cancel(String connectionId, int statementId) {
    Reader reader = readers.get(new Key(connectionId, statementId));
    if (reader != null) {
      reader.cancelled = true;
    }
    return reader != null;
  }

  void statementClosed(String connectionId, int statementId) {
    readers.remove(new Key(connectionId, statementId));
  }

  void connectionClosed(String connectionId) {
    readers.keySet().removeIf(key -> key.connectionId().equals(connectionId));
  }
}
