package org.sqlflow.server.job;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits of the job engine.
 *
 * @param maxConcurrentJobs jobs running at once; more wait in submit order
 * @param idleTimeout a running job whose log nobody has read for this long is cancelled
 * @param memoryRows log rows kept in memory per job; older rows go to a spill file
 * @param workRoot where job work directories and spill files are created
 * @param killGrace how long a program gets after SIGTERM before SIGKILL
 * @param retention how long an ended job stays listed after it ended or was last read
 */
public record JobConfig(
    int maxConcurrentJobs,
    Duration idleTimeout,
    int memoryRows,
    Path workRoot,
    Duration killGrace,
    Duration retention) {

  public JobConfig {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("maxConcurrentJobs must be at least 1");
    }
    if (memoryRows < 2) {
      throw new IllegalArgumentException("memoryRows must be at least 2");
    }
    requirePositive(idleTimeout, "idleTimeout");
    requireNonNull(workRoot, "workRoot");
    requireNonNull(killGrace, "killGrace");
    if (killGrace.isNegative()) {
      throw new IllegalArgumentException("killGrace must not be negative");
    }
    requirePositive(retention, "retention");
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
