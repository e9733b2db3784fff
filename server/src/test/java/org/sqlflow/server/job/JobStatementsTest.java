package org.sqlflow.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** SHOW JOBS and KILL JOB see only the jobs the caller's rule makes visible. */
class JobStatementsTest {
  @TempDir Path workRoot;
  private final CountDownLatch release = new CountDownLatch(1);
  private JobManager jobs;
  private JobStatements statements;

  @BeforeEach
  void start() {
    jobs =
        new JobManager(
            new JobConfig(
                4,
                Duration.ofMinutes(5),
                1000,
                workRoot,
                Duration.ofMillis(200),
                Duration.ofMinutes(5)));
    statements = new JobStatements(jobs);
  }

  @AfterEach
  void stop() {
    release.countDown();
    jobs.close();
  }

  private Job running(String connection, int statement) {
    return jobs.submit(
        connection,
        statement,
        "SELECT 1 TO TRAIN m",
        List.of(),
        context -> {
          while (!release.await(10, TimeUnit.MILLISECONDS)) {
            context.checkCancelled();
          }
        });
  }

  @Test
  void showJobsListsOnlyVisibleJobs() {
    Job mine = running("alice-1", 1);
    running("bob-1", 1);
    List<Object[]> rows = statements.showJobs(info -> info.connectionId().startsWith("alice"));
    assertEquals(1, rows.size());
    assertEquals(mine.id(), rows.get(0)[0]);
    assertEquals("alice-1", rows.get(0)[1]);
    assertEquals("SELECT 1 TO TRAIN m", rows.get(0)[2]);
    // runs_on, last: the columns before keep their order.
    assertEquals(8, rows.get(0).length);
    assertEquals(mine.placement(), rows.get(0)[7]);
  }

  @Test
  void killJobOfAnInvisibleOrUnknownJobIsAnErrorAndStopsNothing() throws Exception {
    Job bobs = running("bob-1", 1);
    SqlflowException e =
        assertThrows(
            SqlflowException.class, () -> statements.killJob(bobs.id(), "alice-1", info -> false));
    assertEquals(ErrorCode.UNKNOWN_JOB, e.code());
    assertEquals(
        "no running job " + bobs.id() + " of this account (SHOW JOBS lists them)", e.getMessage());
    assertFalse(bobs.cancelReason().isPresent());
    assertThrows(SqlflowException.class, () -> statements.killJob(999, "alice-1", info -> true));
    statements.killJob(bobs.id(), "bob-2", info -> true);
    assertTrue(bobs.cancelReason().isPresent());
  }

  @Test
  void cancelStatementStopsThatStatementsJobOnly() {
    Job first = running("c", 1);
    Job second = running("c", 2);
    assertTrue(statements.cancelStatement("c", 1, true));
    assertEquals("query timeout", first.cancelReason().orElseThrow());
    assertFalse(second.cancelReason().isPresent());
    assertFalse(statements.cancelStatement("c", 7, false));
  }
}
