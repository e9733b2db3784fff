package org.sqlflow.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Calendar;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaInternals;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.CursorColumns;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.ListIteratorCursor;

/**
 * A result set whose {@code next()} reports a failure found while fetching (a training that raised,
 * a job that was cancelled) as an SQLException carrying the server's SQLState, where Avatica's
 * would let a RuntimeException escape; and whose getters answer as the database's driver does for
 * the column types its metadata reports (see {@link ExactValues}).
 */
public class SqlflowResultSet extends AvaticaResultSet {
  /** The rows of a packed result, null for any other. */
  private PrefetchingRows packedRows;

  public SqlflowResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      ResultSetMetaData resultSetMetaData,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
  }

  /** A packed result's rows come from {@link PrefetchingRows}; any other's as Avatica reads it. */
  @Override
  protected AvaticaResultSet execute() throws SQLException {
    if (!CursorColumns.packed(signature)) {
      return super.execute();
    }
    AvaticaConnection connection = statement.connection;
    packedRows =
        new PrefetchingRows(
            AvaticaInternals.meta(connection),
            statement.handle,
            AvaticaInternals.fetchSize(connection, statement.handle),
            firstFrame);
    return execute2(new ListIteratorCursor(packedRows), columnMetaDataList);
  }

  @Override
  public void close() {
    if (packedRows != null) {
      packedRows.settle();
    }
    super.close();
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (RuntimeException e) {
      throw ServerErrors.unwrap(
          AvaticaConnection.HELPER.createException(messageOf(e), null, e), null);
    }
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    Object raw = super.getObject(columnIndex);
    Object exact = ExactValues.object(raw, className(columnIndex));
    return exact != null ? exact : raw;
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    Object raw = super.getObject(columnIndex);
    if (raw == null) {
      return null;
    }
    if (raw instanceof Boolean b) {
      // MySQL's BIT and BOOLEAN print as digits; a database's own BOOLEAN type as a word.
      boolean word = "BOOLEAN".equalsIgnoreCase(getMetaData().getColumnTypeName(columnIndex));
      return word ? b.toString().toUpperCase(Locale.ROOT) : (b ? "1" : "0");
    }
    if (raw instanceof byte[] bytes && getMetaData().getColumnType(columnIndex) == Types.BIT) {
      return new BigInteger(1, bytes).toString();
    }
    if (raw instanceof Float f) {
      return f.toString();
    }
    return super.getString(columnIndex);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return integral(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return (int) integral(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT");
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short) integral(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte) integral(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    Object raw = super.getObject(columnIndex);
    if (raw instanceof Double d) {
      // A DOUBLE travels as itself: no detour through its decimal text.
      return d;
    }
    BigDecimal number = number(columnIndex, raw);
    return number == null ? 0 : number.doubleValue();
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    BigDecimal number = number(columnIndex);
    return number == null ? 0 : number.floatValue();
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    BigDecimal number = number(columnIndex);
    return number;
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    Object raw = super.getObject(columnIndex);
    if (raw == null || raw instanceof byte[]) {
      return (byte[]) raw;
    }
    // The database's drivers hand over any value's text as bytes.
    return getString(columnIndex).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    if (!isTemporal(columnIndex)) {
      return super.getDate(columnIndex);
    }
    LocalDate date = getObject(columnIndex, LocalDate.class);
    return date == null ? null : Date.valueOf(date);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    if (!isTemporal(columnIndex)) {
      return super.getTime(columnIndex);
    }
    LocalTime time = getObject(columnIndex, LocalTime.class);
    return time == null ? null : ExactValues.time(time);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    if (!isTemporal(columnIndex)) {
      return super.getTimestamp(columnIndex);
    }
    LocalDateTime timestamp = getObject(columnIndex, LocalDateTime.class);
    return timestamp == null ? null : Timestamp.valueOf(timestamp);
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    return isTemporal(columnIndex) ? getDate(columnIndex) : super.getDate(columnIndex, cal);
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return isTemporal(columnIndex) ? getTime(columnIndex) : super.getTime(columnIndex, cal);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    return isTemporal(columnIndex)
        ? getTimestamp(columnIndex)
        : super.getTimestamp(columnIndex, cal);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    Object raw = super.getObject(columnIndex);
    if (raw == null) {
      return null;
    }
    if (type == BigInteger.class) {
      return type.cast(ExactValues.number(raw).toBigInteger());
    }
    if (isTemporal(columnIndex)) {
      T converted = ExactValues.convert(raw.toString(), className(columnIndex), type);
      if (converted != null) {
        return converted;
      }
      Object exact = ExactValues.object(raw, className(columnIndex));
      if (type.isInstance(exact)) {
        return type.cast(exact);
      }
    }
    return super.getObject(columnIndex, type);
  }

  /** The value as a number, or null (with wasNull) for NULL; YEAR is its year. */
  private BigDecimal number(int columnIndex) throws SQLException {
    return number(columnIndex, super.getObject(columnIndex));
  }

  private BigDecimal number(int columnIndex, Object raw) throws SQLException {
    if (raw == null) {
      return null;
    }
    if (isYear(columnIndex)) {
      return BigDecimal.valueOf(ExactValues.dateTime(raw.toString()).getYear());
    }
    if (raw instanceof byte[] bytes && getMetaData().getColumnType(columnIndex) != Types.BIT) {
      // Binary values are read as the text they hold, as the database's drivers do.
      return ExactValues.number(new String(bytes, StandardCharsets.UTF_8));
    }
    return ExactValues.number(raw);
  }

  private long integral(int columnIndex, long min, long max, String type) throws SQLException {
    Object raw = super.getObject(columnIndex);
    if (raw instanceof Long || raw instanceof Integer) {
      // Integer columns travel as Long: range-check the value itself, no BigDecimal per read.
      long value = ((Number) raw).longValue();
      if (value >= min && value <= max && !isYear(columnIndex)) {
        return value;
      }
    }
    BigDecimal number = number(columnIndex, raw);
    return number == null ? 0 : ExactValues.integral(number, min, max, type);
  }

  private boolean isYear(int columnIndex) throws SQLException {
    return "YEAR".equalsIgnoreCase(getMetaData().getColumnTypeName(columnIndex));
  }

  private boolean isTemporal(int columnIndex) throws SQLException {
    return ExactValues.isTemporal(className(columnIndex));
  }

  private String className(int columnIndex) throws SQLException {
    return getMetaData().getColumnClassName(columnIndex);
  }

  private static String messageOf(RuntimeException e) {
    if (e instanceof org.apache.calcite.avatica.remote.AvaticaRuntimeException) {
      return ((org.apache.calcite.avatica.remote.AvaticaRuntimeException) e).getErrorMessage();
    }
    if (e instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException) {
      return ((org.apache.calcite.avatica.AvaticaClientRuntimeException) e).getMessage();
    }
    return e.getMessage();
  }
}
