package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;

/**
 * The last {@value #CAPACITY} bytes a program wrote to stderr: enough to explain a failure, bounded
 * however much it writes.
 */
final class StderrTail {
  static final int CAPACITY = 64 * 1024;

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
}
