package org.sqlflow.server.db;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * The one place that writes identifiers and dialect-specific DDL into SQL the server itself
 * generates (model tables, prediction tables). Names come from user statements, so each part is
 * validated before it is quoted.
 */
public enum SqlDialect {
  MYSQL('`', "LONGBLOB", "DOUBLE", "BIGINT", "VARCHAR(255)", "LONGTEXT"),
  H2('"', "BLOB", "DOUBLE PRECISION", "BIGINT", "VARCHAR(255)", "CLOB");

  /** Letters, digits, underscore and dollar, not starting with a digit; at most 64 chars. */
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,63}");

  private final char quote;
  private final String blobType;
  private final String doubleType;
  private final String bigintType;
  private final String varcharType;
  private final String textType;

  SqlDialect(
      char quote,
      String blobType,
      String doubleType,
      String bigintType,
      String varcharType,
      String textType) {
    this.quote = quote;
    this.blobType = blobType;
    this.doubleType = doubleType;
    this.bigintType = bigintType;
    this.varcharType = varcharType;
    this.textType = textType;
  }

  /** Picks the dialect from a JDBC URL. */
  public static SqlDialect forUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:") ? H2 : MYSQL;
  }

  /** Splits a dotted name ({@code db.table}) and validates each part. */
  public static List<String> parseName(String dotted) throws SqlflowException {
    List<String> parts = new ArrayList<>(List.of(dotted.split("\\.", -1)));
    for (String part : parts) {
      if (!NAME_PART.matcher(part).matches()) {
        throw new SqlflowException(
            ErrorCode.INVALID_NAME,
            "invalid name '"
                + dotted
                + "': each part must be letters, digits or _ and not start"
                + " with a digit");
      }
    }
    return parts;
  }

  /** Quotes one validated name part. */
  public String quote(String part) throws SqlflowException {
    parseName(part);
    return quote + part + quote;
  }

  /** Quotes a dotted name part by part: {@code db.t} becomes {@code `db`.`t`}. */
  public String quoteQualified(String dotted) throws SqlflowException {
    StringBuilder sql = new StringBuilder();
    for (String part : parseName(dotted)) {
      if (sql.length() > 0) {
        sql.append('.');
      }
      sql.append(quote).append(part).append(quote);
    }
    return sql.toString();
  }

  /** DDL creating the database (MySQL) or schema (H2) that holds a table, when missing. */
  public String createSchemaIfMissing(String schema) throws SqlflowException {
    return (this == MYSQL ? "CREATE DATABASE IF NOT EXISTS " : "CREATE SCHEMA IF NOT EXISTS ")
        + quote(schema);
  }

  /** {@code DROP TABLE IF EXISTS} for a dotted name. */
  public String dropTableIfExists(String table) throws SqlflowException {
    return "DROP TABLE IF EXISTS " + quoteQualified(table);
  }

  /** Renames a table within its schema; {@code to} is the new last name part. */
  public String renameTable(String from, String to) throws SqlflowException {
    List<String> parts = parseName(from);
    parts.set(parts.size() - 1, to);
    String target = quoteQualified(String.join(".", parts));
    return this == MYSQL
        ? "RENAME TABLE " + quoteQualified(from) + " TO " + target
        : "ALTER TABLE " + quoteQualified(from) + " RENAME TO " + quote(to);
  }

  /**
   * Statements that put {@code replacement} in place of the existing {@code target} and move the
   * old table to {@code old} (last name parts, same schema); the caller then drops {@code old}.
   * MySQL swaps both names in one atomic statement; H2 needs two.
   */
  public List<String> replaceTable(String replacement, String target, String old)
      throws SqlflowException {
    if (this == MYSQL) {
      List<String> parts = parseName(target);
      parts.set(parts.size() - 1, old);
      return List.of(
          "RENAME TABLE "
              + quoteQualified(target)
              + " TO "
              + quoteQualified(String.join(".", parts))
              + ", "
              + quoteQualified(replacement)
              + " TO "
              + quoteQualified(target));
    }
    String last = parseName(target).get(parseName(target).size() - 1);
    return List.of(renameTable(target, old), renameTable(replacement, last));
  }

  /**
   * A column type that holds the values of a result-set column of the given JDBC type in a table
   * the server creates (prediction results copy the SELECT's columns).
   */
  public String columnType(int jdbcType, int precision, int scale) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> "INT";
      case Types.BIGINT -> bigintType;
      case Types.FLOAT, Types.REAL, Types.DOUBLE -> doubleType;
      case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
      case Types.DECIMAL, Types.NUMERIC -> {
        int p = precision <= 0 || precision > 65 ? 65 : precision;
        int s = Math.max(0, Math.min(Math.min(scale, 30), p));
        yield "DECIMAL(" + p + ", " + s + ")";
      }
      case Types.DATE -> "DATE";
      case Types.TIME -> "TIME";
      case Types.TIMESTAMP -> this == MYSQL ? "DATETIME(6)" : "TIMESTAMP";
      case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR ->
          precision > 0 && precision <= 255 ? "VARCHAR(" + precision + ")" : textType;
      default -> textType;
    };
  }

  public String blobType() {
    return blobType;
  }

  /**
   * A column of bytes that clients read with getBytes (an explanation's PNG plot): H2's BLOB values
   * are Blob objects the protocol cannot carry, its VARBINARY values are bytes.
   */
  public String bytesType() {
    return this == H2 ? "VARBINARY" : blobType;
  }

  public String doubleType() {
    return doubleType;
  }

  public String bigintType() {
    return bigintType;
  }

  public String varcharType() {
    return varcharType;
  }

  /** A column for text of any length (log rows, statements). */
  public String textType() {
    return textType;
  }
}
