package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows a job prints, readable from any offset while the job runs and after it ended. The newest
 * rows stay in memory; once there are more than {@code memoryRows} of them the older half moves to
 * a {@link SpillFile}, so memory stays bounded and no row is ever dropped. The writer never waits
 * for readers; readers waiting for rows are woken by every append.
 */
final class JobLog {
  static final int DEFAULT_MAX_ROWS = 100;
  private static final Logger LOG = LoggerFactory.getLogger(JobLog.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final int memoryRows;
  private final Path spillDirectory;
  private final String spillPrefix;

  // Guarded by lock. Rows [0, spilled) are in the spill file, [spilled, size) in memory.
  private final ArrayList<String> memory = new ArrayList<>();
  private SpillFile spill;
  private long spilled;
  private boolean ended;
  private String failure;
  private boolean discarded;
  private int activeReaders;
  private long lastReadNanos = System.nanoTime();

  JobLog(int memoryRows, Path spillDirectory, String spillPrefix) {
    if (memoryRows < 2) {
      throw new IllegalArgumentException("memoryRows must be at least 2");
    }
    this.memoryRows = memoryRows;
    this.spillDirectory = requireNonNull(spillDirectory, "spillDirectory");
    this.spillPrefix = requireNonNull(spillPrefix, "spillPrefix");
  }

  /**
   * Adds a row and returns its number (from 0); rows after the end or after discard are ignored (a
   * late pump thread), which returns -1.
   */
  long append(String row) {
    requireNonNull(row, "row");
    lock.lock();
    try {
      if (ended || discarded) {
        LOG.debug("ignoring a row after the log ended: {}", row);
        return -1;
      }
      memory.add(row);
      long number = spilled + memory.size() - 1;
      if (memory.size() > memoryRows) {
        spillOldest();
      }
      changed.signalAll();
      return number;
    } finally {
      lock.unlock();
    }
  }

  /** Marks the end; {@code failure} is what readers reaching the end are told, if anything. */
  void end(Optional<String> failure) {
    lock.lock();
    try {
      if (!ended) {
        ended = true;
        this.failure = failure.orElse(null);
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Rows from {@code offset}: at once if there are any, else after waiting up to {@code wait} for
   * the first new row or the end.
   */
  LogChunk read(long offset, int maxRows, Duration wait) throws InterruptedException {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    requireNonNull(wait, "wait");
    int limit = maxRows <= 0 ? DEFAULT_MAX_ROWS : maxRows;
    long first;
    int fromSpill;
    List<String> fromMemory;
    boolean done;
    Optional<String> failureSeen;
    SpillFile spillSeen;
    lock.lockInterruptibly();
    activeReaders++;
    lastReadNanos = System.nanoTime();
    try {
      long remaining = wait.isNegative() ? 0 : wait.toNanos();
      while (!discarded && !ended && size() <= offset && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
      if (discarded) {
        throw new IllegalStateException("the log was discarded");
      }
      long size = size();
      if (offset > size && ended) {
        throw new IllegalArgumentException(
            "offset " + offset + " is beyond the end of the log (" + size + " rows)");
      }
      first = offset;
      long end = Math.min(size, offset + limit);
      long last = Math.max(first, end);
      fromSpill = (int) Math.max(0, Math.min(last, spilled) - first);
      long memoryFrom = Math.max(first, spilled);
      fromMemory =
          memoryFrom < last
              ? List.copyOf(memory.subList((int) (memoryFrom - spilled), (int) (last - spilled)))
              : List.of();
      done = ended && last == size;
      failureSeen = done ? Optional.ofNullable(failure) : Optional.empty();
      spillSeen = spill;
    } finally {
      activeReaders--;
      lastReadNanos = System.nanoTime();
      lock.unlock();
    }
    if (fromSpill == 0) {
      return new LogChunk(offset, fromMemory, done, failureSeen);
    }
    // Spilled rows never change, so they are read without holding the lock.
    List<String> rows = new ArrayList<>(fromSpill + fromMemory.size());
    try {
      rows.addAll(spillSeen.read(first, fromSpill));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spilled log rows", e);
    }
    rows.addAll(fromMemory);
    return new LogChunk(offset, rows, done, failureSeen);
  }

  long size() {
    lock.lock();
    try {
      return spilled + memory.size();
    } finally {
      lock.unlock();
    }
  }

  /** The newest row, if any. */
  Optional<String> lastRow() {
    lock.lock();
    try {
      return memory.isEmpty() ? Optional.empty() : Optional.of(memory.get(memory.size() - 1));
    } finally {
      lock.unlock();
    }
  }

  /** Whether nobody is reading now and nobody has read for at least {@code idle}. */
  boolean unreadFor(Duration idle) {
    lock.lock();
    try {
      return activeReaders == 0 && System.nanoTime() - lastReadNanos >= idle.toNanos();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets all rows and deletes the spill file; later reads fail, later appends are ignored. */
  void discard() {
    lock.lock();
    try {
      discarded = true;
      memory.clear();
      memory.trimToSize();
      changed.signalAll();
      if (spill != null) {
        try {
          spill.close();
        } catch (IOException e) {
          LOG.warn("cannot delete spill file {}", spill.path(), e);
        }
        spill = null;
      }
    } finally {
      lock.unlock();
    }
  }

  int rowsInMemory() {
    lock.lock();
    try {
      return memory.size();
    } finally {
      lock.unlock();
    }
  }

  Optional<Path> spillPath() {
    lock.lock();
    try {
      return Optional.ofNullable(spill).map(SpillFile::path);
    } finally {
      lock.unlock();
    }
  }

  private void spillOldest() {
    int count = memory.size() - memoryRows / 2;
    List<String> oldest = memory.subList(0, count);
    try {
      if (spill == null) {
        Files.createDirectories(spillDirectory);
        spill = new SpillFile(Files.createTempFile(spillDirectory, spillPrefix, ".rows"));
      }
      spill.append(oldest);
    } catch (IOException e) {
      // Keeping the rows in memory breaks the bound but loses nothing; try again next time.
      LOG.error("cannot spill log rows to {}; keeping them in memory", spillDirectory, e);
      return;
    }
    oldest.clear();
    spilled += count;
  }
}
