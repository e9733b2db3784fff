package org.sqlflow.server.model;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.sqlflow.server.db.RowsFile;

/**
 * Renders rows in the text format MySQL's {@code LOAD DATA ... FIELDS TERMINATED BY '\t' ESCAPED BY
 * '\\' LINES TERMINATED BY '\n'} reads: cells separated by tabs, NULL as {@code \N}, and in text
 * the escape character, tab, newline, carriage return and NUL escaped, so that no value can end a
 * cell or a row early or turn into NULL. Only values the server typed itself arrive here (longs,
 * doubles, booleans, text); byte columns are not rendered (the writer inserts those).
 */
final class LoadDataRows {
  private final RowsFile.Kind[] kinds;

  /**
   * The rendered bytes. Not a ByteArrayOutputStream: its every one-byte write takes a lock, which
   * cost as much as the rest of the rendering.
   */
  private byte[] buffer;

  private int length;
  private int rows;

  LoadDataRows(List<TableColumn> columns, int initialBytes) {
    this.kinds = columns.stream().map(TableColumn::kind).toArray(RowsFile.Kind[]::new);
    for (RowsFile.Kind kind : kinds) {
      if (kind == RowsFile.Kind.BYTES) {
        throw new IllegalArgumentException("LOAD DATA rows do not carry byte columns");
      }
    }
    this.buffer = new byte[Math.max(initialBytes, 64)];
  }

  /** Whether a table of these columns can be loaded this way. */
  static boolean canRender(List<TableColumn> columns) {
    return columns.stream().noneMatch(c -> c.kind() == RowsFile.Kind.BYTES);
  }

  void append(Object[] row) {
    if (row.length != kinds.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values for " + kinds.length + " columns");
    }
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        write('\t');
      }
      Object value = row[i];
      if (value == null) {
        write('\\');
        write('N');
        continue;
      }
      switch (kinds[i]) {
        case LONG -> ascii(Long.toString(((Number) value).longValue()));
        case DOUBLE -> ascii(finite(((Number) value).doubleValue()));
        case BOOLEAN -> write((Boolean) value ? '1' : '0');
        case TEXT -> text(value.toString());
        case BYTES -> throw new IllegalStateException("byte columns are refused at construction");
      }
    }
    write('\n');
    rows++;
  }

  private static String finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a DOUBLE column cannot hold " + value);
    }
    return Double.toString(value);
  }

  private void ascii(String digits) {
    int n = digits.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buffer[length++] = (byte) digits.charAt(i);
    }
  }

  private void text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    ensure(2 * bytes.length);
    for (byte b : bytes) {
      switch (b) {
        case '\\' -> escaped('\\');
        case '\t' -> escaped('t');
        case '\n' -> escaped('n');
        case '\r' -> escaped('r');
        case 0 -> escaped('0');
        default -> write(b);
      }
    }
  }

  private void escaped(char c) {
    write('\\');
    write(c);
  }

  private void write(int b) {
    if (length == buffer.length) {
      ensure(1);
    }
    buffer[length++] = (byte) b;
  }

  private void ensure(int more) {
    if (length + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
    }
  }

  int rows() {
    return rows;
  }

  int bytes() {
    return length;
  }

  /**
   * The rendered rows as a stream over the buffer itself; nothing may be appended and {@link
   * #clear()} not be called until it has been read.
   */
  InputStream stream() {
    return new ByteArrayInputStream(buffer, 0, length);
  }

  void clear() {
    length = 0;
    rows = 0;
  }
}
