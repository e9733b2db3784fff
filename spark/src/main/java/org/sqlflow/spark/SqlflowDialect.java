package org.sqlflow.spark;

import java.util.Locale;
import org.apache.spark.sql.jdbc.MySQLDialect;

/**
 * Spark's JDBC dialect for {@code jdbc:sqlflow:} URLs. Spark picks a dialect by the URL alone and
 * quotes names with {@code "} when it knows none, which MySQL and MariaDB read as strings: filters
 * then match nothing and CREATE TABLE fails. SQLFlow passes SQL through to MySQL or MariaDB (or H2
 * in MySQL mode, which reads MySQL's backticks and types too), so Spark's own MySQL dialect is the
 * right one. Spark loads this class through its service file.
 */
public class SqlflowDialect extends MySQLDialect {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean canHandle(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlflow:");
  }

  // MySQLDialect is a Scala case class without fields: every instance equals every other,
  // and Spark's registry keeps one of a set of equal dialects, so ours would be dropped when
  // Spark registers its own MySQL dialect. Ours equals only itself.

  @Override
  public boolean canEqual(Object other) {
    return other instanceof SqlflowDialect;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SqlflowDialect;
  }

  @Override
  public int hashCode() {
    return SqlflowDialect.class.hashCode();
  }

  @Override
  public String toString() {
    return "SqlflowDialect";
  }
}
