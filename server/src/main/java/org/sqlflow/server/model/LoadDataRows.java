package org.sqlflow.server.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
  private final ByteArrayOutputStream buffer;
  private int rows;

  LoadDataRows(List<TableColumn> columns, int initialBytes) {
    this.kinds = columns.stream().map(TableColumn::kind).toArray(RowsFile.Kind[]::new);
    for (RowsFile.Kind kind : kinds) {
      if (kind == RowsFile.Kind.BYTES) {
        throw new IllegalArgumentException("LOAD DATA rows do not carry byte columns");
      }
    }
    this.buffer = new ByteArrayOutputStream(initialBytes);
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
        buffer.write('\t');
      }
      Object value = row[i];
      if (value == null) {
        buffer.write('\\');
        buffer.write('N');
        continue;
      }
      switch (kinds[i]) {
        case LONG -> ascii(Long.toString(((Number) value).longValue()));
        case DOUBLE -> ascii(finite(((Number) value).doubleValue()));
        case BOOLEAN -> buffer.write((Boolean) value ? '1' : '0');
        case TEXT -> text(value.toString());
        case BYTES -> throw new IllegalStateException("byte columns are refused at construction");
      }
    }
    buffer.write('\n');
    rows++;
  }

  private static String finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a DOUBLE column cannot hold " + value);
    }
    return Double.toString(value);
  }

  private void ascii(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      buffer.write(digits.charAt(i));
    }
  }

  private void text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      switch (b) {
        case '\\' -> escaped('\\');
        case '\t' -> escaped('t');
        case '\n' -> escaped('n');
        case '\r' -> escaped('r');
        case 0 -> escaped('0');
        default -> buffer.write(b);
      }
    }
  }

  private void escaped(char c) {
    buffer.write('\\');
    buffer.write(c);
  }

  int rows() {
    return rows;
  }

  int bytes() {
    return buffer.size();
  }

  /** The rendered rows as a stream; {@link #clear()} may be called once it has been read. */
  InputStream stream() {
    return new ByteArrayInputStream(buffer.toByteArray());
  }

  void clear() {
    buffer.reset();
    rows = 0;
  }
}
