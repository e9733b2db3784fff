package org.sqlflow.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job engine running a real program: src/test/resources/fake_training.py. */
class JobProcessTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Pattern STAMPED =
      Pattern.compile("epoch (\\d+), train_loss = \\S+ at (\\d+)");

  @TempDir Path workRoot;
  private JobManager jobs;

  private JobManager jobs(int memoryRows) {
    jobs =
        new JobManager(
            new JobConfig(
                2,
                Duration.ofMinutes(5),
                memoryRows,
                workRoot,
                Duration.ofSeconds(1),
                Duration.ofMinutes(5)));
    return jobs;
  }

  @AfterEach
  void closeJobs() {
    if (jobs != null) {
      jobs.close();
    }
  }

  @Test
  void linesArriveWhileTheProgramRuns() throws Exception {
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of("Done parsing"),
                FakeTraining.work("--epochs", "4", "--pause", "0.4", "--stamp"));
    List<Long> printedAt = new ArrayList<>();
    List<Long> receivedAt = new ArrayList<>();
    long offset = 0;
    long deadline = System.nanoTime() + LONG.toNanos();
    LogChunk chunk;
    do {
      chunk = job.read(offset, 100, Duration.ofSeconds(5));
      long now = System.currentTimeMillis();
      for (String row : chunk.rows()) {
        Matcher stamped = STAMPED.matcher(row);
        if (stamped.matches()) {
          assertEquals(printedAt.size(), Integer.parseInt(stamped.group(1)));
          printedAt.add(Long.parseLong(stamped.group(2)));
          receivedAt.add(now);
        }
      }
      offset += chunk.rows().size();
    } while (!chunk.done() && System.nanoTime() < deadline);
    assertTrue(chunk.done());
    assertEquals(Optional.empty(), chunk.failure());
    assertEquals(4, printedAt.size());
    for (int k = 0; k < 4; k++) {
      long latency = receivedAt.get(k) - printedAt.get(k);
      assertTrue(latency < 250, "epoch " + k + " reached the reader after " + latency + " ms");
      if (k + 1 < 4) {
        assertTrue(
            receivedAt.get(k) < printedAt.get(k + 1),
            "epoch " + k + " was read only after epoch " + (k + 1) + " was printed");
      }
    }
  }

  @Test
  void silenceLongerThanTheReadWaitGivesEmptyChunksThenTheRest() throws Exception {
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of(),
                FakeTraining.work("--epochs", "3", "--hang", "1.5"));
    JobLogs.readUntil(job, "epoch 0", LONG);
    long offset = job.log().size();
    int emptyChunks = 0;
    List<String> later = new ArrayList<>();
    LogChunk chunk;
    do {
      chunk = job.read(offset, 100, Duration.ofMillis(250));
      if (chunk.rows().isEmpty() && !chunk.done()) {
        emptyChunks++;
      }
      later.addAll(chunk.rows());
      offset += chunk.rows().size();
    } while (!chunk.done());
    assertTrue(emptyChunks >= 3, "only " + emptyChunks + " empty chunks during 1.5 s silence");
    assertEquals("epoch 1, train_loss = 0.5000", later.get(0));
    assertEquals("epoch 2, train_loss = 0.3333", later.get(1));
    assertTrue(later.get(2).matches("Job finished\\. Time elapsed \\d+\\.\\d s"), later.get(2));
    assertEquals(JobState.SUCCEEDED, job.info().state());
  }

  @Test
  void cancelStopsTheWholeProcessTreeWithinTwoSeconds() throws Exception {
    Job job = jobs(1000).submit("c1", 1, "TO TRAIN", List.of(), FakeTraining.work("--spawn-child"));
    long parent = pid(JobLogs.readUntil(job, "pid ", LONG));
    long child = pid(JobLogs.readUntil(job, "child pid ", LONG));
    assertTrue(alive(parent) && alive(child));

    long cancelledAt = System.nanoTime();
    job.cancel("query timeout");
    while ((alive(parent) || alive(child))
        && System.nanoTime() - cancelledAt < Duration.ofSeconds(5).toNanos()) {
      Thread.sleep(20);
    }
    long tookMillis = (System.nanoTime() - cancelledAt) / 1_000_000;
    assertFalse(alive(parent), "the program survived the cancel");
    assertFalse(alive(child), "the child that ignores SIGTERM survived the cancel");
    assertTrue(tookMillis <= 2000, "the tree took " + tookMillis + " ms to go");

    JobLogs.Ending ending = JobLogs.readToEnd(job, LONG);
    assertEquals(
        Optional.of("Job " + job.id() + " was cancelled: query timeout"), ending.failure());
    assertEquals(JobState.CANCELLED, job.info().state());
  }

  @Test
  void aFailingProgramReportsItsExceptionLine() throws Exception {
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of(),
                FakeTraining.work("--epochs", "5", "--fail-after", "2"));
    JobLogs.Ending ending = JobLogs.readToEnd(job, LONG);
    assertEquals(
        Optional.of("ValueError: could not convert string to float: 'abc'"), ending.failure());
    assertEquals(
        List.of("epoch 0, train_loss = 1.0000", "epoch 1, train_loss = 0.5000"),
        ending.rows().subList(1, ending.rows().size()));
    assertEquals(JobState.FAILED, job.info().state());
    assertEquals("ValueError: could not convert string to float: 'abc'", job.info().lastLine());
  }

  @Test
  void aFailureWithoutTracebackGivesTheStatusAndLastStderrLine() throws Exception {
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of(),
                FakeTraining.work("--epochs", "1", "--stderr-status", "3"));
    assertEquals(
        Optional.of("program exited with status 3: fatal: the disk is full"),
        JobLogs.readToEnd(job, LONG).failure());
  }

  @Test
  void aLastLineWithoutNewlineAndCrLfLinesArrive() throws Exception {
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of(),
                FakeTraining.work("--epochs", "1", "--no-final-newline"));
    List<String> rows = JobLogs.readToEnd(job, LONG).rows();
    assertEquals("Done training", rows.get(rows.size() - 3));
    assertEquals("no newline at the end", rows.get(rows.size() - 2));
  }

  @Test
  void hundredThousandLinesArriveInOrderAndOldOffsetsCanBeReadAgain() throws Exception {
    Job job =
        jobs(1000).submit("c1", 1, "TO TRAIN", List.of(), FakeTraining.work("--flood", "100000"));
    List<String> rows = new ArrayList<>();
    int maxInMemory = 0;
    LogChunk chunk;
    long deadline = System.nanoTime() + LONG.toNanos();
    do {
      chunk = job.read(rows.size(), 5000, Duration.ofSeconds(1));
      rows.addAll(chunk.rows());
      maxInMemory = Math.max(maxInMemory, job.log().rowsInMemory());
    } while (!chunk.done() && System.nanoTime() < deadline);
    assertTrue(chunk.done());
    assertEquals(100_001, rows.size());
    for (int i = 0; i < 100_000; i++) {
      assertEquals("line " + i, rows.get(i));
    }
    assertTrue(rows.get(100_000).startsWith("Job finished."));
    assertTrue(maxInMemory <= 1000, "rows in memory: " + maxInMemory);
    assertTrue(job.log().spillPath().isPresent());
    assertEquals(List.of("line 7", "line 8", "line 9"), job.read(7, 3, Duration.ZERO).rows());
    assertEquals(List.of("line 50000"), job.read(50_000, 1, Duration.ZERO).rows());
  }

  @Test
  void theWorkDirectoryIsRemovedWhateverTheOutcome() throws Exception {
    JobManager manager = jobs(1000);
    for (String failAfter : List.of("-1", "0")) {
      AtomicReference<Path> workDir = new AtomicReference<>();
      Job job =
          manager.submit(
              "c1",
              1,
              "TO TRAIN",
              List.of(),
              context -> {
                workDir.set(context.workDir());
                Files.writeString(context.workDir().resolve("train.py"), "print('hi')");
                context.runProcess(
                    FakeTraining.command("--epochs", "1", "--fail-after", failAfter), Map.of());
              });
      JobLogs.readToEnd(job, LONG);
      assertTrue(workDir.get().startsWith(workRoot));
      assertFalse(Files.exists(workDir.get()), "left behind: " + workDir.get());
    }
  }

  @Test
  void theProgramRunsInTheWorkDirectoryWithArgumentsAndEnvironmentVerbatim() throws Exception {
    AtomicReference<Path> workDir = new AtomicReference<>();
    String argument = "a ${b} 'c' \"d\" $HOME";
    Job job =
        jobs(1000)
            .submit(
                "c1",
                1,
                "TO TRAIN",
                List.of(),
                context -> {
                  workDir.set(context.workDir().toRealPath());
                  context.runProcess(
                      List.of(
                          FakeTraining.python(),
                          "-c",
                          "import os, sys; print(os.getcwd()); print(sys.argv[1]); print(os.environ['SQLFLOW_X'])",
                          argument),
                      Map.of("SQLFLOW_X", "x = 1"));
                });
    List<String> rows = JobLogs.readToEnd(job, LONG).rows();
    assertEquals(workDir.get().toString(), rows.get(0));
    assertEquals(argument, rows.get(1));
    assertEquals("x = 1", rows.get(2));
  }

  private static long pid(String row) {
    return Long.parseLong(row.substring(row.lastIndexOf(' ') + 1));
  }

  /** Alive and not a zombie (a killed orphan stays one until init reaps it). */
  private static boolean alive(long pid) throws IOException {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
