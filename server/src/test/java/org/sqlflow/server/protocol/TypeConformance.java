package org.sqlflow.server.protocol;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.sqlflow.server.testing.TestBackends;

/**
 * Reads the same query through SQLFlow's driver and the database's own driver and lists every
 * answer that differs: getObject, getString, the typed getters, getObject with java.time classes,
 * and each ResultSetMetaData field.
 */
final class TypeConformance {
  private static final List<Class<?>> TIME_CLASSES =
      List.of(LocalDate.class, LocalTime.class, LocalDateTime.class, OffsetDateTime.class);

  private TypeConformance() {}

  /**
   * {@code allowed}: {@code "column.call"} (or {@code "*.call"} for every column) entries that may
   * differ, each with its reason next to it where the caller lists them.
   */
  static List<String> differences(
      Connection ours, Connection theirs, String query, Set<String> allowed) throws SQLException {
    return differences(ours, query, theirs, query, allowed);
  }

  /** As above, for two queries (the same table written two ways, say). */
  static List<String> differences(
      Connection ours, String ourQuery, Connection theirs, String theirQuery, Set<String> allowed)
      throws SQLException {
    List<String> differences = new ArrayList<>();
    try (Statement a = ours.createStatement();
        Statement b = theirs.createStatement();
        ResultSet x = a.executeQuery(ourQuery);
        ResultSet y = b.executeQuery(theirQuery)) {
      ResultSetMetaData mx = x.getMetaData();
      ResultSetMetaData my = y.getMetaData();
      int columns = my.getColumnCount();
      compare(differences, allowed, "*", "getColumnCount", mx.getColumnCount(), columns);
      for (int i = 1; i <= columns; i++) {
        String name = my.getColumnLabel(i);
        compare(differences, allowed, name, "getColumnLabel", mx.getColumnLabel(i), name);
        compare(
            differences, allowed, name, "getColumnType", mx.getColumnType(i), my.getColumnType(i));
        compare(
            differences,
            allowed,
            name,
            "getColumnTypeName",
            mx.getColumnTypeName(i),
            my.getColumnTypeName(i));
        compare(differences, allowed, name, "getPrecision", mx.getPrecision(i), my.getPrecision(i));
        compare(differences, allowed, name, "getScale", mx.getScale(i), my.getScale(i));
        compare(differences, allowed, name, "isNullable", mx.isNullable(i), my.isNullable(i));
        compare(differences, allowed, name, "isSigned", mx.isSigned(i), my.isSigned(i));
        compare(
            differences,
            allowed,
            name,
            "isAutoIncrement",
            mx.isAutoIncrement(i),
            my.isAutoIncrement(i));
        compare(
            differences,
            allowed,
            name,
            "getColumnClassName",
            mx.getColumnClassName(i),
            my.getColumnClassName(i));
      }
      int row = 0;
      while (y.next()) {
        row++;
        if (!x.next()) {
          differences.add("row " + row + " missing");
          break;
        }
        for (int column = 1; column <= columns; column++) {
          int i = column;
          String name = my.getColumnLabel(i);
          String at = " (row " + row + ")";
          compare(differences, allowed, name, "getObject" + at, x.getObject(i), y.getObject(i));
          compare(differences, allowed, name, "getString" + at, x.getString(i), y.getString(i));
          compare(
              differences,
              allowed,
              name,
              "getLong" + at,
              call(() -> x.getLong(i)),
              call(() -> y.getLong(i)));
          compare(
              differences,
              allowed,
              name,
              "getDouble" + at,
              call(() -> x.getDouble(i)),
              call(() -> y.getDouble(i)));
          compare(
              differences,
              allowed,
              name,
              "getBytes" + at,
              call(() -> x.getBytes(i)),
              call(() -> y.getBytes(i)));
          for (Class<?> type : TIME_CLASSES) {
            compare(
                differences,
                allowed,
                name,
                "getObject(" + type.getSimpleName() + ")" + at,
                call(() -> x.getObject(i, type)),
                call(() -> y.getObject(i, type)));
          }
          compare(differences, allowed, name, "wasNull" + at, x.wasNull(), y.wasNull());
        }
      }
      if (x.next()) {
        differences.add("extra row after " + row);
      }
    }
    return differences;
  }

  /** Runs a table's CREATE and INSERT statements straight on the database. */
  static void createDirectly(TestBackends.Backend backend, String table, List<String> rows)
      throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      s.execute(table);
      for (String row : rows) {
        s.execute(row);
      }
    }
  }

  private interface Call {
    Object get() throws SQLException;
  }

  /** A getter's answer, or that it failed (both drivers should fail alike). */
  private static Object call(Call call) {
    try {
      return call.get();
    } catch (SQLException | RuntimeException e) {
      return "fails";
    }
  }

  private static void compare(
      List<String> differences,
      Set<String> allowed,
      String column,
      String what,
      Object ours,
      Object theirs) {
    String key = column + "." + what.replaceAll(" \\(row \\d+\\)", "");
    String anyColumn = "*." + what.replaceAll(" \\(row \\d+\\)", "");
    if (allowed.contains(key) || allowed.contains(anyColumn) || same(ours, theirs)) {
      return;
    }
    differences.add(column + "." + what + ": ours " + show(ours) + ", database's " + show(theirs));
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    return Objects.equals(a, b);
  }

  private static String show(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    return value == null ? "null" : value + " [" + value.getClass().getSimpleName() + "]";
  }
}
