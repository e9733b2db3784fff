package org.sqlflow.jdbc;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;

/**
 * The driver's {@link DatabaseMetaData}: every answer about the database (keys, indexes,
 * procedures, functions, privileges, identifier case, NULL ordering, limits, keywords, {@code
 * supports*}) is the backing database's own, asked with {@code SQLFLOW METADATA method(arguments)},
 * a statement the server answers from its backing connection's DatabaseMetaData. Avatica's protocol
 * has requests for only a few of these.
 *
 * <p>Answered here instead: what describes this driver and connection (name, version, URL), the
 * catalog calls Avatica's protocol already carries (catalogs, schemas, tables, columns, table and
 * type info, which other Avatica clients use too), and {@link FacadeCapabilities}, where the facade
 * does less than the database. Scalar answers that take no argument are fetched together on first
 * use and kept for the connection's life, as they do not change.
 */
public final class ForwardedMetaData implements InvocationHandler {
  private static final Set<String> ANSWERED_BY_AVATICA =
      Set.of(
          "getConnection",
          "getURL",
          "getDriverName",
          "getDriverVersion",
          "getDriverMajorVersion",
          "getDriverMinorVersion",
          "getJDBCMajorVersion",
          "getJDBCMinorVersion",
          "unwrap",
          "isWrapperFor",
          "getRemoteAvaticaProperties",
          "getAvaticaServerVersion",
          "getCatalogs",
          "getSchemas",
          "getTables",
          "getColumns",
          "getTableTypes",
          "getTypeInfo");

  private final AvaticaSpecificDatabaseMetaData avatica;
  private final Connection connection;

  /** Answers by request text; an empty Optional is a NULL answer. */
  private final Map<String, Optional<String>> scalars = new HashMap<>();

  private boolean scalarsLoaded;

  /**
   * Avatica's connection asks for the holdability while it is being built, before it can send
   * anything; that one answer is Avatica's default.
   */
  private boolean connectionBuilt;

  private ForwardedMetaData(AvaticaSpecificDatabaseMetaData avatica, Connection connection) {
    this.avatica = requireNonNull(avatica, "avatica");
    this.connection = requireNonNull(connection, "connection");
  }

  public static AvaticaSpecificDatabaseMetaData create(
      AvaticaSpecificDatabaseMetaData avatica, Connection connection) {
    return (AvaticaSpecificDatabaseMetaData)
        Proxy.newProxyInstance(
            ForwardedMetaData.class.getClassLoader(),
            new Class<?>[] {AvaticaSpecificDatabaseMetaData.class},
            new ForwardedMetaData(avatica, connection));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object[] arguments = args == null ? new Object[0] : args;
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, arguments);
    }
    Optional<Object> facade = FacadeCapabilities.answer(method.getName(), arguments);
    if (facade.isPresent()) {
      return facade.get();
    }
    if (ANSWERED_BY_AVATICA.contains(method.getName()) || isConstructorCall(method)) {
      try {
        return method.invoke(avatica, arguments);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
    String request = MetadataRequest.render(method.getName(), arguments);
    if (method.getReturnType() == ResultSet.class) {
      return rows(request);
    }
    return parse(method.getReturnType(), scalar(method.getName(), request));
  }

  private synchronized boolean isConstructorCall(Method method) {
    if (connectionBuilt || !method.getName().equals("getResultSetHoldability")) {
      return false;
    }
    connectionBuilt = true;
    return true;
  }

  private Object objectMethod(Object proxy, Method method, Object[] arguments) {
    switch (method.getName()) {
      case "equals":
        return proxy == arguments[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "SQLFlow DatabaseMetaData of " + connection;
    }
  }

  private ResultSet rows(String request) throws SQLException {
    Statement statement = connection.createStatement();
    try {
      ResultSet rows = statement.executeQuery(request);
      statement.closeOnCompletion();
      return rows;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private synchronized Optional<String> scalar(String name, String request) throws SQLException {
    if (!scalarsLoaded) {
      // One round trip for every answer that takes no argument.
      readScalars(MetadataRequest.ALL_SCALARS, true);
      scalarsLoaded = true;
    }
    if (!scalars.containsKey(request)) {
      readScalars(request, false);
    }
    Optional<String> answer = scalars.get(request);
    if (answer == null) {
      throw new SQLException("the server gave no answer for " + name, "HY000");
    }
    return answer;
  }

  private void readScalars(String request, boolean byName) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(request)) {
      while (rows.next()) {
        String key = byName ? MetadataRequest.render(rows.getString(1), new Object[0]) : request;
        scalars.put(key, Optional.ofNullable(rows.getString(2)));
      }
    }
  }

  private static Object parse(Class<?> type, Optional<String> text) {
    if (text.isEmpty()) {
      // A nested ?: here would unbox the null of the last branch: one branch per type.
      if (type == boolean.class) {
        return false;
      }
      if (type == int.class) {
        return 0;
      }
      return type == long.class ? (Object) 0L : null;
    }
    String value = text.get();
    if (type == boolean.class) {
      return Boolean.parseBoolean(value);
    }
    if (type == int.class) {
      return Integer.parseInt(value);
    }
    if (type == long.class) {
      return Long.parseLong(value);
    }
    if (type == RowIdLifetime.class) {
      return RowIdLifetime.valueOf(value);
    }
    return value;
  }
}
