package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.registry.JobClient.fake;
import static org.sqlflow.server.registry.JobClient.listing;
import static org.sqlflow.server.registry.JobClient.readAll;
import static org.sqlflow.server.registry.JobClient.stateOf;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.testing.FakeTrainingHandler;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * SUBMIT, SHOW JOB LOG, SHOW JOBS and KILL JOB with two servers in front of one MariaDB database,
 * through the real driver: a job outlives its connection, is followed and killed through the other
 * server, and another account sees none of it. The training program is the fake one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DetachedJobsIT {
  private static final Pattern PID = Pattern.compile("^(?:child )?pid (\\d+)$");
  private static final Pattern SECONDS = Pattern.compile("Time elapsed \\d+\\.\\d s");

  private Backend a;
  private SqlflowServer b;
  private String other;

  @BeforeAll
  void start() throws Exception {
    List<String> fast = List.of("--heartbeat-seconds", "1", "--registry-poll-ms", "200");
    a =
        TestBackends.MARIADB.start(
            fast, (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
    List<String> args = new ArrayList<>(a.args());
    args.addAll(fast);
    args.addAll(
        List.of(
            "--data-dir", Files.createTempDirectory("sqlflow-it-b-").toString(), "--port", "0"));
    b =
        SqlflowServer.start(
            ServerOptions.parse(Map.of(), args),
            (options, database, dataDir) -> new FakeTrainingHandler(options.python()));
    other = "it_other_" + Long.toHexString(System.nanoTime());
    try (Connection direct = a.direct();
        Statement s = direct.createStatement()) {
      s.execute("CREATE USER '" + other + "'@'%' IDENTIFIED BY 'pw'");
      s.execute("GRANT ALL ON " + a.database() + ".* TO '" + other + "'@'%'");
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (b != null) {
      b.close();
    }
    try (Connection direct = a.direct();
        Statement s = direct.createStatement()) {
      s.execute("DROP USER IF EXISTS '" + other + "'@'%'");
    }
    a.close();
  }

  private Connection onA() throws SQLException {
    return a.sqlflow();
  }

  private Connection onB() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlflow://localhost:" + b.port());
  }

  /** SUBMITs through a connection that is closed at once; returns the job id. */
  private long submit(Connection c, String statement) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SUBMIT " + statement)) {
      assertEquals("job_id", rs.getMetaData().getColumnLabel(1));
      assertEquals("state", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      long id = rs.getLong(1);
      assertTrue(List.of("QUEUED", "RUNNING").contains(rs.getString(2)), rs.getString(2));
      assertFalse(rs.next());
      return id;
    }
  }

  /** The rows without what differs from run to run: the program's pid and the elapsed time. */
  private static List<String> timeless(List<String> rows) {
    return rows.stream()
        .map(r -> SECONDS.matcher(r).replaceAll("Time elapsed"))
        .map(r -> PID.matcher(r).matches() ? "pid" : r)
        .toList();
  }

  @Test
  void submitAnswersAtOnceAndTheJobFinishesAfterItsConnectionClosed() throws Exception {
    String statement = fake("--epochs 4 --pause 0.5");
    long started = System.nanoTime();
    long id;
    try (Connection c = onA()) {
      id = submit(c, statement);
    }
    long answeredMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(answeredMillis < 1000, "SUBMIT answered after " + answeredMillis + " ms");
    List<String> attached;
    List<String> followed;
    try (Connection c = onA()) {
      assertEquals("RUNNING", stateOf(c, id));
      followed = readAll(c, "SHOW JOB LOG " + id);
      attached = readAll(c, statement);
      assertEquals("SUCCEEDED", stateOf(c, id));
      // The whole log again once ended, and from a row on.
      assertEquals(followed, readAll(c, "SHOW JOB LOG " + id));
      assertEquals(
          followed.subList(3, followed.size()), readAll(c, "SHOW JOB LOG " + id + " FROM 4"));
    }
    assertEquals(timeless(attached), timeless(followed));
    assertTrue(followed.contains("epoch 3, train_loss = 0.2500"), followed.toString());
  }

  @Test
  void showJobLogOnTheOtherServerStreamsWhileItRunsAndEndsLikeTheOriginal() throws Exception {
    long id;
    try (Connection c = onA()) {
      id = submit(c, fake("--epochs 6 --pause 0.5"));
    }
    List<String> rows = new ArrayList<>();
    List<Long> at = new ArrayList<>();
    try (Connection c = onB();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW JOB LOG " + id)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
        at.add(System.nanoTime());
      }
    }
    int firstEpoch = rows.indexOf("epoch 0, train_loss = 1.0000");
    assertTrue(firstEpoch > 0, rows.toString());
    long before = (at.get(at.size() - 1) - at.get(firstEpoch)) / 1_000_000;
    // Six epochs half a second apart: the first came live, well before the end.
    assertTrue(before > 2000, "the first epoch arrived only " + before + " ms before the end");
    try (Connection c = onA()) {
      assertEquals(rows, readAll(c, "SHOW JOB LOG " + id));
    }
    assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), rows.toString());
  }

  @Test
  void aFailedJobEndsWithTheSameSqlExceptionOnEitherServer() throws Exception {
    String statement = fake("--epochs 3 --fail-after 1");
    SQLException original;
    try (Connection c = onA()) {
      original = assertThrows(SQLException.class, () -> readAll(c, statement));
    }
    long id;
    try (Connection c = onA()) {
      id = submit(c, statement);
    }
    for (Connection c : List.of(onB(), onA())) {
      try (c) {
        SQLException followed =
            assertThrows(SQLException.class, () -> readAll(c, "SHOW JOB LOG " + id));
        assertEquals(original.getMessage(), followed.getMessage());
        assertEquals(original.getSQLState(), followed.getSQLState());
        assertEquals(original.getErrorCode(), followed.getErrorCode());
      }
    }
  }

  @Test
  void killJobThroughTheOtherServerStopsTheProcessTree() throws Exception {
    long id;
    List<Long> pids = new ArrayList<>();
    try (Connection c = onA()) {
      id = submit(c, fake("--spawn-child"));
    }
    try (Connection c = onB();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW JOB LOG " + id)) {
      while (pids.size() < 2 && rs.next()) {
        Matcher m = PID.matcher(rs.getString(1));
        if (m.matches()) {
          pids.add(Long.parseLong(m.group(1)));
        }
      }
      for (long pid : pids) {
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
      }
      long asked = System.nanoTime();
      try (Connection killer = onB();
          Statement k = killer.createStatement()) {
        assertEquals(1, k.executeUpdate("KILL JOB " + id));
      }
      SQLException killed =
          assertThrows(
              SQLException.class,
              () -> {
                while (rs.next()) {
                  // the rest of the log
                }
              });
      long endedMillis = (System.nanoTime() - asked) / 1_000_000;
      assertEquals(ErrorCode.JOB_CANCELLED.sqlState(), killed.getSQLState());
      assertTrue(killed.getMessage().contains("KILL JOB from connection"), killed.getMessage());
      // The child ignores SIGTERM: it gets SIGKILL after the kill grace (1 s).
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      for (long pid : pids) {
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          assertTrue(System.nanoTime() < deadline, "process " + pid + " outlived KILL JOB");
          Thread.sleep(20);
        }
      }
      System.out.println(
          "KILL JOB through the other server: the reader saw the end after " + endedMillis + " ms");
      assertTrue(endedMillis < 5000, "KILL JOB took " + endedMillis + " ms");
    }
    try (Connection c = onA()) {
      assertEquals("CANCELLED", stateOf(c, id));
    }
  }

  @Test
  void closingShowJobLogStopsOnlyTheReading() throws Exception {
    long id;
    try (Connection c = onA()) {
      id = submit(c, fake("--epochs 4 --pause 0.4"));
    }
    try (Connection c = onB()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SHOW JOB LOG " + id);
      assertTrue(rs.next());
      s.cancel();
      s.close();
    }
    try (Connection c = onA()) {
      List<String> rows = readAll(c, "SHOW JOB LOG " + id);
      assertTrue(rows.get(rows.size() - 1).startsWith("Job finished"), rows.toString());
      assertEquals("SUCCEEDED", stateOf(c, id));
    }
  }

  @Test
  void anotherAccountSeesNoneOfItNorTheRegistry() throws Exception {
    long id;
    try (Connection c = onA()) {
      id = submit(c, fake("--epochs 3 --pause 0.5"));
    }
    for (String url : List.of(a.url(), "jdbc:sqlflow://localhost:" + b.port())) {
      try (Connection c = DriverManager.getConnection(url, other, "pw")) {
        assertEquals("absent", stateOf(c, id));
        SQLException log = assertThrows(SQLException.class, () -> readAll(c, "SHOW JOB LOG " + id));
        assertEquals("no job " + id + " of this account (SHOW JOBS lists them)", log.getMessage());
        SQLException kill =
            assertThrows(
                SQLException.class, () -> c.createStatement().executeUpdate("KILL JOB " + id));
        assertEquals(ErrorCode.UNKNOWN_JOB.code(), kill.getErrorCode());
        SQLException registry =
            assertThrows(
                SQLException.class,
                () ->
                    readAll(
                        c,
                        "SELECT text FROM " + TestBackends.registryOf(a.database()) + ".job_log"));
        assertEquals("42000", registry.getSQLState(), registry.getMessage());
      }
    }
    try (Connection c = onB()) {
      // Server B sees the job through the registry: queued behind an earlier test's job, running
      // or done, depending on how loaded the machine is.
      String state = stateOf(c, id);
      assertTrue(List.of("QUEUED", "RUNNING", "SUCCEEDED").contains(state), listing(c, id));
    }
  }

  @Test
  void clientSideLoadBalancingSpreadsConnectionsAndAJobIsFollowedAndKilledAcrossThem()
      throws Exception {
    // Avatica's own client-side load balancing, through our driver's short URL; round robin
    // makes the first connection go to A and the second to B.
    String url =
        "jdbc:sqlflow://localhost:"
            + a.server().port()
            + "?use_client_side_lb=true&lb_strategy=org.apache.calcite.avatica.ha.RoundRobinLBStrategy"
            + "&lb_urls=http://localhost:"
            + a.server().port()
            + ",http://localhost:"
            + b.port();
    try (Connection first = DriverManager.getConnection(url);
        Connection second = DriverManager.getConnection(url);
        Statement attached = first.createStatement()) {
      // A statement's own job is known only to its server: it tells the two apart.
      String marker = fake("--epochs 2 --pause 0.2");
      try (ResultSet rs = attached.executeQuery(marker)) {
        while (rs.next()) {
          // to the end; the ended job stays listed while its statement is open
        }
      }
      assertTrue(listsStatement(first, marker));
      assertFalse(listsStatement(second, marker), "both connections went to one server");
      long id = submit(first, fake("--spawn-child"));
      try (Statement s = second.createStatement();
          ResultSet rs = s.executeQuery("SHOW JOB LOG " + id)) {
        int pids = 0;
        while (pids < 2 && rs.next()) {
          pids += PID.matcher(rs.getString(1)).matches() ? 1 : 0;
        }
        assertEquals(1, second.createStatement().executeUpdate("KILL JOB " + id));
        SQLException killed =
            assertThrows(
                SQLException.class,
                () -> {
                  while (rs.next()) {
                    // the rest of the log
                  }
                });
        assertEquals(ErrorCode.JOB_CANCELLED.sqlState(), killed.getSQLState());
      }
      assertEquals("CANCELLED", stateOf(first, id));
    }
  }

  @Test
  void showJobsSaysWhereAJobRanTheSameOnEveryServer() throws Exception {
    long id;
    try (Connection c = onA()) {
      id = submit(c, fake("--epochs 1"));
      readAll(c, "SHOW JOB LOG " + id);
    }
    String where = "local:" + a.options().registry().serverName();
    try (Connection c = onA()) {
      assertEquals(where, runsOn(c, id));
    }
    try (Connection c = onB()) {
      // B reads A's job from the registry, which keeps where its program ran.
      assertEquals(where, runsOn(c, id));
    }
  }

  private static String runsOn(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet jobs = s.executeQuery("SHOW JOBS")) {
      assertEquals("runs_on", jobs.getMetaData().getColumnLabel(8));
      while (jobs.next()) {
        if (jobs.getLong("id") == id) {
          return jobs.getString("runs_on");
        }
      }
    }
    return "absent";
  }

  private static boolean listsStatement(Connection c, String statement) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet jobs = s.executeQuery("SHOW JOBS")) {
      while (jobs.next()) {
        if (jobs.getString("statement").equals(statement)) {
          return true;
        }
      }
    }
    return false;
  }
}
