package org.sqlflow.server.job.ray;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a Ray job's log as the runtime's {@code sqlflow_runtime.ray_job} wrapper frames it: each of
 * the program's lines starts with this job's marker and a kind (O stdout, E stderr, F a piece of
 * the outputs zip in base64, X the exit status). Ray's own lines carry no marker and are skipped.
 * The log is fed as it grows; only whole lines are read. The stdout lines are counted, so a server
 * that takes a job over can skip those its log already has.
 */
final class FramedLog {
  private static final int STDERR_LINES = 200;

  private final String marker;
  private final Consumer<String> stdoutLines;
  private final Deque<String> stderrTail = new ArrayDeque<>();
  private final StringBuilder outputs = new StringBuilder();
  private int consumed;
  private long stdoutToSkip;
  private Integer exitStatus;

  FramedLog(String marker, Consumer<String> stdoutLines) {
    this(marker, stdoutLines, 0);
  }

  /**
   * A log whose first {@code stdoutToSkip} stdout lines are not passed on: they reached the job's
   * log before (a server that stopped stored them).
   */
  FramedLog(String marker, Consumer<String> stdoutLines, long stdoutToSkip) {
    this.marker = requireNonNull(marker, "marker");
    this.stdoutLines = requireNonNull(stdoutLines, "stdoutLines");
    if (stdoutToSkip < 0) {
      throw new IllegalArgumentException("stdoutToSkip must not be negative: " + stdoutToSkip);
    }
    this.stdoutToSkip = stdoutToSkip;
  }

  /**
   * Reads the lines of {@code log} (the whole log so far; it only grows) that were not read before.
   */
  void update(String log) {
    if (log.length() < consumed) {
      return; // not this log any more; nothing sensible to read
    }
    int end = log.lastIndexOf('\n') + 1;
    if (end <= consumed) {
      return;
    }
    for (String line : log.substring(consumed, end).split("\n", -1)) {
      readLine(line);
    }
    consumed = end;
  }

  private void readLine(String line) {
    if (!line.startsWith(marker) || line.length() < marker.length() + 2) {
      return;
    }
    char kind = line.charAt(marker.length());
    String text = line.substring(marker.length() + 2);
    switch (kind) {
      case 'O' -> {
        if (stdoutToSkip > 0) {
          stdoutToSkip--;
        } else {
          stdoutLines.accept(text);
        }
      }
      case 'E' -> {
        stderrTail.addLast(text);
        if (stderrTail.size() > STDERR_LINES) {
          stderrTail.removeFirst();
        }
      }
      case 'F' -> outputs.append(text);
      case 'X' -> exitStatus = parseStatus(text);
      default -> {
        // A kind this server does not know: a newer runtime; nothing to do with it.
      }
    }
  }

  private static Integer parseStatus(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The program's exit status, once the wrapper reported it. */
  Optional<Integer> exitStatus() {
    return Optional.ofNullable(exitStatus);
  }

  /** The last lines the program wrote to stderr. */
  String stderr() {
    return String.join("\n", stderrTail);
  }

  /** The zip of the files the program wrote (empty until the program ended well). */
  byte[] outputs() {
    return Base64.getDecoder().decode(outputs.toString());
  }
}
