package org.sqlflow.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * Parameter values as Avatica can carry them. Avatica's client refuses java.time values, drops
 * streams and readers (the parameter stays unbound) and sends timestamps to the millisecond; here
 * times travel as SQL text with every fraction digit, which the database converts as it converts a
 * literal, and streams are read into bytes or text.
 */
final class ParameterValues {
  private static final DateTimeFormatter TIME = ExactValues.TIME;
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd ")
          .append(TIME)
          .toFormatter(Locale.ROOT);

  private ParameterValues() {}

  /** A value Avatica's client can send: java.time and timestamps as text, BigInteger as decimal. */
  static Object bindable(Object value) {
    if (value instanceof LocalDate date) {
      return date.toString();
    }
    if (value instanceof LocalTime time) {
      return time.format(TIME);
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.format(DATE_TIME);
    }
    if (value instanceof OffsetDateTime dateTime) {
      // Connector/J binds the instant as the JVM zone's wall-clock time.
      return bindable(dateTime.atZoneSameInstant(ZoneId.systemDefault()).toLocalDateTime());
    }
    if (value instanceof ZonedDateTime dateTime) {
      return bindable(dateTime.toOffsetDateTime());
    }
    if (value instanceof OffsetTime time) {
      return bindable(time.toLocalTime());
    }
    if (value instanceof Timestamp timestamp) {
      return bindable(timestamp.toLocalDateTime());
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    return value;
  }

  /** A stream's bytes, all of them or the first {@code length} (negative: all). */
  static byte[] bytes(InputStream in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    try {
      return length < 0 ? in.readAllBytes() : in.readNBytes(Math.toIntExact(length));
    } catch (IOException e) {
      throw new SQLException("cannot read the parameter's stream: " + e.getMessage(), "22000", e);
    }
  }

  /** A stream of ASCII characters as text. */
  static String ascii(InputStream in, long length) throws SQLException {
    byte[] bytes = bytes(in, length);
    return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
  }

  /** A reader's characters, all of them or the first {@code length} (negative: all). */
  static String text(Reader reader, long length) throws SQLException {
    if (reader == null) {
      return null;
    }
    try {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[8192];
      long left = length < 0 ? Long.MAX_VALUE : length;
      int read;
      while (left > 0
          && (read = reader.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        text.append(buffer, 0, read);
        left -= read;
      }
      return text.toString();
    } catch (IOException e) {
      throw new SQLException("cannot read the parameter's reader: " + e.getMessage(), "22000", e);
    }
  }
}
