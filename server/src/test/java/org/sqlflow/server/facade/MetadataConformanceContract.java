package org.sqlflow.server.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * Every DatabaseMetaData call answers through our driver and server as the database's own driver
 * (Connector/J, H2) answers it on the same schema: keys, indexes, procedures, functions,
 * privileges, and every scalar answer. Only {@link #ALLOWED_TO_DIFFER} may differ.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetadataConformanceContract {
  /** Answers that must differ, each with its reason. */
  static final Map<String, String> ALLOWED_TO_DIFFER =
      Map.of(
          "getURL",
          "the client connects to the SQLFlow server, not to the database",
          "getDriverName",
          "the driver is SQLFlow's",
          "getDriverVersion",
          "the driver is SQLFlow's",
          "getDriverMajorVersion",
          "the driver is SQLFlow's",
          "getDriverMinorVersion",
          "the driver is SQLFlow's",
          "getJDBCMajorVersion",
          "the JDBC version Avatica's client implements",
          "getJDBCMinorVersion",
          "the JDBC version Avatica's client implements",
          "supportsMultipleOpenResults",
          "Avatica's protocol keeps one open result set per statement");

  protected Backend backend;

  protected abstract TestBackends kind();

  /** The schema both drivers describe: keys, indexes, a procedure and a function. */
  protected abstract List<String> schema();

  /** The catalog and schema arguments naming the test's database. */
  protected abstract String catalog();

  protected abstract String schemaPattern();

  /** Table names as the database stores them. */
  protected abstract String name(String lowerCase);

  /** The call that lists the schema's routine: H2 lists its aliases as procedures. */
  protected abstract String routineCall();

  @BeforeAll
  void startBackend() throws Exception {
    backend = kind().start();
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      for (String sql : schema()) {
        s.execute(sql);
      }
    }
  }

  @AfterAll
  void stopBackend() throws Exception {
    backend.close();
  }

  /** One DatabaseMetaData call that answers a result set. */
  @FunctionalInterface
  interface RowsCall {
    ResultSet call(DatabaseMetaData md) throws SQLException;
  }

  private Map<String, RowsCall> rowsCalls() {
    String cat = catalog();
    String sch = schemaPattern();
    String parent = name("parent");
    String child = name("child");
    return Map.ofEntries(
        Map.entry("getPrimaryKeys(parent)", md -> md.getPrimaryKeys(cat, sch, parent)),
        Map.entry("getPrimaryKeys(child)", md -> md.getPrimaryKeys(cat, sch, child)),
        Map.entry("getImportedKeys", md -> md.getImportedKeys(cat, sch, child)),
        Map.entry("getExportedKeys", md -> md.getExportedKeys(cat, sch, parent)),
        Map.entry(
            "getCrossReference", md -> md.getCrossReference(cat, sch, parent, cat, sch, child)),
        Map.entry("getIndexInfo(all)", md -> md.getIndexInfo(cat, sch, parent, false, false)),
        Map.entry("getIndexInfo(unique)", md -> md.getIndexInfo(cat, sch, parent, true, true)),
        Map.entry(
            "getBestRowIdentifier",
            md -> md.getBestRowIdentifier(cat, sch, parent, DatabaseMetaData.bestRowSession, true)),
        Map.entry("getVersionColumns", md -> md.getVersionColumns(cat, sch, parent)),
        Map.entry("getProcedures", md -> md.getProcedures(cat, sch, "%")),
        Map.entry("getProcedureColumns", md -> md.getProcedureColumns(cat, sch, "%", "%")),
        Map.entry("getFunctions", md -> md.getFunctions(cat, sch, "%")),
        Map.entry("getFunctionColumns", md -> md.getFunctionColumns(cat, sch, "%", "%")),
        Map.entry("getTablePrivileges", md -> md.getTablePrivileges(cat, sch, parent)),
        Map.entry("getColumnPrivileges", md -> md.getColumnPrivileges(cat, sch, parent, "%")),
        Map.entry("getUDTs", md -> md.getUDTs(cat, sch, "%", new int[] {Types.STRUCT})),
        Map.entry("getSuperTypes", md -> md.getSuperTypes(cat, sch, "%")),
        Map.entry("getSuperTables", md -> md.getSuperTables(cat, sch, "%")),
        Map.entry("getAttributes", md -> md.getAttributes(cat, sch, "%", "%")),
        Map.entry("getPseudoColumns", md -> md.getPseudoColumns(cat, sch, "%", "%")),
        Map.entry("getClientInfoProperties", DatabaseMetaData::getClientInfoProperties),
        Map.entry("getTables", md -> md.getTables(cat, sch, "%", null)),
        Map.entry("getColumns", md -> md.getColumns(cat, sch, parent, "%")));
  }

  @Test
  void resultSetCallsAnswerAsTheDatabaseDoes() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      for (Map.Entry<String, RowsCall> call : rowsCalls().entrySet()) {
        List<String> expected = answer(call.getValue(), theirs.getMetaData());
        List<String> actual = answer(call.getValue(), ours.getMetaData());
        if (!expected.equals(actual)) {
          failures.add(call.getKey() + "\n  database: " + expected + "\n  SQLFlow:  " + actual);
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void keysAndRoutinesAreNotEmpty() throws Exception {
    try (Connection ours = backend.sqlflow()) {
      DatabaseMetaData md = ours.getMetaData();
      Map<String, RowsCall> calls = rowsCalls();
      for (String call :
          List.of(
              "getPrimaryKeys(child)",
              "getImportedKeys",
              "getExportedKeys",
              "getIndexInfo(all)",
              routineCall())) {
        List<String> rows = answer(calls.get(call), md);
        assertTrue(rows.size() > 1, call + " answered no rows: " + rows);
      }
    }
  }

  /** Column labels and types, then every row's values, or the error. */
  private static List<String> answer(RowsCall call, DatabaseMetaData md) {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = call.call(md)) {
      ResultSetMetaData meta = rs.getMetaData();
      StringBuilder header = new StringBuilder();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        header.append(meta.getColumnLabel(i)).append('|');
      }
      out.add(header.toString());
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          // getObject: Avatica's getString of a BOOLEAN says true where H2 says TRUE; the
          // value itself must be the same.
          row.append(rs.getObject(i)).append('|');
        }
        out.add(row.toString());
      }
    } catch (SQLException e) {
      out.add("error " + e.getSQLState() + ": " + e.getMessage());
    }
    return out;
  }

  @Test
  void scalarAnswersAreTheDatabases() throws Exception {
    List<String> failures = new ArrayList<>();
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      DatabaseMetaData expected = theirs.getMetaData();
      DatabaseMetaData actual = ours.getMetaData();
      for (Method method : scalarMethods()) {
        for (Object[] arguments : argumentsFor(method)) {
          String call = method.getName() + Arrays.toString(arguments);
          if (ALLOWED_TO_DIFFER.containsKey(method.getName())
              || method.getName().equals("getUserName") && kind() == TestBackends.H2) {
            continue;
          }
          String want = invoke(method, expected, arguments);
          String got = invoke(method, actual, arguments);
          if (!want.equals(got)) {
            failures.add(call + ": database " + want + ", SQLFlow " + got);
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  @Test
  void productIsTheDatabaseAndDriverIsSqlflow() throws Exception {
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      assertEquals(
          theirs.getMetaData().getDatabaseProductName(),
          ours.getMetaData().getDatabaseProductName());
      assertEquals(
          theirs.getMetaData().getDatabaseProductVersion(),
          ours.getMetaData().getDatabaseProductVersion());
      assertEquals("SQLFlow JDBC Driver", ours.getMetaData().getDriverName());
      assertFalse(ours.getMetaData().isReadOnly());
      // On H2 a client never works as the administrator the direct side logs in as, but as
      // the server's non-admin client account (docs/security.md).
      assertEquals(
          kind() == TestBackends.H2 ? "SQLFLOW_CLIENT" : theirs.getMetaData().getUserName(),
          ours.getMetaData().getUserName());
    }
  }

  private static final Set<Class<?>> SCALARS =
      Set.of(boolean.class, int.class, long.class, String.class, RowIdLifetime.class);

  private static List<Method> scalarMethods() {
    return Arrays.stream(DatabaseMetaData.class.getMethods())
        .filter(m -> SCALARS.contains(m.getReturnType()))
        .filter(m -> Arrays.stream(m.getParameterTypes()).allMatch(t -> t == int.class))
        .sorted(Comparator.comparing(Method::toGenericString))
        .toList();
  }

  private static final int[] RESULT_SET_TYPES = {
    ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.TYPE_SCROLL_SENSITIVE
  };

  /** Every meaningful argument of the int parameters (types, levels, holdabilities). */
  private static List<Object[]> argumentsFor(Method method) {
    List<Object[]> out = new ArrayList<>();
    switch (method.getName()) {
      case "supportsConvert":
        if (method.getParameterCount() == 0) {
          out.add(new Object[0]);
        } else {
          int[] types = {Types.INTEGER, Types.VARCHAR, Types.DATE, Types.BLOB, Types.DECIMAL};
          for (int from : types) {
            for (int to : types) {
              out.add(new Object[] {from, to});
            }
          }
        }
        break;
      case "supportsTransactionIsolationLevel":
        for (int level :
            new int[] {
              Connection.TRANSACTION_NONE,
              Connection.TRANSACTION_READ_UNCOMMITTED,
              Connection.TRANSACTION_READ_COMMITTED,
              Connection.TRANSACTION_REPEATABLE_READ,
              Connection.TRANSACTION_SERIALIZABLE
            }) {
          out.add(new Object[] {level});
        }
        break;
      case "supportsResultSetHoldability":
        out.add(new Object[] {ResultSet.HOLD_CURSORS_OVER_COMMIT});
        out.add(new Object[] {ResultSet.CLOSE_CURSORS_AT_COMMIT});
        break;
      case "supportsResultSetConcurrency":
        out.add(new Object[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY});
        break;
      default:
        if (method.getParameterCount() == 0) {
          out.add(new Object[0]);
        } else if (method.getParameterCount() == 1) {
          // supportsResultSetType and the *AreVisible / *AreDetected family.
          for (int type : RESULT_SET_TYPES) {
            if (!method.getName().equals("supportsResultSetType")
                || type == ResultSet.TYPE_FORWARD_ONLY) {
              out.add(new Object[] {type});
            }
          }
        }
    }
    return out;
  }

  private static String invoke(Method method, DatabaseMetaData md, Object[] arguments) {
    try {
      return String.valueOf(method.invoke(md, arguments));
    } catch (InvocationTargetException e) {
      return "error " + e.getCause().getClass().getSimpleName();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
