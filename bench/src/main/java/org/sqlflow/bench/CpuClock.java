package org.sqlflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU seconds a process has used (user + system, from Linux's {@code /proc/<pid>/stat}): on a
 * machine whose cores other jobs share, the CPU a side spends is steadier than its wall time. Reads
 * -1 where {@code /proc} is not there.
 */
final class CpuClock {
  /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux we run. */
  private static final double TICKS = 100.0;

  private final long pid;

  private CpuClock(long pid) {
    this.pid = pid;
  }

  static CpuClock ofThisJvm() {
    return new CpuClock(ProcessHandle.current().pid());
  }

  static CpuClock ofProcess(long pid) {
    return new CpuClock(pid);
  }

  /** The database server on this machine, if its process is visible. */
  static Optional<CpuClock> ofDatabase() {
    return ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .command()
                    .map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld"))
                    .orElse(false))
        .findFirst()
        .map(p -> new CpuClock(p.pid()));
  }

  /** CPU seconds so far, or -1. */
  double seconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command, which is in parentheses and may hold spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
