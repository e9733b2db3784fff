package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.testing.FakeTrainingHandler;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * Extended statements answer a log that streams row by row through the real driver over HTTP, and
 * every way of stopping a job (cancel, query timeout, close, KILL JOB) stops its process tree. The
 * training program here is the fake one, so the timings are known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingIT {
  private static final Duration HEARTBEAT = Duration.ofSeconds(1);
  private static final Pattern PID = Pattern.compile("^(?:child )?pid (\\d+)$");
  private static final Pattern STAMP = Pattern.compile("^epoch (\\d+), .* at (\\d+)$");

  private Backend backend;

  @BeforeAll
  void start() throws Exception {
    backend =
        TestBackends.H2.start(
            List.of("--max-jobs", "4", "--heartbeat-seconds", Long.toString(HEARTBEAT.toSeconds())),
            (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
  }

  @AfterAll
  void stop() throws Exception {
    backend.close();
  }

  private static String fake(String args) {
    return "SELECT 1 TO TRAIN Fake WITH fake.args = \"" + args + "\" INTO m";
  }

  @Test
  void eachLineReachesNextBeforeTheNextIsPrinted() throws SQLException {
    List<String> rows = new ArrayList<>();
    List<Long> received = new ArrayList<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(fake("--epochs 6 --pause 0.7 --stamp"))) {
      assertEquals("log", rs.getMetaData().getColumnLabel(1));
      while (rs.next()) {
        rows.add(rs.getString(1));
        received.add(System.currentTimeMillis());
      }
    }
    assertEquals(
        List.of("Done parsing", "Done verifying", "Done code generation", "Start training"),
        rows.subList(0, 4));
    assertTrue(rows.get(rows.size() - 2).equals("Done training"), rows.toString());
    assertTrue(
        rows.get(rows.size() - 1).matches("Job finished\\. Time elapsed \\d+\\.\\d s"),
        rows.get(rows.size() - 1));
    List<long[]> epochs = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Matcher m = STAMP.matcher(rows.get(i));
      if (m.matches()) {
        epochs.add(new long[] {Long.parseLong(m.group(2)), received.get(i)});
      }
    }
    assertEquals(6, epochs.size(), rows.toString());
    for (int k = 0; k + 1 < epochs.size(); k++) {
      assertTrue(
          epochs.get(k)[1] < epochs.get(k + 1)[0],
          "epoch "
              + k
              + " was received at "
              + epochs.get(k)[1]
              + ", after epoch "
              + (k + 1)
              + " was printed at "
              + epochs.get(k + 1)[0]);
    }
  }

  @Test
  void silenceLongerThanHeartbeatAndClientTimeoutStillEndsNormally() throws SQLException {
    // The client gives up on an HTTP response after 3 s; the program is silent for 5 s.
    String url =
        "jdbc:sqlflow:url=http://localhost:"
            + backend.server().port()
            + ";http_response_timeout=3000";
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(fake("--epochs 3 --hang 5"))) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    assertTrue(rows.contains("epoch 2, train_loss = 0.3333"), rows.toString());
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), rows.toString());
  }

  @Test
  void errorsCarryTheServersMessageStateAndVendorCode() throws SQLException {
    String unknown = "SELECT 1 TO TRAIN Nope INTO m";
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(unknown));
      assertEquals("only TO TRAIN Fake is known here", e.getMessage());
      assertEquals(ErrorCode.INVALID_ATTRIBUTE.sqlState(), e.getSQLState());
      assertEquals(ErrorCode.INVALID_ATTRIBUTE.code(), e.getErrorCode());
      try (PreparedStatement prepared = c.prepareStatement(unknown)) {
        SQLException again = assertThrows(SQLException.class, prepared::executeQuery);
        assertEquals("only TO TRAIN Fake is known here", again.getMessage());
        assertEquals(ErrorCode.INVALID_ATTRIBUTE.code(), again.getErrorCode());
      }
      // Refused while preparing: a syntax error the server finds at prepare time.
      String misspelled = "SELECT 1 TO TRAIN Fake LABLE x INTO m";
      SQLException atPrepare =
          assertThrows(SQLException.class, () -> c.prepareStatement(misspelled));
      assertTrue(
          atPrepare.getMessage().startsWith("Syntax error at line 1"), atPrepare.getMessage());
      assertEquals(ErrorCode.SYNTAX_ERROR.sqlState(), atPrepare.getSQLState());
      assertEquals(ErrorCode.SYNTAX_ERROR.code(), atPrepare.getErrorCode());
      ResultSet rs = s.executeQuery(fake("--epochs 5 --fail-after 2"));
      SQLException failure =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  rs.getString(1);
                }
              });
      assertEquals("ValueError: could not convert string to float: 'abc'", failure.getMessage());
      assertEquals(ErrorCode.JOB_FAILED.sqlState(), failure.getSQLState());
      assertEquals(ErrorCode.JOB_FAILED.code(), failure.getErrorCode());
    }
  }

  @Test
  void failingProgramThrowsItsExceptionFromNextAndConnectionStaysUsable() throws SQLException {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      // Refused while preparing: a syntax error the server finds at prepare time.
      String misspelled = "SELECT 1 TO TRAIN Fake LABLE x INTO m";
      SQLException atPrepare =
          assertThrows(SQLException.class, () -> c.prepareStatement(misspelled));
      assertTrue(
          atPrepare.getMessage().startsWith("Syntax error at line 1"), atPrepare.getMessage());
      assertEquals(ErrorCode.SYNTAX_ERROR.sqlState(), atPrepare.getSQLState());
      assertEquals(ErrorCode.SYNTAX_ERROR.code(), atPrepare.getErrorCode());
      ResultSet rs = s.executeQuery(fake("--epochs 5 --fail-after 2"));
      List<String> rows = new ArrayList<>();
      SQLException failure =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  rows.add(rs.getString(1));
                }
              });
      assertTrue(
          failure
              .getMessage()
              .contains("ValueError: could not convert string to float:" + " 'abc'"),
          failure.getMessage());
      assertFalse(failure.getMessage().contains("fake_training"), failure.getMessage());
      assertTrue(rows.contains("epoch 1, train_loss = 0.5000"), rows.toString());
      try (ResultSet again = s.executeQuery("SELECT 6 * 7")) {
        assertTrue(again.next());
        assertEquals(42, again.getInt(1));
      }
    }
  }

  @Test
  void hundredThousandLinesArriveInOrder() throws SQLException {
    int expected = 0;
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(fake("--flood 100000"))) {
      while (rs.next()) {
        String line = rs.getString(1);
        if (line.startsWith("line ")) {
          assertEquals("line " + expected, line);
          expected++;
        }
      }
    }
    assertEquals(100_000, expected);
  }

  @Test
  void twoConnectionsSeeOnlyTheirOwnRows() throws Exception {
    CompletableFuture<List<String>> three =
        CompletableFuture.supplyAsync(() -> readAll(fake("--epochs 3 --pause 0.3")));
    CompletableFuture<List<String>> five =
        CompletableFuture.supplyAsync(() -> readAll(fake("--epochs 5 --pause 0.2")));
    assertEquals(3, epochCount(three.get(60, TimeUnit.SECONDS)));
    assertEquals(5, epochCount(five.get(60, TimeUnit.SECONDS)));
    assertEquals(1, three.get().stream().filter(l -> l.startsWith("pid ")).count());
    assertEquals(1, five.get().stream().filter(l -> l.startsWith("pid ")).count());
  }

  @Test
  void cancelFromAnotherThreadKillsTheProcessTree() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery(fake("--spawn-child"));
      List<Long> pids = readPids(rs, 2);
      CompletableFuture.runAsync(
              () -> {
                try {
                  s.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              })
          .get(10, TimeUnit.SECONDS);
      assertThrows(SQLException.class, rs::next);
      assertGoneWithin(pids, Duration.ofSeconds(2));
    }
  }

  @Test
  void preparedStatementStreamsAndItsCancelKillsTheProcessTree() throws Exception {
    try (Connection c = backend.sqlflow();
        java.sql.PreparedStatement p = c.prepareStatement(fake("--spawn-child"))) {
      assertEquals("log", p.getMetaData().getColumnLabel(1));
      ResultSet rs = p.executeQuery();
      List<Long> pids = readPids(rs, 2);
      CompletableFuture.runAsync(
              () -> {
                try {
                  p.cancel();
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              })
          .get(10, TimeUnit.SECONDS);
      assertThrows(SQLException.class, rs::next);
      assertGoneWithin(pids, Duration.ofSeconds(2));
    }
  }

  @Test
  void queryTimeoutKillsTheProcessTree() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(2);
      long start = System.nanoTime();
      ResultSet rs = s.executeQuery(fake("--spawn-child"));
      List<Long> pids = readPids(rs, 2);
      SQLException timedOut =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  // the program prints nothing more; only the timeout ends this
                }
              });
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(elapsedMs >= 1900 && elapsedMs < 10_000, "ended after " + elapsedMs + " ms");
      assertTrue(timedOut.getMessage().contains("cancel"), timedOut.getMessage());
      assertGoneWithin(pids, Duration.ofSeconds(2));
    }
  }

  @Test
  void statementCloseKillsTheProcessTree() throws Exception {
    try (Connection c = backend.sqlflow()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery(fake("--spawn-child"));
      List<Long> pids = readPids(rs, 2);
      s.close();
      assertGoneWithin(pids, Duration.ofSeconds(2));
    }
  }

  @Test
  void connectionCloseKillsTheProcessTree() throws Exception {
    Connection c = backend.sqlflow();
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery(fake("--spawn-child"));
    List<Long> pids = readPids(rs, 2);
    c.close();
    assertGoneWithin(pids, Duration.ofSeconds(2));
  }

  @Test
  void killJobFromAnotherConnectionStopsIt() throws Exception {
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        Connection admin = backend.sqlflow();
        Statement a = admin.createStatement()) {
      String statement = fake("--spawn-child");
      ResultSet rs = s.executeQuery(statement);
      List<Long> pids = readPids(rs, 2);
      long jobId = -1;
      try (ResultSet jobs = a.executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          if (jobs.getString("statement").equals(statement)
              && jobs.getString("state").equals("RUNNING")) {
            jobId = jobs.getLong("id");
            assertTrue(
                jobs.getString("last_line").startsWith("child pid "), jobs.getString("last_line"));
            // Where it runs, after the columns SHOW JOBS always had: a process of this server.
            assertEquals("runs_on", jobs.getMetaData().getColumnLabel(8));
            assertEquals(
                "local:" + backend.options().registry().serverName(), jobs.getString("runs_on"));
          }
        }
      }
      assertTrue(jobId > 0, "SHOW JOBS did not list the running job");
      assertEquals(1, a.executeUpdate("KILL JOB " + jobId));
      assertGoneWithin(pids, Duration.ofSeconds(2));
      SQLException killed = assertThrows(SQLException.class, rs::next);
      assertTrue(killed.getMessage().contains("KILL JOB"), killed.getMessage());
      assertEquals("57014", killed.getSQLState());
    }
  }

  @Test
  void anotherAccountNeitherSeesNorKillsTheJob() throws Exception {
    try (Connection direct = backend.direct();
        Statement d = direct.createStatement()) {
      // Not ADMIN: the server refuses H2 administrators (docs/security.md).
      d.execute("CREATE USER IF NOT EXISTS bob PASSWORD 'bobs secret'");
      d.execute("GRANT ALTER ANY SCHEMA TO bob");
    }
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        Connection bob = DriverManager.getConnection(backend.url(), "bob", "bobs secret");
        Statement b = bob.createStatement()) {
      String statement = fake("--epochs 3 --pause 1");
      ResultSet rs = s.executeQuery(statement);
      assertTrue(rs.next());
      try (ResultSet jobs = b.executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          assertFalse(jobs.getString("statement").equals(statement), "bob sees the job");
        }
      }
      long jobId = -1;
      try (ResultSet jobs = c.createStatement().executeQuery("SHOW JOBS")) {
        while (jobs.next()) {
          if (jobs.getString("statement").equals(statement)) {
            jobId = jobs.getLong("id");
          }
        }
      }
      assertTrue(jobId > 0, "the owner does not see the job");
      long id = jobId;
      SQLException notBobs =
          assertThrows(SQLException.class, () -> b.executeUpdate("KILL JOB " + id));
      assertTrue(
          notBobs.getMessage().contains("no running job " + id + " of this account"),
          notBobs.getMessage());
      try (java.sql.PreparedStatement prepared = bob.prepareStatement("KILL JOB " + id)) {
        assertEquals(0, prepared.getMetaData().getColumnCount());
        assertThrows(SQLException.class, prepared::executeUpdate);
      }
      List<String> rest = new ArrayList<>();
      while (rs.next()) {
        rest.add(rs.getString(1));
      }
      assertTrue(rest.get(rest.size() - 1).startsWith("Job finished"), rest.toString());
    }
  }

  private List<String> readAll(String sql) {
    List<String> rows = new ArrayList<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  private static long epochCount(List<String> rows) {
    return rows.stream().filter(l -> l.startsWith("epoch ")).count();
  }

  /** Reads rows until {@code count} pid lines (the program's, then its child's) arrived. */
  private static List<Long> readPids(ResultSet rs, int count) throws SQLException {
    List<Long> pids = new ArrayList<>();
    while (pids.size() < count && rs.next()) {
      Matcher m = PID.matcher(rs.getString(1));
      if (m.matches()) {
        pids.add(Long.parseLong(m.group(1)));
      }
    }
    assertEquals(count, pids.size());
    for (long pid : pids) {
      assertTrue(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "process " + pid + " should be running");
    }
    return pids;
  }

  private static void assertGoneWithin(List<Long> pids, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    for (long pid : pids) {
      while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        assertTrue(
            System.nanoTime() < deadline,
            "process " + pid + " still alive after " + limit.toMillis() + " ms");
        Thread.sleep(20);
      }
    }
  }
}
