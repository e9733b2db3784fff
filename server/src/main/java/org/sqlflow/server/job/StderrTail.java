package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;

/**
 * The last {@value #CAPACITY} bytes a program wrote to stderr: enough to explain a failure,
 * bounded however much it writes.
 */
final class StderrTail {
  static final int CAPACITY = 64 * 1024;
  private static final int MAX_CAUSE_LENGTH = 500;
  private static final String TRACEBACK = "Traceback (most recent call last):";

  private final byte[] ring = new byte[CAPACITY];
  private long written;

  /** Reads {@code in} to its end, keeping its tail. */
  void pump(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      write(buffer, n);
    }
  }

  synchronized void write(byte[] bytes, int count) {
    for (int i = 0; i < count; i++) {
      ring[(int) (written++ % CAPACITY)] = bytes[i];
    }
  }

  /** The kept text; when the start was cut off, it begins at the first whole line. */
  synchronized String text() {
    if (written <= CAPACITY) {
      return new String(ring, 0, (int) written, UTF_8);
    }
    int start = (int) (written % CAPACITY);
    byte[] ordered = new byte[CAPACITY];
    System.arraycopy(ring, start, ordered, 0, CAPACITY - start);
    System.arraycopy(ring, 0, ordered, CAPACITY - start, start);
    String text = new String(ordered, UTF_8);
    int newline = text.indexOf('\n');
    return newline >= 0 ? text.substring(newline + 1) : text;
  }

  /**
   * One line saying why a program failed: the exception line of the last Python traceback in
   * {@code stderr} if there is one, otherwise the exit status and the last stderr line.
   */
  static String causeOf(String stderr, int exitStatus) {
    String[] lines = stderr.split("\r\n|\r|\n");
    int traceback = -1;
    for (int i = lines.length - 1; i >= 0 && traceback < 0; i--) {
      if (lines[i].strip().equals(TRACEBACK)) {
        traceback = i;
      }
    }
    if (traceback >= 0) {
      // Frames are indented; the exception line is the first line after them that is not.
      for (int i = traceback + 1; i < lines.length; i++) {
        String line = lines[i];
        if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
          return shorten(line.strip());
        }
      }
    }
    String cause = "program exited with status " + exitStatus;
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return cause + ": " + shorten(lines[i].strip());
      }
    }
    return cause;
  }

  private static String shorten(String line) {
    return line.length() <= MAX_CAUSE_LENGTH ? line : line.substring(0, MAX_CAUSE_LENGTH) + "...";
  }
}
