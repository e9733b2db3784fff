package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns a program's output bytes into UTF-8 lines as soon as each line is complete. A line ends at
 * {@code \n}, {@code \r\n} or a lone {@code \r}; a last line without terminator is delivered at the
 * end. A line longer than {@value #MAX_LINE_BYTES} bytes is delivered in pieces, cut between
 * characters, so a program that never prints a newline cannot exhaust memory.
 */
final class LineSplitter {
  static final int MAX_LINE_BYTES = 64 * 1024;

  private final Consumer<String> sink;
  private byte[] line = new byte[256];
  private int length;
  private boolean afterCarriageReturn;

  LineSplitter(Consumer<String> sink) {
    this.sink = requireNonNull(sink, "sink");
  }

  /** Reads {@code in} to its end, delivering every line. */
  void pump(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      feed(buffer, 0, n);
    }
    finish();
  }

  void feed(byte[] bytes, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        if (!afterCarriageReturn) {
          emit(length);
        }
        afterCarriageReturn = false;
      } else if (b == '\r') {
        emit(length);
        afterCarriageReturn = true;
      } else {
        afterCarriageReturn = false;
        add(b);
      }
    }
  }

  /** Delivers a last line that had no terminator. */
  void finish() {
    if (length > 0) {
      emit(length);
    }
  }

  private void add(byte b) {
    if (length == MAX_LINE_BYTES) {
      emit(characterBoundary());
    }
    if (length == line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
    }
    line[length++] = b;
  }

  /** The longest prefix of the pending bytes that does not end inside a UTF-8 sequence. */
  private int characterBoundary() {
    for (int back = 1; back <= 4 && back <= length; back++) {
      int lead = line[length - back] & 0xff;
      if ((lead & 0xc0) != 0x80) {
        int needed = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        return needed > back ? length - back : length;
      }
    }
    return length;
  }

  private void emit(int count) {
    String text = new String(line, 0, count, UTF_8);
    int rest = length - count;
    System.arraycopy(line, count, line, 0, rest);
    length = rest;
    sink.accept(text);
  }
}
