package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.sqlflow.wire.PackedRows;

/**
 * A database result as one client reads it: its columns described in the client's {@link
 * WireFormat} and its rows read into values of matching representations. Replaces Avatica's own
 * frame reader, which reads by JDBC type id and so loses unsigned integers (TINYINT UNSIGNED 255
 * fails, NULL becomes 0), sends FLOAT as raw bits that only Java decodes and truncates times to
 * milliseconds.
 */
final class ResultEncoding {
  /**
   * A packed frame holds the rows the client asked for, and more while it is smaller than this:
   * each HTTP exchange costs about as much as a few hundred rows, and the client reads the next
   * frame while its application reads this one.
   */
  static final int PACKED_FRAME_BYTES = 512 * 1024;

  private final WireFormat format;
  private final boolean packed;
  private final List<ColumnEncoding> columns;

  private ResultEncoding(WireFormat format, boolean packed, List<ColumnEncoding> columns) {
    this.format = requireNonNull(format, "format");
    this.packed = packed;
    this.columns = List.copyOf(columns);
  }

  /**
   * The encoding of a result described by the database driver's column metadata, in frames of
   * {@link PackedRows} when {@code packed} (which only SQLFlow's driver asks for).
   */
  static ResultEncoding of(
      List<ColumnMetaData> databaseColumns, WireFormat format, boolean packed) {
    List<ColumnEncoding> columns = new ArrayList<>(databaseColumns.size());
    for (ColumnMetaData column : databaseColumns) {
      columns.add(ColumnEncoding.of(column, format));
    }
    return new ResultEncoding(format, packed, columns);
  }

  /** Whether its frames are {@link PackedRows}. */
  boolean isPacked() {
    return packed;
  }

  /** The same columns in packed frames, as a spill file keeps them whatever the client reads. */
  ResultEncoding packed() {
    return packed ? this : new ResultEncoding(format, true, columns);
  }

  /** A signature whose columns are described for the client; parameters stay as they are. */
  Meta.Signature signature(Meta.Signature databaseSignature) {
    List<ColumnMetaData> wire = new ArrayList<>(columns.size());
    for (ColumnEncoding column : columns) {
      wire.add(column.wire());
    }
    return new Meta.Signature(
        wire,
        databaseSignature.sql,
        parameters(databaseSignature),
        databaseSignature.internalParameters,
        // Field names only survive the trip in a MAP cursor factory; the driver reads the marker
        // and then reads the rows as lists (see PackedRows.MARKER).
        packed
            ? Meta.CursorFactory.map(List.of(PackedRows.MARKER))
            : databaseSignature.cursorFactory,
        databaseSignature.statementType);
  }

  /**
   * MySQL does not know a parameter's type before it is bound, and Connector/J says NULL. phoenixdb
   * binds each value by the type announced here and cannot bind one of type NULL, so such
   * parameters are announced as text, which MySQL converts wherever a number or a date is needed.
   * SQLFlow's driver binds by the value's own type and ignores this.
   */
  private List<AvaticaParameter> parameters(Meta.Signature databaseSignature) {
    if (format == WireFormat.EXACT || databaseSignature.parameters == null) {
      return databaseSignature.parameters;
    }
    List<AvaticaParameter> parameters = new ArrayList<>();
    for (AvaticaParameter p : databaseSignature.parameters) {
      boolean unknown = p.parameterType == Types.NULL || p.parameterType == Types.OTHER;
      parameters.add(
          unknown
              ? new AvaticaParameter(
                  false,
                  p.precision,
                  p.scale,
                  Types.VARCHAR,
                  "VARCHAR",
                  String.class.getName(),
                  p.name)
              : p);
    }
    return parameters;
  }

  /**
   * Up to {@code maxRows} rows (all of them when negative) from the result's current position. Rows
   * are counted through {@code info} so that Avatica can resume after a lost handle.
   */
  Meta.Frame frame(StatementInfo info, ResultSet rs, long offset, int maxRows) throws SQLException {
    if (packed) {
      return packedFrame(info, rs, offset, maxRows);
    }
    List<Object> rows = new ArrayList<>();
    boolean done = false;
    while (maxRows < 0 || rows.size() < maxRows) {
      if (!(info == null ? rs.next() : info.next())) {
        done = true;
        rs.close();
        break;
      }
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = columns.get(i).read(rs, i + 1, format);
      }
      rows.add(row);
    }
    return new Meta.Frame(offset, done, rows);
  }

  /** As {@link #frame}, packed into one value, and sized by bytes as well as rows. */
  private Meta.Frame packedFrame(StatementInfo info, ResultSet rs, long offset, int maxRows)
      throws SQLException {
    PackedRows.Writer rows = new PackedRows.Writer(columns.size());
    boolean done = false;
    while (maxRows < 0 || rows.rows() < maxRows || rows.size() < PACKED_FRAME_BYTES) {
      if (!(info == null ? rs.next() : info.next())) {
        done = true;
        rs.close();
        break;
      }
      for (int i = 0; i < columns.size(); i++) {
        rows.add(columns.get(i).read(rs, i + 1, format));
      }
    }
    return PackedFrame.frame(offset, done, rows.rows() == 0 ? null : rows.finish());
  }
}
