package org.sqlflow.server.db;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a {@code java.sql.DatabaseMetaData} call with the backing database's own answer, so that
 * keys, indexes, procedures, identifier case and limits read through the facade exactly as the
 * database's driver gives them.
 *
 * <p>Only the interface's own methods are callable, and not those that describe the server's
 * connection rather than the database: its URL (it may hold the server's password), its driver, the
 * connection object itself.
 */
public final class BackingMetadata {
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "getConnection",
          "getURL",
          "unwrap",
          "isWrapperFor",
          "getDriverName",
          "getDriverVersion",
          "getDriverMajorVersion",
          "getDriverMinorVersion",
          "getJDBCMajorVersion",
          "getJDBCMinorVersion");
  private static final Set<Class<?>> SCALARS =
      Set.of(boolean.class, int.class, long.class, String.class, RowIdLifetime.class);

  /** An argument that does not convert to a parameter's type. */
  private static final Object DOES_NOT_FIT = new Object();

  private final DatabaseMetaData metaData;

  public BackingMetadata(DatabaseMetaData metaData) {
    this.metaData = requireNonNull(metaData, "metaData");
  }

  /** What a call answers: a result set, or one scalar rendered as text (null for SQL NULL). */
  public sealed interface Answer permits Rows, Scalar {}

  /** A result set the caller sends on and closes. */
  public record Rows(ResultSet resultSet) implements Answer {}

  /** A scalar answer as text; the driver turns it back into the method's return type. */
  public record Scalar(String name, Optional<String> value) implements Answer {}

  /**
   * Calls {@code method} with {@code arguments} ({@code null}, Boolean, Long, String, or a List of
   * those for an array parameter).
   *
   * @throws IllegalArgumentException when no forwarded method takes these arguments
   * @throws SQLException the database's own failure
   */
  public Answer call(String method, List<Object> arguments) throws SQLException {
    for (Method candidate : forwarded()) {
      if (!candidate.getName().equals(method)
          || candidate.getParameterCount() != arguments.size()) {
        continue;
      }
      Optional<Object[]> converted = convert(candidate.getParameterTypes(), arguments);
      if (converted.isPresent()) {
        Object result = invoke(candidate, converted.get());
        return result instanceof ResultSet rows
            ? new Rows(rows)
            : new Scalar(method, Optional.ofNullable(result).map(BackingMetadata::text));
      }
    }
    throw new IllegalArgumentException(
        "no DatabaseMetaData method "
            + method
            + " taking "
            + arguments.size()
            + " such argument(s)");
  }

  /**
   * Every scalar answer that takes no argument, by method name, so that a client asks once. An
   * answer the database refuses is left out: asked alone, it fails as the database fails.
   */
  public List<Scalar> scalars() {
    List<Scalar> answers = new ArrayList<>();
    for (Method method : forwarded()) {
      if (method.getParameterCount() != 0 || !SCALARS.contains(method.getReturnType())) {
        continue;
      }
      try {
        Object value = invoke(method, new Object[0]);
        answers.add(
            new Scalar(method.getName(), Optional.ofNullable(value).map(BackingMetadata::text)));
      } catch (SQLException | RuntimeException refused) {
        // left out, see above
      }
    }
    return answers;
  }

  private static String text(Object value) {
    return value instanceof RowIdLifetime lifetime ? lifetime.name() : value.toString();
  }

  private static List<Method> forwarded() {
    Map<String, Method> bySignature = new LinkedHashMap<>();
    Arrays.stream(DatabaseMetaData.class.getMethods())
        .filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> !NOT_FORWARDED.contains(m.getName()))
        .sorted(Comparator.comparing(Method::getName))
        .forEach(m -> bySignature.putIfAbsent(m.toGenericString(), m));
    return List.copyOf(bySignature.values());
  }

  private Object invoke(Method method, Object[] arguments) throws SQLException {
    try {
      return method.invoke(metaData, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static Optional<Object[]> convert(Class<?>[] types, List<Object> arguments) {
    Object[] converted = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      converted[i] = convert(types[i], arguments.get(i));
      if (converted[i] == DOES_NOT_FIT) {
        return Optional.empty();
      }
    }
    return Optional.of(converted);
  }

  /** The argument as {@code type}, or {@link #DOES_NOT_FIT}. */
  private static Object convert(Class<?> type, Object argument) {
    if (argument == null) {
      return type.isPrimitive() ? DOES_NOT_FIT : null;
    }
    if ((type == String.class && argument instanceof String)
        || (type == boolean.class && argument instanceof Boolean)
        || (type == long.class && argument instanceof Long)) {
      return argument;
    }
    if (type == int.class && argument instanceof Long n && n == n.intValue()) {
      return n.intValue();
    }
    if (type.isArray() && argument instanceof List<?> list) {
      Object array = Array.newInstance(type.getComponentType(), list.size());
      for (int i = 0; i < list.size(); i++) {
        Object element = convert(type.getComponentType(), list.get(i));
        if (element == DOES_NOT_FIT) {
          return DOES_NOT_FIT;
        }
        Array.set(array, i, element);
      }
      return array;
    }
    return DOES_NOT_FIT;
  }
}
