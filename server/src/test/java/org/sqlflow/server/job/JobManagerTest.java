package org.sqlflow.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.error.JobCancelledException;

/** Job life, slots, registry and watchdog, with work written in Java. */
class JobManagerTest {
  private static final Duration LONG = Duration.ofSeconds(20);
  private static final List<String> DONE_SO_FAR =
      List.of("Done parsing", "Done verifying", "Done code generation");

  @TempDir Path workRoot;
  private JobManager jobs;
  private final CountDownLatch release = new CountDownLatch(1);

  private JobManager jobs(int maxJobs, Duration idleTimeout, Duration retention) {
    jobs =
        new JobManager(
            new JobConfig(maxJobs, idleTimeout, 1000, workRoot, Duration.ofMillis(200), retention));
    return jobs;
  }

  private JobManager jobs() {
    return jobs(2, Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  @AfterEach
  void closeJobs() {
    release.countDown();
    if (jobs != null) {
      jobs.close();
    }
  }

  /** Work that logs a row and then waits for the test (or a cancel). */
  private JobWork blocked(String row) {
    return context -> {
      context.log(row);
      while (!release.await(10, TimeUnit.MILLISECONDS)) {
        context.checkCancelled();
      }
    };
  }

  @Test
  void initialRowsComeFirstAndTheFinishedRowLast() throws Exception {
    Job job =
        jobs()
            .submit(
                "c1",
                1,
                "SELECT 1 TO TRAIN",
                DONE_SO_FAR,
                context -> context.log("Start training"));
    JobLogs.Ending ending = JobLogs.readToEnd(job, LONG);
    assertEquals(DONE_SO_FAR, ending.rows().subList(0, 3));
    assertEquals("Start training", ending.rows().get(3));
    assertTrue(
        ending.rows().get(4).matches("Job finished\\. Time elapsed \\d+\\.\\d s"),
        ending.rows().get(4));
    assertEquals(5, ending.rows().size());
    assertEquals(Optional.empty(), ending.failure());
    assertEquals(JobState.SUCCEEDED, job.info().state());
  }

  @Test
  void overTheLimitAJobWaitsAndSaysSoThenProceeds() throws Exception {
    JobManager manager = jobs(1, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Job first = manager.submit("c1", 1, "first", List.of(), blocked("first running"));
    JobLogs.readUntil(first, "first running", LONG);
    Job second =
        manager.submit("c1", 2, "second", DONE_SO_FAR, context -> context.log("second running"));
    assertEquals(
        "Waiting for a job slot: 1 jobs running (limit 1)",
        JobLogs.readUntil(second, "Waiting", LONG));
    assertEquals(JobState.QUEUED, second.info().state());
    assertEquals(List.of(), second.read(4, 10, Duration.ofMillis(200)).rows());

    release.countDown();
    JobLogs.Ending ending = JobLogs.readToEnd(second, LONG);
    assertEquals("second running", ending.rows().get(4));
    assertEquals(JobState.SUCCEEDED, second.info().state());
  }

  @Test
  void aQueuedJobCancelledEndsAtOnceAndNeverRuns() throws Exception {
    JobManager manager = jobs(1, Duration.ofMinutes(5), Duration.ofMinutes(5));
    manager.submit("c1", 1, "first", List.of(), blocked("first running"));
    Job second = manager.submit("c1", 2, "second", List.of(), context -> context.log("ran"));
    assertTrue(manager.kill(second.id(), "KILL JOB"));
    JobLogs.Ending ending = JobLogs.readToEnd(second, Duration.ofSeconds(1));
    assertEquals(Optional.of("Job " + second.id() + " was cancelled: KILL JOB"), ending.failure());
    release.countDown();
    Thread.sleep(200);
    assertFalse(second.log().read(0, 100, Duration.ZERO).rows().contains("ran"));
  }

  @Test
  void twoJobsNeverMixRows() throws Exception {
    JobManager manager = jobs();
    JobWork a =
        context -> {
          for (int i = 0; i < 20_000; i++) context.log("A " + i);
        };
    JobWork b =
        context -> {
          for (int i = 0; i < 20_000; i++) context.log("B " + i);
        };
    Job jobA = manager.submit("c1", 1, "a", List.of(), a);
    Job jobB = manager.submit("c2", 1, "b", List.of(), b);
    List<String> rowsA = JobLogs.readToEnd(jobA, LONG).rows();
    List<String> rowsB = JobLogs.readToEnd(jobB, LONG).rows();
    assertEquals(20_001, rowsA.size());
    assertEquals(20_001, rowsB.size());
    for (int i = 0; i < 20_000; i++) {
      assertEquals("A " + i, rowsA.get(i));
      assertEquals("B " + i, rowsB.get(i));
    }
  }

  @Test
  void failuresGiveAConciseMessage() throws Exception {
    JobManager manager = jobs();
    Job failed =
        manager.submit(
            "c1",
            1,
            "s",
            List.of(),
            context -> {
              throw new JobFailedException("table iris.train is empty");
            });
    Job broken =
        manager.submit(
            "c1",
            2,
            "s",
            List.of(),
            context -> {
              throw new IllegalStateException("bad state\nat line 2");
            });
    Job stopped =
        manager.submit(
            "c1",
            3,
            "s",
            List.of(),
            context -> {
              throw new JobCancelledException("query timeout");
            });
    assertEquals(
        Optional.of("table iris.train is empty"), JobLogs.readToEnd(failed, LONG).failure());
    assertEquals(
        Optional.of("IllegalStateException: bad state"), JobLogs.readToEnd(broken, LONG).failure());
    assertEquals(
        Optional.of("Job " + stopped.id() + " was cancelled: query timeout"),
        JobLogs.readToEnd(stopped, LONG).failure());
    assertEquals(JobState.FAILED, failed.info().state());
    assertEquals(JobState.FAILED, broken.info().state());
    assertEquals(JobState.CANCELLED, stopped.info().state());
  }

  @Test
  void killStopsARunningJobWhichStaysListed() throws Exception {
    JobManager manager = jobs();
    Job job = manager.submit("c1", 1, "s", List.of(), blocked("running"));
    JobLogs.readUntil(job, "running", LONG);
    assertTrue(manager.kill(job.id(), "killed by admin"));
    JobLogs.Ending ending = JobLogs.readToEnd(job, LONG);
    assertEquals(
        Optional.of("Job " + job.id() + " was cancelled: killed by admin"), ending.failure());
    assertFalse(manager.kill(job.id(), "again"));
    assertFalse(manager.kill(9999, "no such job"));
    JobInfo info = manager.list().get(0);
    assertEquals(JobState.CANCELLED, info.state());
    assertEquals(ending.failure().get(), info.lastLine());
  }

  @Test
  void listDescribesEachJob() throws Exception {
    JobManager manager = jobs();
    Job job =
        manager.submit(
            "c1", 7, "SELECT * FROM t TO TRAIN m", DONE_SO_FAR, blocked("Start training"));
    JobLogs.readUntil(job, "Start training", LONG);
    Thread.sleep(50);
    List<JobInfo> infos = manager.list();
    assertEquals(1, infos.size());
    JobInfo info = infos.get(0);
    assertEquals(job.id(), info.id());
    assertEquals("c1", info.connectionId());
    assertEquals(7, info.statementId());
    assertEquals("SELECT * FROM t TO TRAIN m", info.statement());
    assertEquals(JobState.RUNNING, info.state());
    assertEquals("Start training", info.lastLine());
    assertTrue(info.elapsed().toMillis() >= 50);
    assertEquals(job, manager.find(job.id()).orElseThrow());
    assertEquals(job, manager.find("c1", 7).orElseThrow());
  }

  @Test
  void aNewStatementOnTheSameIdReplacesTheOldJob() throws Exception {
    JobManager manager = jobs();
    Job old = manager.submit("c1", 1, "old", List.of(), blocked("old running"));
    JobLogs.readUntil(old, "old running", LONG);
    Job replacement =
        manager.submit("c1", 1, "new", List.of(), context -> context.log("new running"));
    assertEquals(replacement, manager.find("c1", 1).orElseThrow());
    assertEquals(Optional.empty(), manager.find(old.id()));
    assertTrue(old.awaitEnd(LONG));
    assertEquals(JobState.CANCELLED, old.info().state());
    assertThrows(IllegalStateException.class, () -> old.read(0, 10, Duration.ZERO));
    assertEquals("new running", JobLogs.readToEnd(replacement, LONG).rows().get(0));
  }

  @Test
  void closingAStatementOrConnectionStopsAndForgetsOnlyItsJobs() throws Exception {
    JobManager manager = jobs(4, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Job statement = manager.submit("c1", 1, "s", List.of(), blocked("running"));
    Job sibling = manager.submit("c1", 2, "s", List.of(), blocked("running"));
    Job other = manager.submit("c2", 1, "s", List.of(), blocked("running"));

    manager.closeStatement("c1", 1);
    assertTrue(statement.awaitEnd(LONG));
    assertEquals(JobState.CANCELLED, statement.info().state());
    assertEquals(Optional.empty(), manager.find("c1", 1));
    assertEquals(JobState.RUNNING, sibling.info().state());

    manager.closeConnection("c1");
    assertTrue(sibling.awaitEnd(LONG));
    assertEquals(Optional.empty(), manager.find(sibling.id()));
    assertEquals(List.of(other.id()), manager.list().stream().map(JobInfo::id).toList());
    assertEquals(JobState.RUNNING, other.info().state());
  }

  @Test
  void theIdleWatchdogCancelsAJobNobodyReads() throws Exception {
    JobManager manager = jobs(2, Duration.ofMillis(300), Duration.ofMinutes(5));
    Job job = manager.submit("c1", 1, "s", List.of(), blocked("running"));
    assertTrue(job.awaitEnd(Duration.ofSeconds(5)));
    assertEquals(JobState.CANCELLED, job.info().state());
    assertEquals(
        Optional.of("Job " + job.id() + " was cancelled: client went away (no fetch for 300 ms)"),
        JobLogs.readToEnd(job, LONG).failure());
  }

  @Test
  void aReaderKeepsAJobAlive() throws Exception {
    JobManager manager = jobs(2, Duration.ofMillis(300), Duration.ofMinutes(5));
    Job job = manager.submit("c1", 1, "s", List.of(), blocked("running"));
    long until = System.nanoTime() + Duration.ofMillis(1200).toNanos();
    long offset = 0;
    while (System.nanoTime() < until) {
      // A long poll longer than the idle timeout must count as presence too.
      offset += job.read(offset, 10, Duration.ofMillis(500)).rows().size();
    }
    assertEquals(JobState.RUNNING, job.info().state());
  }

  @Test
  void endedJobsAreForgottenAfterTheRetention() throws Exception {
    JobManager manager = jobs(2, Duration.ofMinutes(5), Duration.ofMillis(300));
    Job job = manager.submit("c1", 1, "s", List.of(), context -> context.log("done"));
    JobLogs.readToEnd(job, LONG);
    assertEquals(1, manager.list().size());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!manager.list().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(), manager.list());
    assertEquals(Optional.empty(), manager.find("c1", 1));
  }

  @Test
  void closeStopsEveryJobAndRefusesNewOnes() throws Exception {
    JobManager manager = jobs(1, Duration.ofMinutes(5), Duration.ofMinutes(5));
    Job running = manager.submit("c1", 1, "s", List.of(), blocked("running"));
    Job queued = manager.submit("c1", 2, "s", List.of(), blocked("running"));
    JobLogs.readUntil(running, "running", LONG);
    manager.close();
    assertEquals(JobState.CANCELLED, running.info().state());
    assertEquals(JobState.CANCELLED, queued.info().state());
    assertThrows(
        IllegalStateException.class, () -> manager.submit("c1", 3, "s", List.of(), context -> {}));
  }

  @Test
  void logRowsOfAJobWithManyRowsStayBoundedInMemory() throws Exception {
    JobManager manager = jobs();
    Job job =
        manager.submit(
            "c1",
            1,
            "s",
            List.of(),
            context -> {
              for (int i = 0; i < 5000; i++) context.log("r" + i);
            });
    List<String> rows = new ArrayList<>(JobLogs.readToEnd(job, LONG).rows());
    assertEquals(5001, rows.size());
    assertTrue(job.log().rowsInMemory() <= 1000);
  }

  // ---- detached jobs (SUBMIT) ----

  /** What a detached job's listener heard, in order, as text. */
  private final List<String> heard = new ArrayList<>();

  private final JobListener recorder =
      new JobListener() {
        @Override
        public void appended(long jobId, long row, String text) {
          synchronized (heard) {
            heard.add(jobId + "#" + row + " " + text);
          }
        }

        @Override
        public void changed(long jobId, JobState state, Optional<String> failure) {
          synchronized (heard) {
            heard.add(jobId + " " + state + failure.map(f -> ": " + f).orElse(""));
          }
        }

        @Override
        public void placed(long jobId, String placement) {
          synchronized (placements) {
            placements.add(jobId + " " + placement);
          }
        }
      };

  /** Where the detached jobs' programs ran, as their listener heard it. */
  private final List<String> placements = new ArrayList<>();

  @Test
  void idsComeFromTheGivenSource() {
    jobs =
        new JobManager(
            new JobConfig(1, LONG, 10, workRoot, Duration.ofMillis(200), LONG),
            new java.util.concurrent.atomic.AtomicLong(41)::incrementAndGet,
            new LocalProcessBackend(Duration.ofMillis(200), "test"));
    assertEquals(42, jobs.newJobId());
  }

  @Test
  void aDetachedJobOutlivesItsConnectionAndTheIdleRule() throws Exception {
    JobManager manager = jobs(2, Duration.ofMillis(50), Duration.ofMinutes(5));
    long id = manager.newJobId();
    Job job = manager.submitDetached(id, "c1", "SUBMIT ...", DONE_SO_FAR, blocked("r"), recorder);
    manager.closeStatement("c1", -1);
    manager.closeConnection("c1");
    Thread.sleep(400); // eight idle timeouts without a reader
    assertFalse(job.hasEnded());
    assertTrue(job.isDetached());
    assertEquals(Optional.of(job), manager.find(id));
    release.countDown();
    assertTrue(job.awaitEnd(LONG));
    assertEquals(JobState.SUCCEEDED, job.info().state());
  }

  @Test
  void killStopsADetachedJobAndItsListenerHearsWhy() throws Exception {
    JobManager manager = jobs();
    long id = manager.newJobId();
    Job job = manager.submitDetached(id, "c1", "SUBMIT ...", List.of(), blocked("r"), recorder);
    assertTrue(manager.kill(id, "KILL JOB from elsewhere"));
    assertTrue(job.awaitEnd(LONG));
    assertEquals(JobState.CANCELLED, job.info().state());
    synchronized (heard) {
      assertEquals(
          id + " CANCELLED: Job " + id + " was cancelled: KILL JOB from elsewhere",
          heard.get(heard.size() - 1));
    }
  }

  @Test
  void theListenerHearsEveryRowNumberedAndTheEndAfterTheLastRow() throws Exception {
    JobManager manager = jobs();
    long id = manager.newJobId();
    Job job =
        manager.submitDetached(
            id,
            "c1",
            "SUBMIT ...",
            List.of("Done parsing", "Done verifying"),
            context -> {
              context.log("a");
              context.log("b");
            },
            recorder);
    assertTrue(job.awaitEnd(LONG));
    List<String> rows = JobLogs.readToEnd(job, LONG).rows();
    synchronized (heard) {
      assertEquals(
          List.of(
              id + "#0 Done parsing",
              id + "#1 Done verifying",
              id + " RUNNING",
              id + "#2 a",
              id + "#3 b",
              id + "#4 " + rows.get(4),
              id + " SUCCEEDED"),
          heard);
    }
  }

  /** A cluster stand-in: the program at "ray:p1" has printed "line 0" .. "line 4" so far. */
  private static final class FollowingBackend implements JobBackend {
    final List<String> followed = new ArrayList<>();

    @Override
    public void run(Program program, java.util.concurrent.CompletableFuture<String> cancel) {
      throw new AssertionError("a taken-over job must not start its program again");
    }

    @Override
    public boolean outlivesServer(String placement) {
      return placement.startsWith("ray:");
    }

    @Override
    public void follow(
        String placement,
        long storedRows,
        Program program,
        java.util.concurrent.CompletableFuture<String> cancel) {
      followed.add(placement + " from " + storedRows);
      // The program's first line became row 2: rows 2..3 are stored, lines 2..4 are new.
      for (long line = storedRows - 2; line < 5; line++) {
        program.stdoutLines().accept("line " + line);
      }
      program.placement().accept(placement + "@node");
    }

    @Override
    public String describe() {
      return "following";
    }
  }

  @Test
  void aTakenOverJobGoesOnAfterItsStoredRowsAtOnceWhateverTheLimit() throws Exception {
    FollowingBackend backend = new FollowingBackend();
    jobs =
        new JobManager(
            new JobConfig(1, LONG, 1000, workRoot, Duration.ofMillis(200), LONG),
            new java.util.concurrent.atomic.AtomicLong()::incrementAndGet,
            backend);
    // The one slot is taken: a new job would wait, a taken-over one does not.
    jobs.submit("c1", 1, "SELECT 1 TO TRAIN", List.of(), blocked("busy"));
    java.time.Instant submitted = java.time.Instant.now().minusSeconds(60);
    Job job =
        jobs.takeOver(
            7,
            "gone",
            "SUBMIT ...",
            submitted,
            List.of("Done parsing", "Start training", "line 0", "line 1"),
            "ray:p1",
            context -> {
              context.followProgram(ExitExplainer.LAST_LINE);
              context.log("Done training");
            },
            recorder);
    JobLogs.Ending ending = JobLogs.readToEnd(job, LONG);
    assertEquals(
        List.of(
            "Done parsing",
            "Start training",
            "line 0",
            "line 1",
            "line 2",
            "line 3",
            "line 4",
            "Done training"),
        ending.rows().subList(0, 8));
    assertEquals(List.of("ray:p1 from 4"), backend.followed);
    // Elapsed time counts from the original submit.
    assertTrue(
        ending.rows().get(8).matches("Job finished\\. Time elapsed 6\\d\\.\\d s"),
        ending.rows().get(8));
    assertEquals(submitted, job.info().started());
    assertEquals("ray:p1@node", job.info().placement());
    assertTrue(job.isDetached());
    synchronized (heard) {
      assertTrue(heard.contains("7#4 line 2"), heard.toString());
      assertEquals("7 SUCCEEDED", heard.get(heard.size() - 1));
    }
    synchronized (placements) {
      assertEquals(List.of("7 ray:p1@node"), placements);
    }
  }
}
