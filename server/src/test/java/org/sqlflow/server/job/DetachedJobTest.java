package org.sqlflow.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** A SUBMITted job: no statement owns it, nobody need read it, and its listener hears it all. */
class DetachedJobTest {
  private static final Duration LONG = Duration.ofSeconds(20);

  @TempDir Path workRoot;
  private JobManager jobs;
  private final CountDownLatch release = new CountDownLatch(1);

  /** What the listener heard, in order, as text. */
  private final List<String> heard = new ArrayList<>();

  private final JobListener recorder =
      new JobListener() {
        @Override
        public synchronized void appended(long jobId, long row, String text) {
          heard.add(jobId + "#" + row + " " + text);
        }

        @Override
        public synchronized void changed(long jobId, JobState state, Optional<String> failure) {
          heard.add(jobId + " " + state + failure.map(f -> ": " + f).orElse(""));
        }
      };

  @AfterEach
  void close() {
    release.countDown();
    if (jobs != null) {
      jobs.close();
    }
  }

  private JobManager jobs(Duration idleTimeout) {
    jobs =
        new JobManager(
            new JobConfig(2, idleTimeout, 1000, workRoot, Duration.ofMillis(200), LONG),
            new java.util.concurrent.atomic.AtomicLong(41)::incrementAndGet);
    return jobs;
  }

  private JobWork blocked(String row) {
    return context -> {
      context.log(row);
      while (!release.await(10, TimeUnit.MILLISECONDS)) {
        context.checkCancelled();
      }
    };
  }

  @Test
  void idsComeFromTheGivenSource() {
    assertEquals(42, jobs(LONG).newJobId());
  }

  @Test
  void closingItsConnectionAndTheIdleRuleLeaveItRunning() throws Exception {
    JobManager jobs = jobs(Duration.ofMillis(50));
    long id = jobs.newJobId();
    Job job =
        jobs.submitDetached(
            id, "c1", "SUBMIT ...", List.of("Done parsing"), blocked("r"), recorder);
    jobs.closeStatement("c1", -1);
    jobs.closeConnection("c1");
    Thread.sleep(400); // eight idle timeouts without a reader
    assertFalse(job.hasEnded());
    assertTrue(job.isDetached());
    assertEquals(Optional.of(job), jobs.find(id));
    release.countDown();
    assertTrue(job.awaitEnd(LONG));
    assertEquals(JobState.SUCCEEDED, job.info().state());
  }

  @Test
  void killStopsIt() throws Exception {
    JobManager jobs = jobs(LONG);
    long id = jobs.newJobId();
    Job job = jobs.submitDetached(id, "c1", "SUBMIT ...", List.of(), blocked("r"), recorder);
    assertTrue(jobs.kill(id, "KILL JOB from elsewhere"));
    assertTrue(job.awaitEnd(LONG));
    assertEquals(JobState.CANCELLED, job.info().state());
    synchronized (recorder) {
      assertEquals(
          id + " CANCELLED: Job " + id + " was cancelled: KILL JOB from elsewhere",
          heard.get(heard.size() - 1));
    }
  }

  @Test
  void theListenerHearsEveryRowNumberedAndTheEndAfterTheLastRow() throws Exception {
    JobManager jobs = jobs(LONG);
    long id = jobs.newJobId();
    Job job =
        jobs.submitDetached(
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
    synchronized (recorder) {
      assertEquals(
          List.of(
              id + "#0 Done parsing",
              id + "#1 Done verifying",
              id + " RUNNING",
              id + "#2 a",
              id + "#3 b"),
          heard.subList(0, 5));
      assertEquals(id + "#4 " + rows.get(4), heard.get(5));
      assertEquals(id + " SUCCEEDED", heard.get(6));
      assertEquals(7, heard.size());
    }
  }
}
