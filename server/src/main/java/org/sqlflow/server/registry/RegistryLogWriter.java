package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.job.JobListener;
import org.sqlflow.server.job.JobState;

/**
 * Copies detached jobs' log rows and states into the registry in batches, on a thread of its own: a
 * job's pump thread only adds to a queue, so the live stream keeps its pace whatever the
 * database's. Within a batch a job's start is written before the rows and its end after them: a
 * reader that finds a row finds its job RUNNING, and one that sees a job ended finds all its rows.
 * A batch the database refuses stays queued and is tried again.
 */
final class RegistryLogWriter implements JobListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryLogWriter.class);

  /** What is written after the rows of its batch: a new state, or where the program runs. */
  private sealed interface Change permits StateChange, Placement {}

  private record StateChange(long jobId, JobState state, Optional<String> failure, long at)
      implements Change {}

  private record Placement(long jobId, String placement) implements Change {}

  private final JobRegistry registry;
  private final Duration every;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean closing;

  // Only the writer thread touches these: what a failed round could not write.
  private final List<LogRow> pendingRows = new ArrayList<>();
  private final List<Change> pendingChanges = new ArrayList<>();

  RegistryLogWriter(JobRegistry registry, Duration every) {
    this.registry = requireNonNull(registry, "registry");
    this.every = requireNonNull(every, "every");
    thread = new Thread(this::loop, "sqlflow-registry-writer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void appended(long jobId, long row, String text) {
    queue.add(new LogRow(jobId, row, text));
  }

  @Override
  public void changed(long jobId, JobState state, Optional<String> failure) {
    queue.add(new StateChange(jobId, state, failure, System.currentTimeMillis()));
  }

  /**
   * Queued after the rows logged before the program started, so a stored placement means those rows
   * are stored: a server that takes the job over knows where its program's lines begin.
   */
  @Override
  public void placed(long jobId, String placement) {
    queue.add(new Placement(jobId, placement));
  }

  private void loop() {
    while (!closing) {
      LockSupport.parkNanos(every.toNanos());
      writeQueued();
    }
  }

  /** One round: everything queued so far, rows first. Returns whether all of it was written. */
  private boolean writeQueued() {
    for (Object event = queue.poll(); event != null; event = queue.poll()) {
      if (event instanceof LogRow row) {
        pendingRows.add(row);
      } else {
        pendingChanges.add((Change) event);
      }
    }
    try {
      writeChanges(true);
      registry.appendRows(pendingRows);
      pendingRows.clear();
      writeChanges(false);
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "cannot write {} log rows and {} job changes to the job registry; trying again: {}",
          pendingRows.size(),
          pendingChanges.size(),
          e.toString());
      return false;
    }
  }

  /**
   * Writes the pending changes that go before the rows ({@code beforeRows}: moves to a state that
   * is not final) or the rest, in the order they came.
   */
  private void writeChanges(boolean beforeRows) throws SQLException {
    for (var pending = pendingChanges.iterator(); pending.hasNext(); ) {
      Change change = pending.next();
      boolean start = change instanceof StateChange state && !state.state().isFinal();
      if (start != beforeRows) {
        continue;
      }
      if (change instanceof StateChange state) {
        registry.changeState(state.jobId(), state.state(), state.failure(), state.at());
      } else if (change instanceof Placement placement) {
        registry.place(placement.jobId(), placement.placement());
      }
      pending.remove();
    }
  }

  /** Writes what is queued (trying for a few seconds) and stops the thread. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!writeQueued() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(every.toNanos());
    }
  }
}
