package org.sqlflow.server.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A started program and every process it started. When the program was started through {@code
 * setsid} it leads its own process group, and the group (read from {@code /proc}) also finds
 * descendants whose parent already died; {@link ProcessHandle#descendants()} finds those that left
 * the group while their parent lives.
 */
final class ProcessTree {
  private static final Path PROC = Path.of("/proc");
  private static final Optional<Path> SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .map(Path::of)
          .filter(Files::isExecutable)
          .findFirst();
  private static final Duration FORCED_EXIT_WAIT = Duration.ofMillis(500);

  private final long rootPid;
  private final boolean ownGroup;

  ProcessTree(long rootPid, boolean ownGroup) {
    this.rootPid = rootPid;
    this.ownGroup = ownGroup;
  }

  /**
   * The command to start so the program leads a new process group; as is where that cannot be done
   * (no setsid or no /proc to find the group again).
   */
  static List<String> inOwnGroup(List<String> command) {
    if (SETSID.isEmpty() || !Files.isDirectory(PROC)) {
      return List.copyOf(command);
    }
    return Stream.concat(Stream.of(SETSID.get().toString()), command.stream()).toList();
  }

  static boolean groupsSupported() {
    return SETSID.isPresent() && Files.isDirectory(PROC);
  }

  /** Live processes of the tree, the root included while it lives. */
  Set<ProcessHandle> members() {
    Set<ProcessHandle> members = new HashSet<>();
    ProcessHandle.of(rootPid)
        .ifPresent(
            root -> {
              members.add(root);
              root.descendants().forEach(members::add);
            });
    if (ownGroup) {
      ProcessHandle.allProcesses()
          .filter(p -> processGroup(p.pid()) == rootPid)
          .forEach(members::add);
    }
    return members.stream().filter(ProcessTree::running).collect(Collectors.toSet());
  }

  /**
   * Stops every process of the tree: SIGTERM, then SIGKILL to whatever is left after {@code grace}.
   * Returns the processes still running at the end (normally none).
   */
  Set<ProcessHandle> terminate(Duration grace) {
    Set<ProcessHandle> seen = members();
    seen.forEach(ProcessHandle::destroy);
    if (!grace.isZero()) {
      awaitExit(seen, grace);
    }
    seen.addAll(members());
    // Children forked during the grace period are found by the second scan; kill until none.
    for (int round = 0; round < 3; round++) {
      seen.removeIf(p -> !running(p));
      if (seen.isEmpty()) {
        return Set.of();
      }
      seen.forEach(ProcessHandle::destroyForcibly);
      awaitExit(seen, FORCED_EXIT_WAIT);
      seen.addAll(members());
    }
    seen.removeIf(p -> !running(p));
    return seen;
  }

  /** Whether the process exists and is not a zombie waiting for its parent to reap it. */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    return procStat(process.pid()).map(stat -> stat.state() != 'Z').orElse(true);
  }

  private static boolean awaitExit(Set<ProcessHandle> processes, Duration timeout) {
    CompletableFuture<?>[] exits =
        processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      // Zombies never "exit" for a non-parent: check what is still really running.
      return processes.stream().noneMatch(ProcessTree::running);
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static long processGroup(long pid) {
    return procStat(pid).map(ProcStat::processGroup).orElse(-1L);
  }

  private record ProcStat(char state, long processGroup) {}

  /** Fields 3 and 5 of /proc/PID/stat; the command name before them may hold spaces or ')'. */
  private static Optional<ProcStat> procStat(long pid) {
    String stat;
    try {
      stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(close + 1).trim().split(" ");
    if (fields.length < 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcStat(fields[0].charAt(0), Long.parseLong(fields[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
