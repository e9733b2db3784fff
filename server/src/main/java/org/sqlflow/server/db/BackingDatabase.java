package org.sqlflow.server.db;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database behind the server: its JDBC URL, the server's own account, and how a client's
 * account maps onto it.
 *
 * <p>A client that names no user works through the server's account; a client that names one
 * connects as that user with its own password, so the database's privileges apply and the
 * server never lends its account to someone who asked for another.
 */
public final class BackingDatabase {
  private final String url;
  private final String user;
  private final String password;
  private final SqlDialect dialect;

  public BackingDatabase(String url, String user, String password) {
    this.url = withStreamingResults(requireNonNull(url, "url"));
    this.user = user == null ? "" : user;
    this.password = password == null ? "" : password;
    this.dialect = SqlDialect.forUrl(url);
  }

  /** The default embedded database: an H2 file in {@code dataDir}, in MySQL mode. */
  public static String embeddedUrl(java.nio.file.Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sqlflow")
        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
  }

  public String url() {
    return url;
  }

  /** The URL with any password in it masked, for logs and messages. */
  public String displayUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /**
   * The credentials to open a connection for a client: the client's own when it gave a user
   * name, the server's otherwise. Nothing else from the client reaches the database driver.
   */
  public Properties credentialsFor(String clientUser, String clientPassword) {
    Properties credentials = new Properties();
    if (clientUser != null && !clientUser.isEmpty()) {
      credentials.setProperty("user", clientUser);
      credentials.setProperty("password", clientPassword == null ? "" : clientPassword);
    } else if (!user.isEmpty()) {
      credentials.setProperty("user", user);
      credentials.setProperty("password", password);
    }
    // else: the server's account is the one in the URL itself
    return credentials;
  }

  public Connection open(Properties credentials) throws SQLException {
    return DriverManager.getConnection(url, credentials);
  }

  /**
   * A source of new connections with the given credentials, in the given current database
   * (the catalog for MySQL, the schema for H2).
   */
  public ConnectionSource sourceFor(Properties credentials, String catalog, String schema) {
    Properties copy = new Properties();
    copy.putAll(credentials);
    return new ConnectionSource() {
      @Override
      public Connection open() throws SQLException {
        Connection connection = BackingDatabase.this.open(copy);
        if (dialect == SqlDialect.MYSQL && catalog != null) {
          connection.setCatalog(catalog);
        } else if (dialect == SqlDialect.H2 && schema != null) {
          connection.setSchema(schema);
        }
        return connection;
      }

      @Override
      public SqlDialect dialect() {
        return dialect;
      }
    };
  }

  /**
   * Connector/J reads a whole result into memory unless told otherwise; a cursor fetch keeps a
   * million-row SELECT flat in the server's heap and, unlike streaming mode, leaves the
   * connection usable for other statements while a result is open.
   */
  private static String withStreamingResults(String url) {
    if (!url.startsWith("jdbc:mysql:") && !url.startsWith("jdbc:mariadb:")) {
      return url;
    }
    StringBuilder result = new StringBuilder(url);
    char separator = url.contains("?") ? '&' : '?';
    if (!url.contains("useCursorFetch=")) {
      result.append(separator).append("useCursorFetch=true");
      separator = '&';
    }
    if (!url.contains("defaultFetchSize=")) {
      result.append(separator).append("defaultFetchSize=1000");
    }
    return result.toString();
  }
}
