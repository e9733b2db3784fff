package org.sqlflow.server.job.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Ray job's framed log as a following server reads it. */
class FramedLogTest {
  private static final String M = "@1a2b@";

  /** The log Ray has after {@code lines}: the wrapper's framed lines, with Ray's own first. */
  private static String rayLog(String... lines) {
    StringBuilder log = new StringBuilder("ray: job started\n");
    for (String line : lines) {
      log.append(M).append(line).append('\n');
    }
    return log.toString();
  }

  @Test
  void aFollowingServerSkipsTheStdoutLinesItsLogHasAndReadsTheRest() {
    List<String> rows = new ArrayList<>();
    FramedLog log = new FramedLog(M, rows::add, 2);
    // Ray's own lines and stderr do not count as the program's rows.
    log.update(rayLog("O epoch 0", "E warning", "O epoch 1"));
    // A line still being written is read once whole.
    log.update(rayLog("O epoch 0", "E warning", "O epoch 1", "O epoch 2") + M + "O epo");
    assertEquals(List.of("epoch 2"), rows);
    log.update(rayLog("O epoch 0", "E warning", "O epoch 1", "O epoch 2", "O epoch 3", "X 0"));
    assertEquals(List.of("epoch 2", "epoch 3"), rows);
    assertEquals(Optional.of(0), log.exitStatus());
    assertEquals("warning", log.stderr());
  }

  @Test
  void aPlacementNamesTheSubmissionIdBeforeTheNode() {
    assertEquals("sqlflow-ab-job-3", RayBackend.submissionIdOf("ray:sqlflow-ab-job-3@f00d"));
    assertEquals("sqlflow-ab-job-3", RayBackend.submissionIdOf("ray:sqlflow-ab-job-3"));
    assertThrows(IllegalArgumentException.class, () -> RayBackend.submissionIdOf("local:a"));
    assertThrows(IllegalArgumentException.class, () -> new FramedLog(M, line -> {}, -1));
  }
}
