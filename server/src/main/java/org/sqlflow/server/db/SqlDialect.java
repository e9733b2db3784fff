package org.sqlflow.server.db;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.sqlflow.server.ErrorCode;
import org.sqlflow.server.SqlflowException;

/**
 * The one place that writes identifiers and dialect-specific DDL into SQL the server itself
 * generates (model tables, prediction tables). Names come from user statements, so each
 * part is validated before it is quoted.
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

  SqlDialect(char quote, String blobType, String doubleType, String bigintType,
      String varcharType, String textType) {
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
        throw new SqlflowException(ErrorCode.INVALID_NAME,
            "invalid name '" + dotted + "': each part must be letters, digits or _ and not start"
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

  public String blobType() {
    return blobType;
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

  public String textType() {
    return textType;
  }
}
