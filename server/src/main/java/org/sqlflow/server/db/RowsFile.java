package org.sqlflow.server.db;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The SELECT's own row values, kept beside a feed so a result table receives exactly what the
 * SELECT returned (an id stays a BIGINT, a DECIMAL keeps its digits) rather than float64 copies. A
 * private format: per cell a null flag, then a long, double, boolean or UTF-8 text chosen by the
 * column's JDBC type.
 */
public final class RowsFile {
  private RowsFile() {}

  /** How one column's values are kept and written back. */
  public enum Kind {
    LONG,
    DOUBLE,
    BOOLEAN,
    TEXT,
    /** Binary values (an explanation's PNG plot); SELECT columns are not read as bytes. */
    BYTES;

    public static Kind forJdbcType(int jdbcType) {
      return switch (jdbcType) {
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> LONG;
        case Types.FLOAT, Types.REAL, Types.DOUBLE -> DOUBLE;
        case Types.BOOLEAN -> BOOLEAN;
        default -> TEXT;
      };
    }
  }

  public static Writer writer(Path file, List<SourceColumn> columns) throws IOException {
    return new Writer(file, kinds(columns));
  }

  /** Opens a rows file written for {@code columns}; the caller closes it. */
  public static Reader reader(Path file, List<SourceColumn> columns) throws IOException {
    return new Reader(file, kinds(columns));
  }

  private static Kind[] kinds(List<SourceColumn> columns) {
    return columns.stream().map(c -> Kind.forJdbcType(c.jdbcType())).toArray(Kind[]::new);
  }

  public static final class Writer implements AutoCloseable {
    private final DataOutputStream out;
    private final Kind[] kinds;

    private Writer(Path file, Kind[] kinds) throws IOException {
      this.out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      this.kinds = kinds;
    }

    public void append(ResultSet rows) throws SQLException, IOException {
      for (int i = 0; i < kinds.length; i++) {
        int index = i + 1;
        switch (kinds[i]) {
          case LONG -> {
            long value = rows.getLong(index);
            writeNullFlag(rows.wasNull());
            if (!rows.wasNull()) {
              out.writeLong(value);
            }
          }
          case DOUBLE -> {
            double value = rows.getDouble(index);
            writeNullFlag(rows.wasNull());
            if (!rows.wasNull()) {
              out.writeDouble(value);
            }
          }
          case BOOLEAN -> {
            boolean value = rows.getBoolean(index);
            writeNullFlag(rows.wasNull());
            if (!rows.wasNull()) {
              out.writeBoolean(value);
            }
          }
          case TEXT -> {
            String value = rows.getString(index);
            writeNullFlag(value == null);
            if (value != null) {
              byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
              out.writeInt(bytes.length);
              out.write(bytes);
            }
          }
          case BYTES -> {
            byte[] value = rows.getBytes(index);
            writeNullFlag(value == null);
            if (value != null) {
              out.writeInt(value.length);
              out.write(value);
            }
          }
        }
      }
    }

    private void writeNullFlag(boolean isNull) throws IOException {
      out.writeBoolean(isNull);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * Reads rows back as {@code Long}, {@code Double}, {@code Boolean}, {@code String}, {@code
   * byte[]} or null.
   */
  public static final class Reader implements AutoCloseable {
    private final DataInputStream in;
    private final Kind[] kinds;

    private Reader(Path file, Kind[] kinds) throws IOException {
      this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      this.kinds = kinds;
    }

    public List<Kind> kinds() {
      return List.of(kinds);
    }

    /** The next row's values, or null after the last row. */
    public Object[] next() throws IOException {
      Object[] row = new Object[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        int flag = in.read();
        if (flag < 0) {
          if (i == 0) {
            return null;
          }
          throw new EOFException("rows file ends inside a row");
        }
        if (flag == 1) {
          continue;
        }
        row[i] =
            switch (kinds[i]) {
              case LONG -> in.readLong();
              case DOUBLE -> in.readDouble();
              case BOOLEAN -> in.readBoolean();
              case TEXT -> {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                yield new String(bytes, StandardCharsets.UTF_8);
              }
              case BYTES -> {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                yield bytes;
              }
            };
      }
      return row;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
