package org.sqlflow.jdbc;

import java.lang.reflect.Array;
import java.util.Locale;

/**
 * Writes the {@code SQLFLOW METADATA method(arguments)} statement the server answers from the
 * backing database's DatabaseMetaData (the server's {@code MetadataCall} reads it): NULL,
 * TRUE/FALSE, integers, strings in single quotes, and {@code ARRAY[...]} for array parameters.
 */
final class MetadataRequest {
  /** Every scalar answer that takes no argument, as rows of method name and answer. */
  static final String ALL_SCALARS = "SQLFLOW METADATA";

  private MetadataRequest() {}

  static String render(String method, Object[] arguments) {
    StringBuilder sql = new StringBuilder(ALL_SCALARS).append(' ').append(method).append('(');
    for (int i = 0; i < arguments.length; i++) {
      if (i > 0) {
        sql.append(", ");
      }
      Object argument = arguments[i];
      if (argument != null && argument.getClass().isArray()) {
        sql.append("ARRAY[");
        for (int j = 0; j < Array.getLength(argument); j++) {
          sql.append(j > 0 ? ", " : "").append(literal(Array.get(argument, j)));
        }
        sql.append(']');
      } else {
        sql.append(literal(argument));
      }
    }
    return sql.append(')').toString();
  }

  private static String literal(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short) {
      return value.toString().toUpperCase(Locale.ROOT);
    }
    return "'" + value.toString().replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
