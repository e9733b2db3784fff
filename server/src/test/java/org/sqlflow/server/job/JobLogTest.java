package org.sqlflow.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLogTest {
  @TempDir Path spillDir;

  private JobLog log(int memoryRows) {
    return new JobLog(memoryRows, spillDir, "test-");
  }

  @Test
  void readReturnsTheRowsThatExistAtOnce() throws Exception {
    JobLog log = log(100);
    log.append("a");
    log.append("b");
    log.append("c");
    long start = System.nanoTime();
    LogChunk chunk = log.read(1, 10, Duration.ofSeconds(5));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(1).toNanos());
    assertEquals(List.of("b", "c"), chunk.rows());
    assertEquals(1, chunk.offset());
    assertFalse(chunk.done());
    assertEquals(List.of("a", "b"), log.read(0, 2, Duration.ZERO).rows());
  }

  @Test
  void maxRowsZeroMeansTheDefaultPageSize() throws Exception {
    JobLog log = log(1000);
    for (int i = 0; i < 250; i++) {
      log.append("row " + i);
    }
    assertEquals(JobLog.DEFAULT_MAX_ROWS, log.read(0, 0, Duration.ZERO).rows().size());
  }

  @Test
  void aWaitingReaderIsWokenByTheNextRowWithinMilliseconds() throws Exception {
    JobLog log = log(100);
    AtomicLong appendedAt = new AtomicLong();
    Thread writer =
        new Thread(
            () -> {
              sleep(300);
              appendedAt.set(System.nanoTime());
              log.append("epoch 0");
            });
    writer.start();
    LogChunk chunk = log.read(0, 10, Duration.ofSeconds(10));
    long receivedAt = System.nanoTime();
    writer.join();
    assertEquals(List.of("epoch 0"), chunk.rows());
    long latencyMillis = (receivedAt - appendedAt.get()) / 1_000_000;
    assertTrue(latencyMillis < 100, "print-to-read latency " + latencyMillis + " ms");
  }

  @Test
  void silenceLongerThanTheWaitGivesAnEmptyChunkThatIsNotDone() throws Exception {
    JobLog log = log(100);
    log.append("a");
    long start = System.nanoTime();
    LogChunk chunk = log.read(1, 10, Duration.ofMillis(200));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of(), chunk.rows());
    assertFalse(chunk.done());
    assertTrue(waitedMillis >= 190 && waitedMillis < 2000, "waited " + waitedMillis + " ms");
  }

  @Test
  void theEndWakesAWaitingReader() throws Exception {
    JobLog log = log(100);
    Thread ender =
        new Thread(
            () -> {
              sleep(200);
              log.end(Optional.of("ValueError: bad"));
            });
    ender.start();
    LogChunk chunk = log.read(0, 10, Duration.ofSeconds(10));
    ender.join();
    assertTrue(chunk.done());
    assertEquals(Optional.of("ValueError: bad"), chunk.failure());
  }

  @Test
  void doneAndFailureOnlyWhenTheReaderReachesTheEnd() throws Exception {
    JobLog log = log(100);
    for (int i = 0; i < 5; i++) {
      log.append("row " + i);
    }
    log.end(Optional.of("Job 1 was cancelled: query timeout"));
    LogChunk first = log.read(0, 3, Duration.ZERO);
    assertFalse(first.done());
    assertEquals(Optional.empty(), first.failure());
    LogChunk last = log.read(3, 3, Duration.ZERO);
    assertEquals(List.of("row 3", "row 4"), last.rows());
    assertTrue(last.done());
    assertEquals(Optional.of("Job 1 was cancelled: query timeout"), last.failure());
    LogChunk again = log.read(5, 3, Duration.ofSeconds(5));
    assertTrue(again.done());
    assertEquals(List.of(), again.rows());
  }

  @Test
  void readingPastTheEndOfAnEndedLogIsRejected() {
    JobLog log = log(100);
    log.append("a");
    log.end(Optional.empty());
    assertThrows(IllegalArgumentException.class, () -> log.read(2, 10, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> log.read(-1, 10, Duration.ZERO));
  }

  @Test
  void spillKeepsMemoryBoundedAndEveryRowReadableAgain() throws Exception {
    JobLog log = log(1000);
    int total = 100_000;
    for (int i = 0; i < total; i++) {
      log.append("line " + i);
      assertTrue(log.rowsInMemory() <= 1000);
    }
    log.end(Optional.empty());
    assertTrue(log.spillPath().isPresent());
    List<String> all = new ArrayList<>();
    LogChunk chunk;
    do {
      chunk = log.read(all.size(), 777, Duration.ZERO);
      all.addAll(chunk.rows());
    } while (!chunk.done());
    assertEquals(total, all.size());
    for (int i = 0; i < total; i++) {
      assertEquals("line " + i, all.get(i));
    }
    Random random = new Random(42);
    for (int n = 0; n < 200; n++) {
      long offset = random.nextInt(total);
      LogChunk page = log.read(offset, 300, Duration.ZERO);
      assertEquals(Math.min(300, total - offset), page.rows().size());
      for (int i = 0; i < page.rows().size(); i++) {
        assertEquals("line " + (offset + i), page.rows().get(i));
      }
    }
    assertEquals(log.read(10, 5, Duration.ZERO), log.read(10, 5, Duration.ZERO));
  }

  @Test
  void spilledRowsKeepNewlinesAndUnicode() throws Exception {
    JobLog log = log(2);
    List<String> rows = List.of("a\nb", "", "épsilon ✓ 𝛼", "x\r\ny", "last");
    rows.forEach(log::append);
    assertTrue(log.spillPath().isPresent());
    assertEquals(rows, log.read(0, 10, Duration.ZERO).rows());
  }

  @Test
  void discardDeletesTheSpillFileAndLaterReadsFail() throws Exception {
    JobLog log = log(2);
    for (int i = 0; i < 10; i++) {
      log.append("row " + i);
    }
    Path spill = log.spillPath().orElseThrow();
    assertTrue(Files.exists(spill));
    log.discard();
    assertFalse(Files.exists(spill));
    assertThrows(IllegalStateException.class, () -> log.read(0, 10, Duration.ZERO));
  }

  @Test
  void unreadForCountsFromTheLastRead() throws Exception {
    JobLog log = log(10);
    sleep(150);
    assertTrue(log.unreadFor(Duration.ofMillis(100)));
    log.read(0, 10, Duration.ZERO);
    assertFalse(log.unreadFor(Duration.ofMillis(100)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
