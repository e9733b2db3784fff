package org.sqlflow.server.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * How one result column travels: the column description the client gets and how a value is read
 * from the database's result set. The kind is decided by the Java class the database's driver
 * reports for the column, which is what its {@code getObject} returns.
 */
record ColumnEncoding(ColumnMetaData wire, Kind kind) {

  /** Families of values, each with one way onto the wire. */
  enum Kind {
    BOOLEAN,
    INTEGRAL,
    BIG_INTEGER,
    FLOAT,
    DOUBLE,
    DECIMAL,
    BYTES,
    DATE,
    TIME,
    TIMESTAMP,
    TEXT
  }

  static ColumnEncoding of(ColumnMetaData column, WireFormat format) {
    Kind kind = kindOf(column);
    int id = format == WireFormat.EXACT ? column.type.id : portableId(kind, column);
    ColumnMetaData.Rep rep = rep(kind, format);
    ColumnMetaData.AvaticaType type =
        ColumnMetaData.scalar(id, typeName(column, kind, format), rep);
    ColumnMetaData wire =
        new ColumnMetaData(
            column.ordinal,
            column.autoIncrement,
            column.caseSensitive,
            column.searchable,
            column.currency,
            column.nullable,
            column.signed,
            column.displaySize,
            column.label,
            column.columnName,
            column.schemaName,
            column.precision,
            column.scale,
            column.tableName,
            column.catalogName,
            type,
            column.readOnly,
            column.writable,
            column.definitelyWritable,
            column.columnClassName);
    return new ColumnEncoding(wire, kind);
  }

  private static Kind kindOf(ColumnMetaData column) {
    if (column.type.id == Types.BIT && column.precision > 1) {
      // Connector/J names Boolean for every BIT(n), but returns BIT(8) and wider as bytes.
      return Kind.BYTES;
    }
    String className = column.columnClassName == null ? "" : column.columnClassName;
    switch (className) {
      case "java.lang.Boolean":
        return Kind.BOOLEAN;
      case "java.lang.Byte":
      case "java.lang.Short":
      case "java.lang.Integer":
      case "java.lang.Long":
        return Kind.INTEGRAL;
      case "java.math.BigInteger":
        return Kind.BIG_INTEGER;
      case "java.lang.Float":
        return Kind.FLOAT;
      case "java.lang.Double":
        return Kind.DOUBLE;
      case "java.math.BigDecimal":
        return Kind.DECIMAL;
      case "[B":
      case "java.sql.Blob":
        return Kind.BYTES;
      case "java.sql.Date":
      case "java.time.LocalDate":
        return Kind.DATE;
      case "java.sql.Time":
      case "java.time.LocalTime":
        return Kind.TIME;
      case "java.sql.Timestamp":
      case "java.time.LocalDateTime":
        return Kind.TIMESTAMP;
      case "":
        return kindOfType(column.type.id);
      default:
        // Any other class (UUID, OffsetDateTime, an interval...) travels as the database's text.
        return Kind.TEXT;
    }
  }

  /** For drivers that report no class name. */
  private static Kind kindOfType(int id) {
    switch (id) {
      case Types.BOOLEAN:
        return Kind.BOOLEAN;
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return Kind.INTEGRAL;
      case Types.REAL:
        return Kind.FLOAT;
      case Types.FLOAT:
      case Types.DOUBLE:
        return Kind.DOUBLE;
      case Types.DECIMAL:
      case Types.NUMERIC:
        return Kind.DECIMAL;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return Kind.BYTES;
      case Types.DATE:
        return Kind.DATE;
      case Types.TIME:
        return Kind.TIME;
      case Types.TIMESTAMP:
        return Kind.TIMESTAMP;
      default:
        return Kind.TEXT;
    }
  }

  /**
   * A type id phoenixdb (which decodes by id), the Go client (by type name, else by the column's
   * representation) and Avatica's Java client (by id) all read: unsigned integers widen to the next
   * type that holds their range, the TEXT, BLOB and JSON families become VARCHAR and VARBINARY,
   * CHAR becomes VARCHAR (Avatica's client would pad it).
   */
  private static int portableId(Kind kind, ColumnMetaData column) {
    switch (kind) {
      case BOOLEAN:
        return Types.BOOLEAN;
      case INTEGRAL:
        return column.signed ? column.type.id : widened(column.type.id);
      case BIG_INTEGER:
        return Types.DECIMAL;
      case FLOAT:
      case DOUBLE:
        return Types.DOUBLE;
      case DECIMAL:
        return Types.DECIMAL;
      case BYTES:
        return Types.VARBINARY;
      case DATE:
        return Types.DATE;
      case TIME:
        return Types.TIME;
      case TIMESTAMP:
        return Types.TIMESTAMP;
      default:
        return Types.VARCHAR;
    }
  }

  /**
   * The Go client picks a decimal's representation by the type name alone and reads any other
   * unknown name (BIGINT UNSIGNED) as a plain number, which a decimal's text is not.
   */
  private static String typeName(ColumnMetaData column, Kind kind, WireFormat format) {
    boolean decimal = kind == Kind.DECIMAL || kind == Kind.BIG_INTEGER;
    return decimal && format == WireFormat.PORTABLE ? "DECIMAL" : column.type.name;
  }

  private static int widened(int id) {
    switch (id) {
      case Types.TINYINT:
        return Types.SMALLINT;
      case Types.SMALLINT:
        return Types.INTEGER;
      default:
        return Types.BIGINT;
    }
  }

  private static ColumnMetaData.Rep rep(Kind kind, WireFormat format) {
    switch (kind) {
      case BOOLEAN:
        return ColumnMetaData.Rep.BOOLEAN;
      case INTEGRAL:
        return ColumnMetaData.Rep.LONG;
      case BIG_INTEGER:
      case DECIMAL:
        return ColumnMetaData.Rep.NUMBER;
      case FLOAT:
        return format == WireFormat.EXACT ? ColumnMetaData.Rep.FLOAT : ColumnMetaData.Rep.DOUBLE;
      case DOUBLE:
        return ColumnMetaData.Rep.DOUBLE;
      case BYTES:
        return ColumnMetaData.Rep.BYTE_STRING;
      case DATE:
        return format == WireFormat.EXACT
            ? ColumnMetaData.Rep.STRING
            : ColumnMetaData.Rep.JAVA_SQL_DATE;
      case TIME:
        return format == WireFormat.EXACT
            ? ColumnMetaData.Rep.STRING
            : ColumnMetaData.Rep.JAVA_SQL_TIME;
      case TIMESTAMP:
        return format == WireFormat.EXACT
            ? ColumnMetaData.Rep.STRING
            : ColumnMetaData.Rep.JAVA_SQL_TIMESTAMP;
      default:
        return ColumnMetaData.Rep.STRING;
    }
  }

  /**
   * The value of this column in the current row, as the wire carries it: Avatica serializes a value
   * by its Java class, so the class chosen here is the representation the client reads.
   */
  Object read(ResultSet rs, int column, WireFormat format) throws SQLException {
    // The common kinds read with their own getter: getObject would first build another object
    // (a java.sql.Date through a Calendar, a boxed Integer) only for it to be converted here.
    switch (kind) {
      case INTEGRAL:
        long integral = rs.getLong(column);
        return rs.wasNull() ? null : (Object) integral;
      case DOUBLE:
        double real = rs.getDouble(column);
        return rs.wasNull() ? null : (Object) real;
      case TEXT:
        return rs.getString(column);
      case DATE:
        if (format == WireFormat.EXACT) {
          return exactDate(rs, column);
        }
        break;
      case TIME:
      case TIMESTAMP:
        if (format == WireFormat.EXACT) {
          return rs.getString(column);
        }
        break;
      default:
        break;
    }
    Object value = rs.getObject(column);
    if (value == null) {
      return null;
    }
    switch (kind) {
      case BOOLEAN:
        return rs.getBoolean(column);
      case INTEGRAL:
        return ((Number) value).longValue();
      case BIG_INTEGER:
        return new BigDecimal(value instanceof BigInteger b ? b : new BigInteger(value.toString()));
      case FLOAT:
        float f = ((Number) value).floatValue();
        // The float's own shortest decimal, not its binary expansion (6.4, not 6.400000095...).
        return format == WireFormat.EXACT ? (Object) f : (Object) Double.valueOf(Float.toString(f));
      case DOUBLE:
        return ((Number) value).doubleValue();
      case DECIMAL:
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
      case BYTES:
        return rs.getBytes(column);
      case DATE:
      case TIME:
      case TIMESTAMP:
        // The database's own text keeps every fraction digit the column declares.
        return format == WireFormat.EXACT ? rs.getString(column) : portableTime(rs, column, value);
      default:
        return value instanceof String s ? s : rs.getString(column);
    }
  }

  /**
   * The date's own text, as {@code getString} gives it. Connector/J formats that text with {@code
   * String.format}, the most expensive step of a row; a LocalDate prints the same for years 0 to
   * 9999. Anything else (a zero date, H2's distant years) is left to getString.
   */
  private static String exactDate(ResultSet rs, int column) throws SQLException {
    LocalDate date;
    try {
      date = rs.getObject(column, LocalDate.class);
    } catch (SQLException | java.time.DateTimeException e) {
      return rs.getString(column);
    }
    if (date == null) {
      return rs.wasNull() ? null : rs.getString(column);
    }
    return date.getYear() >= 0 && date.getYear() <= 9999 ? date.toString() : rs.getString(column);
  }

  /** Avatica's numbers: days since 1970, milliseconds of the day, milliseconds since 1970. */
  private Object portableTime(ResultSet rs, int column, Object value) throws SQLException {
    switch (kind) {
      case DATE:
        return Math.toIntExact(localDate(rs, column, value).toEpochDay());
      case TIME:
        return (int) (rs.getObject(column, LocalTime.class).toNanoOfDay() / 1_000_000);
      default:
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }

  /** YEAR arrives as a {@code java.sql.Date} that some drivers will not convert. */
  private static LocalDate localDate(ResultSet rs, int column, Object value) throws SQLException {
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (value instanceof LocalDate d) {
      return d;
    }
    return rs.getObject(column, LocalDate.class);
  }

  @Override
  public String toString() {
    return wire.columnName + ":" + kind.name().toLowerCase(Locale.ROOT);
  }
}
