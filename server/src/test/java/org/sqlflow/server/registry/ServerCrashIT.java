package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.testing.FakeServerMain;
import org.sqlflow.server.testing.FakeTrainingHandler;
import org.sqlflow.server.testing.ServerProcess;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * A server killed with SIGKILL (a JVM of its own) leaves no job RUNNING for ever: the next start of
 * that server fails them at once, and the other servers do when its heartbeat goes stale.
 */
class ServerCrashIT {
  private static final Pattern PID = Pattern.compile("^pid (\\d+)$");
  private static final String SUBMIT =
      "SUBMIT SELECT 1 TO TRAIN Fake WITH fake.args = \"--epochs 200 --pause 0.1\" INTO m";

  /** A second server in its own JVM, in front of the backend's database. */
  private static ServerProcess crashable(Backend backend, Path dataDir) throws Exception {
    List<String> args = new ArrayList<>(backend.args());
    args.addAll(
        List.of("--data-dir", dataDir.toString(), "--port", "0", "--registry-poll-ms", "200"));
    return ServerProcess.startMain(FakeServerMain.class, args);
  }

  /** SUBMITs, waits for the program to print, and returns the job id and the program's pid. */
  private static long[] submitAndWaitForTheProgram(ServerProcess server, Backend observer)
      throws Exception {
    long id;
    try (Connection c = DriverManager.getConnection(server.url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SUBMIT)) {
      assertTrue(rs.next());
      id = rs.getLong(1);
    }
    try (Connection c = observer.sqlflow();
        Statement s = c.createStatement();
        ResultSet log = s.executeQuery("SHOW JOB LOG " + id)) {
      while (log.next()) {
        Matcher m = PID.matcher(log.getString(1));
        if (m.matches()) {
          return new long[] {id, Long.parseLong(m.group(1))};
        }
      }
    }
    throw new AssertionError("the program never started");
  }

  private static void killOrphan(long pid) {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
  }

  @Test
  void theNextStartOfAKilledServerFailsTheJobsItLeftRunning() throws Exception {
    try (Backend observer =
        TestBackends.MARIADB.start(
            List.of(), (options, database, dataDir) -> new FakeTrainingHandler(options.python()))) {
      Path dataDir = Files.createTempDirectory("sqlflow-it-crash-");
      long[] job;
      try (ServerProcess server = crashable(observer, dataDir)) {
        job = submitAndWaitForTheProgram(server, observer);
        server.kill();
      }
      killOrphan(job[1]);
      try (Connection c = observer.sqlflow()) {
        // The observer's stale limit is 30 s: only the restart can tell.
        assertTrue(
            JobClient.listing(c, job[0]).startsWith("RUNNING"), JobClient.listing(c, job[0]));
      }
      try (ServerProcess again = crashable(observer, dataDir);
          Connection c = DriverManager.getConnection(again.url())) {
        assertEquals("FAILED: " + JobRegistry.SERVER_STOPPED, JobClient.listing(c, job[0]));
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  try (Statement s = c.createStatement();
                      ResultSet rs = s.executeQuery("SHOW JOB LOG " + job[0])) {
                    while (rs.next()) {
                      // the rows stored before the crash
                    }
                  }
                });
        assertEquals(JobRegistry.SERVER_STOPPED, e.getMessage());
        assertEquals(ErrorCode.JOB_FAILED.sqlState(), e.getSQLState());
      }
    }
  }

  @Test
  void anotherServerFailsTheJobsOfAServerWhoseHeartbeatStopped() throws Exception {
    try (Backend observer =
        TestBackends.MARIADB.start(
            List.of("--server-stale-seconds", "2", "--registry-poll-ms", "200"),
            (options, database, dataDir) -> new FakeTrainingHandler(options.python()))) {
      long[] job;
      long killedAt;
      try (ServerProcess server =
          crashable(observer, Files.createTempDirectory("sqlflow-it-crash-"))) {
        job = submitAndWaitForTheProgram(server, observer);
        server.kill();
        killedAt = System.nanoTime();
      }
      killOrphan(job[1]);
      try (Connection c = observer.sqlflow();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SHOW JOB LOG " + job[0])) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> {
                  while (rs.next()) {
                    // rows until the observer notices
                  }
                });
        long millis = (System.nanoTime() - killedAt) / 1_000_000;
        assertEquals(JobRegistry.SERVER_STOPPED, e.getMessage());
        System.out.println("a dead server's job failed after " + millis + " ms (stale limit 2 s)");
        assertTrue(millis < 6000, "noticed after " + millis + " ms");
      }
    }
  }
}
