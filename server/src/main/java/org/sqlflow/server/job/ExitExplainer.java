package org.sqlflow.server.job;

/**
 * Says in one line why a program failed, from the tail of its stderr and its exit status. The job
 * engine runs any program; what a failure of a particular runtime looks like (a Python traceback)
 * is that runtime's to read.
 */
@FunctionalInterface
public interface ExitExplainer {
  int MAX_CAUSE_LENGTH = 500;

  /** Any program: the exit status and the last line it wrote to stderr. */
  ExitExplainer LAST_LINE = ExitExplainer::statusAndLastLine;

  String causeOf(String stderrTail, int exitStatus);

  static String statusAndLastLine(String stderrTail, int exitStatus) {
    String cause = "program exited with status " + exitStatus;
    String[] lines = stderrTail.split("\r\n|\r|\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return cause + ": " + shorten(lines[i].strip());
      }
    }
    return cause;
  }

  /** A line cut to {@link #MAX_CAUSE_LENGTH}, so a failure message stays readable. */
  static String shorten(String line) {
    return line.length() <= MAX_CAUSE_LENGTH ? line : line.substring(0, MAX_CAUSE_LENGTH) + "...";
  }
}
