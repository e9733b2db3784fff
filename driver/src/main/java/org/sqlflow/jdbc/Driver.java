package org.sqlflow.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaInternals;
import org.apache.calcite.avatica.BuiltInConnectionProperty;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.SqlflowRemoteMetaFactory;
import org.apache.calcite.avatica.util.Quoting;
import org.sqlflow.jdbc.http.KeepAliveHttpClient;
import org.sqlflow.wire.PackedRows;

/**
 * The SQLFlow JDBC driver: Avatica's remote driver under {@code jdbc:sqlflow:} URLs.
 *
 * <p>Accepts {@code jdbc:sqlflow://host:port} and Avatica's own {@code
 * jdbc:sqlflow:url=http://host:port;serialization=protobuf} form; protobuf is the default
 * serialization. Its statements stop server-side jobs on {@code cancel()} and query timeouts, and
 * its result sets hand each row over as soon as the server has it.
 */
public class Driver extends org.apache.calcite.avatica.remote.Driver {
  public static final String PREFIX = "jdbc:sqlflow:";
  public static final String VERSION = "0.1.0";

  static {
    new Driver().register();
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return "org.apache.calcite.avatica.SqlflowJdbcFactory";
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("SQLFlow JDBC Driver", VERSION, "SQLFlow", VERSION, true, 0, 1, 0, 1);
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return SqlflowRemoteMetaFactory.create(this, connection);
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    AvaticaConnection connection;
    try {
      connection =
          (AvaticaConnection)
              super.connect(SqlflowUrl.toAvaticaForm(url), withExactTypes(info, url));
    } catch (RuntimeException e) {
      // Avatica lets a refused connection (bad password, server down) escape unchecked.
      throw AvaticaConnection.HELPER.createException(
          "cannot connect to " + url + ": " + rootMessage(e), null, e);
    }
    connection.properties.put(InternalProperty.QUOTING, quotingOf(connection));
    Optional<String> database = SqlflowUrl.databaseOf(url);
    if (database.isPresent()) {
      startIn(connection, database.get());
    }
    return connection;
  }

  /**
   * Asks the server for the database's own column types and full-precision times, which this
   * driver's result sets read (stock Avatica clients get types they know instead), and for results
   * in packed frames; sends requests with the keep-alive HTTP client.
   */
  private static Properties withExactTypes(Properties info, String url) {
    Properties properties = new Properties();
    if (info != null) {
      properties.putAll(info);
    }
    properties.setProperty("sqlflow_wire", "exact");
    // Avatica's default HTTP client costs a point query about as much as the server's own work;
    // an httpclient_impl in the URL or the properties still wins.
    properties.putIfAbsent(
        BuiltInConnectionProperty.HTTP_CLIENT_IMPL.camelName(),
        KeepAliveHttpClient.class.getName());
    // sqlflow_frames=avatica, in the properties or the URL, keeps Avatica's own frames. Avatica
    // sends the server only the properties, not what the URL adds to them.
    String frames = PackedRows.PROPERTY + "=" + PackedRows.AVATICA;
    if (url.contains(frames)) {
      properties.setProperty(PackedRows.PROPERTY, PackedRows.AVATICA);
    } else if (!properties.containsKey(PackedRows.PROPERTY)) {
      properties.setProperty(PackedRows.PROPERTY, PackedRows.PACKED);
    }
    return properties;
  }

  /**
   * Starts the connection in the URL's database, as {@code jdbc:mysql://host/db} does: MySQL's
   * database is a JDBC catalog, H2's is a schema. Read back at once, so that an unknown database
   * fails the connect with the database's own error.
   */
  private static void startIn(AvaticaConnection connection, String database) throws SQLException {
    try {
      if (isH2(connection)) {
        connection.setSchema(database);
        connection.getSchema();
      } else {
        connection.setCatalog(database);
        connection.getCatalog();
      }
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    if (e instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException) {
      return e.getMessage();
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** Reports the backing database's identifier quote, which Avatica's client cannot know. */
  private static Quoting quotingOf(AvaticaConnection connection) {
    return isH2(connection) ? Quoting.DOUBLE_QUOTE : Quoting.BACK_TICK;
  }

  private static boolean isH2(AvaticaConnection connection) {
    Object backing =
        AvaticaInternals.databaseProperties(connection)
            .get(Meta.DatabaseProperty.GET_DATABASE_PRODUCT_NAME);
    return backing != null && backing.toString().toUpperCase(Locale.ROOT).startsWith("H2");
  }
}
