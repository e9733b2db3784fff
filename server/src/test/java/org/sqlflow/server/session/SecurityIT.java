package org.sqlflow.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;
import org.sqlflow.wire.PackedExecute;

/**
 * The attacks of issue 9, each against a real server over HTTP, through our driver or through
 * hand-made Avatica messages, in front of real H2 and MariaDB.
 */
class SecurityIT {
  private static final String SHELL_ALIAS =
      "CREATE ALIAS X AS 'String e(String c) throws"
          + " Exception { return new String(Runtime.getRuntime().exec(new String[]{\"id\"})"
          + ".getInputStream().readAllBytes()); }'";

  @Test
  void anAnonymousClientOfTheEmbeddedDatabaseGetsNoShell(@TempDir Path tmp) throws Exception {
    try (Backend backend = TestBackends.H2.start();
        Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException alias = assertThrows(SQLException.class, () -> s.execute(SHELL_ALIAS));
      assertTrue(alias.getMessage().contains("Admin rights"), alias.getMessage());
      SQLException call = assertThrows(SQLException.class, () -> s.executeQuery("CALL X('x')"));
      assertFalse(call.getMessage().contains("uid="), call.getMessage());
      SQLException read =
          assertThrows(SQLException.class, () -> s.executeQuery("SELECT FILE_READ('/etc/passwd')"));
      assertTrue(read.getMessage().contains("Admin rights"), read.getMessage());
      Path written = tmp.resolve("written.csv");
      assertThrows(
          SQLException.class, () -> s.execute("CALL CSVWRITE('" + written + "', 'SELECT 1')"));
      assertFalse(Files.exists(written));
      // What clients are for still works: schemas, tables, rows.
      s.execute("CREATE SCHEMA IF NOT EXISTS mine");
      s.execute("CREATE TABLE mine.t (x INT)");
      assertEquals(1, s.executeUpdate("INSERT INTO mine.t VALUES (1)"));
    }
  }

  @Test
  void theEmbeddedDatabasesAdministratorCannotLogInThroughTheServer() throws Exception {
    try (Backend backend = TestBackends.H2.start()) {
      SQLException refused =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(backend.url(), "sa", "").close());
      assertEquals("28000", refused.getSQLState());
    }
  }

  @Test
  void withoutAllowAnonymousEveryClientLogsInAndAWrongPasswordIs28000() throws Exception {
    try (Backend backend = TestBackends.MARIADB.startWithLogins(List.of())) {
      // No credentials at all: HTTP 401 with a BASIC challenge, which Avatica reports as such.
      SQLException anonymous =
          assertThrows(
              SQLException.class, () -> DriverManager.getConnection(backend.url()).close());
      assertTrue(anonymous.getMessage().contains("401"), anonymous.getMessage());
      SQLException wrong =
          assertThrows(
              SQLException.class,
              () -> DriverManager.getConnection(backend.url(), "sqlflow", "wrong").close());
      assertEquals("28000", wrong.getSQLState());
      assertTrue(wrong.getMessage().contains("Access denied"), wrong.getMessage());
      try (Connection c = DriverManager.getConnection(backend.url(), "sqlflow", "sqlflow");
          ResultSet rs = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("sqlflow@"), rs.getString(1));
      }
    }
  }

  @Test
  void httpBasicCredentialsLogInAsAvaticaClientsSendThem() throws Exception {
    try (Backend backend = TestBackends.MARIADB.startWithLogins(List.of())) {
      String url =
          backend.url()
              + "?authentication=BASIC&avatica_user=sqlflow"
              + "&avatica_password=sqlflow";
      try (Connection c = DriverManager.getConnection(url);
          ResultSet rs = c.createStatement().executeQuery("SELECT CURRENT_USER()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("sqlflow@"), rs.getString(1));
      }
    }
  }

  @Test
  void aForeignOrNeverOpenedIdIsRefusedAndTheVictimsDataIsUntouched() throws Exception {
    try (Backend backend = TestBackends.MARIADB.start()) {
      String victimUser = victimWithSecret(backend);
      try (Connection victim = DriverManager.getConnection(backend.url(), victimUser, "pw");
          Statement victimStatement = victim.createStatement()) {
        try (ResultSet rs = victimStatement.executeQuery("SELECT v FROM secret")) {
          assertTrue(rs.next());
        }
        int statementId = ((AvaticaStatement) victimStatement).getId();
        String victimConnection = ((AvaticaConnection) victim).id;
        RawAvatica raw = new RawAvatica(backend.server().port());
        // A connection id that was never opened, with the victim's statement id.
        Service.Response neverOpened =
            raw.send(
                new Service.PrepareAndExecuteRequest(
                    UUID.randomUUID().toString(), statementId, "DELETE FROM secret", -1));
        assertError(neverOpened, "08003");
        // The attacker's own connection, with the victim's statement id.
        String attacker = UUID.randomUUID().toString();
        assertInstanceOf(
            Service.OpenConnectionResponse.class,
            raw.send(new Service.OpenConnectionRequest(attacker, Map.of())));
        assertError(
            raw.send(
                new Service.PrepareAndExecuteRequest(
                    attacker, statementId, "DELETE FROM secret", -1)),
            "08003");
        assertError(raw.send(new Service.FetchRequest(attacker, statementId, 0, 100)), "08003");
        assertError(raw.send(new Service.CloseStatementRequest(attacker, statementId)), "08003");
        // The victim's connection id, sent with another login's credentials.
        assertError(
            raw.send(
                new Service.CloseConnectionRequest(victimConnection),
                Optional.of("sqlflow:sqlflow")),
            "28000");
        // The victim's connection and statement still work, the data is there.
        try (ResultSet rs = victimStatement.executeQuery("SELECT COUNT(*) FROM secret")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      } finally {
        dropUser(backend, victimUser);
      }
    }
  }

  @Test
  void aPackedExecuteOfAnotherConnectionsStatementIsRefusedAsAvaticasIs() throws Exception {
    try (Backend backend = TestBackends.MARIADB.start()) {
      String victimUser = victimWithSecret(backend);
      try (Connection victim = DriverManager.getConnection(backend.url(), victimUser, "pw");
          PreparedStatement victimStatement =
              victim.prepareStatement("DELETE FROM secret WHERE v <> ?")) {
        int statementId = ((AvaticaStatement) victimStatement).getId();
        String victimConnection = ((AvaticaConnection) victim).id;
        RawAvatica raw = new RawAvatica(backend.server().port());
        String attacker = UUID.randomUUID().toString();
        assertInstanceOf(
            Service.OpenConnectionResponse.class,
            raw.send(new Service.OpenConnectionRequest(attacker, Map.of())));
        byte[] parameter =
            TypedValue.ofLocal(ColumnMetaData.Rep.STRING, "x").toProto().toByteArray();
        assertError(
            raw.post(
                PackedExecute.write(
                    new PackedExecute.Request(attacker, statementId, -1, List.of(parameter))),
                Optional.empty()),
            "08003");
        assertError(
            raw.post(
                PackedExecute.write(
                    new PackedExecute.Request(
                        victimConnection, statementId, -1, List.of(parameter))),
                Optional.of("sqlflow:sqlflow")),
            "28000");
        // A damaged request is refused as one; the server stays up.
        byte[] whole =
            PackedExecute.write(
                new PackedExecute.Request(attacker, statementId, -1, List.of(parameter)));
        assertInstanceOf(
            Service.ErrorResponse.class,
            raw.post(Arrays.copyOf(whole, whole.length - 3), Optional.empty()));
        try (ResultSet rs = victim.createStatement().executeQuery("SELECT COUNT(*) FROM secret")) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1), "the victim's row is still there");
        }
      } finally {
        dropUser(backend, victimUser);
      }
    }
  }

  /** A database user with a table of one secret row, and the user's name (password "pw"). */
  private static String victimWithSecret(Backend backend) throws SQLException {
    String victimUser = backend.database() + "_v";
    try (Connection d = backend.direct();
        Statement s = d.createStatement()) {
      s.execute("CREATE TABLE secret (v VARCHAR(20))");
      s.execute("INSERT INTO secret VALUES ('the victim''s')");
      s.execute("CREATE USER '" + victimUser + "'@'%' IDENTIFIED BY 'pw'");
      s.execute("GRANT ALL ON " + backend.database() + ".* TO '" + victimUser + "'@'%'");
    }
    return victimUser;
  }

  private static void dropUser(Backend backend, String user) throws SQLException {
    try (Connection d = backend.direct();
        Statement s = d.createStatement()) {
      s.execute("DROP USER '" + user + "'@'%'");
    }
  }

  @Test
  void aFloodOfOpensIsRefusedPastTheCapWhileTheDatabaseStillTakesClients() throws Exception {
    try (Backend backend =
        TestBackends.MARIADB.start(
            List.of("--max-connections", "6", "--max-connections-per-login", "4"))) {
      List<Connection> open = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          open.add(backend.sqlflow());
        }
        SQLException perLogin = assertThrows(SQLException.class, () -> backend.sqlflow().close());
        assertEquals("08004", perLogin.getSQLState());
        assertTrue(
            perLogin.getMessage().contains("--max-connections-per-login"), perLogin.getMessage());
        open.add(DriverManager.getConnection(backend.url(), "sqlflow", "sqlflow"));
        open.add(DriverManager.getConnection(backend.url(), "sqlflow", "sqlflow"));
        SQLException total =
            assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection(backend.url(), "sqlflow", "sqlflow").close());
        assertEquals("08004", total.getSQLState());
        try (Connection direct = backend.direct();
            ResultSet rs = direct.createStatement().executeQuery("SELECT 1")) {
          assertTrue(rs.next());
        }
        open.remove(0).close();
        try (Connection again = backend.sqlflow()) {
          assertTrue(again.isValid(5));
        }
      } finally {
        for (Connection c : open) {
          c.close();
        }
      }
    }
  }

  @Test
  void slowUploadsDoNotDelayAnotherClientsQuery() throws Exception {
    try (Backend backend = TestBackends.H2.start(List.of("--request-read-seconds", "20"))) {
      selectOne(backend); // warm: the driver's first connection loads its classes
      List<Socket> slow = new ArrayList<>();
      try {
        // More than Jetty's 200 threads: before, each held one while its body trickled in.
        for (int i = 0; i < 260; i++) {
          Socket socket = new Socket();
          socket.connect(new InetSocketAddress("127.0.0.1", backend.server().port()), 5000);
          OutputStream out = socket.getOutputStream();
          out.write(
              ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nx")
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          slow.add(socket);
        }
        for (int round = 0; round < 3; round++) {
          Thread.sleep(1000);
          for (Socket socket : slow) {
            socket.getOutputStream().write('x');
          }
          long start = System.nanoTime();
          selectOne(backend);
          long millis = (System.nanoTime() - start) / 1_000_000;
          assertTrue(millis < 1000, "SELECT 1 took " + millis + " ms");
        }
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
    }
  }

  @Test
  void anOversizedBodyIsRefusedAndTheServerStaysUp() throws Exception {
    try (Backend backend = TestBackends.H2.start(List.of("--max-request-mb", "1"))) {
      try (Socket socket = new Socket("127.0.0.1", backend.server().port())) {
        socket
            .getOutputStream()
            .write(
                ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + (100L << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(new byte[64 * 1024]);
        socket.setSoTimeout(10_000);
        String status = statusLine(socket.getInputStream());
        assertTrue(status.contains(" 413 "), status);
      }
      try (Connection c = backend.sqlflow();
          ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void errorResponsesCarryNoStackTrace() throws Exception {
    try (Backend backend = TestBackends.H2.start()) {
      RawAvatica raw = new RawAvatica(backend.server().port());
      String connection = UUID.randomUUID().toString();
      raw.send(new Service.OpenConnectionRequest(connection, Map.of()));
      Service.CreateStatementResponse created =
          (Service.CreateStatementResponse)
              raw.send(new Service.CreateStatementRequest(connection));
      Service.ErrorResponse syntax =
          assertInstanceOf(
              Service.ErrorResponse.class,
              raw.send(
                  new Service.PrepareAndExecuteRequest(
                      connection, created.statementId, "SELEC 1", -1)));
      assertEquals("42001", syntax.sqlState);
      assertNoStackTrace(syntax);
      Service.ErrorResponse garbage =
          assertInstanceOf(
              Service.ErrorResponse.class,
              raw.post(
                  "not a protobuf message".getBytes(StandardCharsets.UTF_8), Optional.empty()));
      assertNoStackTrace(garbage);
      try (Connection c = backend.sqlflow()) {
        SQLException error =
            assertThrows(
                SQLException.class,
                () -> c.createStatement().executeQuery("SELECT * FROM no_such_table"));
        // The driver gives the server's message; Avatica's exception, with the server's
        // stack traces field, is its cause.
        org.apache.calcite.avatica.AvaticaSqlException server =
            assertInstanceOf(
                org.apache.calcite.avatica.AvaticaSqlException.class, error.getCause());
        assertFalse(String.join("\n", server.getStackTraces()).contains("\tat "), error.toString());
      }
    }
  }

  @Test
  void trainingIntoADataTableLeavesTheTableIntact() throws Exception {
    try (Backend backend = TestBackends.H2.start(List.of("--sample-data"));
        Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException refused =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
                          + " model.hidden_units = [10] LABEL class INTO iris.test"));
      assertEquals("42S01", refused.getSQLState());
      assertTrue(refused.getMessage().contains("is not a SQLFlow model"), refused.getMessage());
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(class) FROM iris.test")) {
        assertTrue(rs.next());
        assertEquals(40, rs.getInt(1));
      }
    }
  }

  @Test
  void leftoversOfEarlierRunsAreRemovedAtStart(@TempDir Path dataDir) throws Exception {
    String url = BackingDatabase.embeddedUrl(dataDir);
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA models");
      s.execute("CREATE TABLE models.sqlflow_tmp_0123456789abcdef (id INT)");
      s.execute("CREATE TABLE models.sqlflow_tmp_mine (id INT)");
    }
    Path job = Files.createDirectories(dataDir.resolve("jobs").resolve("job-7"));
    Files.writeString(job.resolve("rows.jsonl"), "left over");
    Path spilled = Files.createDirectories(dataDir.resolve("results")).resolve("result-1.rows");
    Files.writeString(spilled, "left over");
    ServerOptions options =
        ServerOptions.parse(
            Map.of(),
            List.of("--port", "0", "--data-dir", dataDir.toString(), "--python-check", "skip"));
    try (SqlflowServer server = SqlflowServer.start(options)) {
      assertFalse(Files.exists(job));
      assertFalse(Files.exists(spilled));
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT TABLE_NAME FROM"
                          + " INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'models' ORDER BY 1")) {
        List<String> tables = new ArrayList<>();
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
        assertEquals(List.of("sqlflow_tmp_mine"), tables);
      }
    } catch (SQLException e) {
      // The embedded file is the server's alone while it runs; read it after.
      throw e;
    }
  }

  @Test
  void theServerListensOnLoopbackUnlessToldOtherwise(@TempDir Path dataDir) throws Exception {
    Optional<InetAddress> external =
        Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
            .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst();
    ServerOptions options =
        ServerOptions.parse(
            Map.of(),
            List.of("--port", "0", "--data-dir", dataDir.toString(), "--python-check", "skip"));
    try (SqlflowServer server = SqlflowServer.start(options)) {
      try (Socket loopback = new Socket("127.0.0.1", server.port())) {
        assertTrue(loopback.isConnected());
      }
      if (external.isPresent()) {
        assertThrows(
            java.io.IOException.class, () -> new Socket(external.get(), server.port()).close());
      }
    }
  }

  @Test
  void tlsWorksEndToEndWithTheShadedDriver(@TempDir Path tmp) throws Exception {
    Path keystore = tmp.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "sqlflow",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String keytoolOutput =
        new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), keytoolOutput);
    Path jar = Path.of("..", "driver", "target", "sqlflow-jdbc.jar").toAbsolutePath();
    assertTrue(Files.exists(jar), "package the driver first: " + jar);
    try (Backend backend =
            TestBackends.H2.start(
                List.of(
                    "--tls-keystore", keystore.toString(), "--tls-keystore-password", "changeit"));
        java.net.URLClassLoader loader =
            new java.net.URLClassLoader(
                new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      java.sql.Driver shaded =
          (java.sql.Driver)
              loader.loadClass("org.sqlflow.jdbc.Driver").getDeclaredConstructor().newInstance();
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("truststore", keystore.toString());
      properties.setProperty("truststore_password", "changeit");
      String url = "jdbc:sqlflow:https://localhost:" + backend.server().port();
      try (Connection c = shaded.connect(url, properties);
          ResultSet rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
      // The port speaks TLS only: a plain HTTP request gets no HTTP answer.
      try (Socket plain = new Socket("127.0.0.1", backend.server().port())) {
        plain.setSoTimeout(5000);
        plain
            .getOutputStream()
            .write(
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
        String answer;
        try {
          answer = statusLine(plain.getInputStream());
        } catch (java.net.SocketTimeoutException e) {
          answer = "";
        }
        assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
      }
    }
  }

  @Test
  void aMysqlUrlWithoutDefaultDatabaseServesQualifiedStatements(@TempDir Path dataDir)
      throws Exception {
    String database = "it_nodb_" + Long.toHexString(System.nanoTime());
    String server = TestBackends.mariaDbServerUrl();
    try (Connection d = DriverManager.getConnection(server);
        Statement s = d.createStatement()) {
      s.execute("CREATE DATABASE " + database);
      s.execute("CREATE TABLE " + database + ".t (a DOUBLE, b DOUBLE, c INT)");
      s.execute("INSERT INTO " + database + ".t VALUES (1, 2, 0), (2, 3, 1), (3, 1, 0)");
    }
    ServerOptions options =
        ServerOptions.parse(
            Map.of(),
            List.of(
                "--port",
                "0",
                "--db",
                server,
                "--data-dir",
                dataDir.toString(),
                "--python-check",
                "skip",
                "--allow-anonymous"));
    try (SqlflowServer sqlflow = SqlflowServer.start(options);
        Connection c = DriverManager.getConnection("jdbc:sqlflow://localhost:" + sqlflow.port());
        Statement s = c.createStatement()) {
      SQLException noModel =
          assertThrows(SQLException.class, () -> s.executeQuery("SHOW TRAIN " + database + ".m"));
      assertTrue(noModel.getMessage().contains("does not exist"), noModel.getMessage());
      // Verification samples the SELECT: it used to fail with "No database selected".
      SQLException intoData =
          assertThrows(
              SQLException.class,
              () ->
                  s.executeQuery(
                      "SELECT * FROM "
                          + database
                          + ".t TO TRAIN DNNClassifier WITH model.n_classes = 2"
                          + " LABEL c INTO "
                          + database
                          + ".t"));
      assertEquals("42S01", intoData.getSQLState(), intoData.getMessage());
    } finally {
      try (Connection d = DriverManager.getConnection(server);
          Statement s = d.createStatement()) {
        s.execute("DROP DATABASE " + database);
      }
    }
  }

  private static void selectOne(Backend backend) throws SQLException {
    try (Connection c = backend.sqlflow();
        ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
      assertTrue(rs.next());
    }
  }

  private static void assertError(Service.Response response, String sqlState) {
    Service.ErrorResponse error = assertInstanceOf(Service.ErrorResponse.class, response);
    assertEquals(sqlState, error.sqlState, error.errorMessage);
    assertNoStackTrace(error);
  }

  private static void assertNoStackTrace(Service.ErrorResponse error) {
    for (String exception : error.exceptions) {
      assertFalse(exception.contains("\tat ") || exception.contains("\n"), exception);
    }
  }

  private static String statusLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      line.append((char) b);
    }
    return line.toString();
  }
}
