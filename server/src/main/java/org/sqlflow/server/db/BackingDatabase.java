package org.sqlflow.server.db;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The database behind the server: its JDBC URL, the server's own account, and how a client's
 * account maps onto it.
 *
 * <p>A client that names no user (allowed only with {@code --allow-anonymous}) works through the
 * client account; a client that names one connects as that user with its own password, so the
 * database's privileges apply and the server never lends its account to someone who asked for
 * another. In front of MySQL the client account is the server's; on H2 the server's account is an
 * administrator (Java aliases, file functions: a shell on the host), so {@link
 * #prepareClientAccount()} makes a separate account without those rights.
 */
public final class BackingDatabase {
  /** The embedded database's account for anonymous clients: no ADMIN, rights on schemas only. */
  public static final String H2_CLIENT_USER = "sqlflow_client";

  private final String url;
  private final String user;
  private final String password;
  private final SqlDialect dialect;
  private volatile Properties clientAccount;

  public BackingDatabase(String url, String user, String password) {
    LocalInfile.refuseInUrl(requireNonNull(url, "url"));
    this.url = withStreamingResults(url);
    this.user = user == null ? "" : user;
    this.password = password == null ? "" : password;
    this.dialect = SqlDialect.forUrl(url);
    this.clientAccount = account(this.user, this.password);
  }

  /**
   * On H2, when the server's account is an administrator: creates (or re-keys) the non-admin
   * account anonymous clients use, with a fresh random password each start, and the right to create
   * and use schemas and tables ({@code ALTER ANY SCHEMA}) and nothing more. H2 refuses such an
   * account CREATE ALIAS, CREATE TRIGGER, FILE_READ, FILE_WRITE, CSVREAD, CSVWRITE, LINKED TABLE,
   * RUNSCRIPT, SCRIPT TO, BACKUP and SET.
   */
  public void prepareClientAccount() throws SQLException {
    if (dialect != SqlDialect.H2) {
      return;
    }
    try (Connection connection = open(serverCredentials());
        Statement statement = connection.createStatement()) {
      if (!isAdmin(connection)) {
        return;
      }
      byte[] secret = new byte[24];
      new SecureRandom().nextBytes(secret);
      String clientPassword = HexFormat.of().formatHex(secret);
      statement.execute(
          "CREATE USER IF NOT EXISTS " + H2_CLIENT_USER + " PASSWORD '" + clientPassword + "'");
      statement.execute("ALTER USER " + H2_CLIENT_USER + " SET PASSWORD '" + clientPassword + "'");
      statement.execute("ALTER USER " + H2_CLIENT_USER + " ADMIN FALSE");
      statement.execute("GRANT ALTER ANY SCHEMA TO " + H2_CLIENT_USER);
      clientAccount = account(H2_CLIENT_USER, clientPassword);
    }
  }

  /** Whether the connection's user is an H2 administrator (always false for MySQL). */
  public boolean isAdmin(Connection connection) throws SQLException {
    if (dialect != SqlDialect.H2) {
      return false;
    }
    try (Statement statement = connection.createStatement();
        ResultSet admin =
            statement.executeQuery(
                "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS"
                    + " WHERE USER_NAME = CURRENT_USER")) {
      return admin.next() && admin.getBoolean(1);
    }
  }

  /** The server's own account, for its own work (sample data, start-up cleanup). */
  public Properties serverCredentials() {
    return account(user, password);
  }

  /** The name anonymous clients work under, as SHOW JOBS compares accounts. */
  public String clientUser() {
    return clientAccount.getProperty("user", "");
  }

  private static Properties account(String user, String password) {
    Properties credentials = new Properties();
    if (!user.isEmpty()) {
      credentials.setProperty("user", user);
      credentials.setProperty("password", password);
    }
    // else: the account is the one in the URL itself
    return credentials;
  }

  /** The default embedded database: an H2 file in {@code dataDir}, in MySQL mode. */
  public static String embeddedUrl(java.nio.file.Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("sqlflow")
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
   * The rows per database fetch when the backing statements read through a server-side cursor (the
   * default in front of MySQL), or 0 when they do not (H2, or a {@code --db} URL that turned the
   * cursor off): then there is no cursor round trip to save on small results.
   */
  public int cursorFetchSize() {
    if (dialect != SqlDialect.MYSQL || !urlOption("useCursorFetch").equalsIgnoreCase("true")) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(urlOption("defaultFetchSize")));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A query option of the URL, or "" (Connector/J's URL options are key=value after '?'). */
  private String urlOption(String key) {
    int query = url.indexOf('?');
    if (query < 0) {
      return "";
    }
    for (String option : url.substring(query + 1).split("&")) {
      int equals = option.indexOf('=');
      if (equals > 0 && option.substring(0, equals).equalsIgnoreCase(key)) {
        return option.substring(equals + 1);
      }
    }
    return "";
  }

  /**
   * The credentials to open a connection for a client: the client's own when it gave a user name,
   * the client account otherwise. Nothing else from the client reaches the database driver.
   */
  public Properties credentialsFor(String clientUser, String clientPassword) {
    if (clientUser != null && !clientUser.isEmpty()) {
      return account(clientUser, clientPassword == null ? "" : clientPassword);
    }
    Properties credentials = new Properties();
    credentials.putAll(clientAccount);
    return credentials;
  }

  /**
   * The credentials plus the client's own connection options that the database's driver should see:
   * Connector/J's {@code allowMultiQueries=true} (several statements in one execute), on MySQL or
   * MariaDB only. Other options stay the server's.
   */
  public Properties withClientOptions(Properties credentials, java.util.Map<String, String> info) {
    boolean mysql = url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:");
    if (!mysql || info == null || !"true".equalsIgnoreCase(info.get("allowMultiQueries"))) {
      return credentials;
    }
    Properties options = new Properties();
    options.putAll(credentials);
    options.setProperty("allowMultiQueries", "true");
    return options;
  }

  public Connection open(Properties credentials) throws SQLException {
    return DriverManager.getConnection(url, credentials);
  }

  /**
   * A source of new connections with the given credentials, in the given current database (the
   * catalog for MySQL, the schema for H2).
   */
  public ConnectionSource sourceFor(Properties credentials, String catalog, String schema) {
    Properties copy = new Properties();
    copy.putAll(credentials);
    return new ConnectionSource() {
      @Override
      public Connection open() throws SQLException {
        return inCurrentDatabase(BackingDatabase.this.open(copy), catalog, schema);
      }

      @Override
      public Connection openForBulkLoad() throws SQLException {
        if (dialect != SqlDialect.MYSQL) {
          return open();
        }
        Properties bulk = new Properties();
        bulk.putAll(copy);
        LocalInfile.permit(bulk);
        return inCurrentDatabase(BackingDatabase.this.open(bulk), catalog, schema);
      }

      @Override
      public SqlDialect dialect() {
        return dialect;
      }
    };
  }

  private Connection inCurrentDatabase(Connection connection, String catalog, String schema)
      throws SQLException {
    // Connector/J reports "no current database" as "", and setCatalog("") fails every
    // later statement with "No database selected", qualified names or not.
    try {
      if (dialect == SqlDialect.MYSQL && catalog != null && !catalog.isEmpty()) {
        connection.setCatalog(catalog);
      } else if (dialect == SqlDialect.H2 && schema != null) {
        connection.setSchema(schema);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * Connector/J reads a whole result into memory unless told otherwise; a cursor fetch keeps a
   * million-row SELECT flat in the server's heap and, unlike streaming mode, leaves the connection
   * usable for other statements while a result is open. Results expected to be small are streamed
   * instead (one round trip; see the protocol's CursorChoice), and read off the socket at once, so
   * Connector/J's raising of {@code net_write_timeout} around each streamed query (two more round
   * trips) is turned off.
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
      separator = '&';
    }
    if (!url.contains("netTimeoutForStreamingResults=")) {
      result.append(separator).append("netTimeoutForStreamingResults=0");
    }
    return result.toString();
  }
}
