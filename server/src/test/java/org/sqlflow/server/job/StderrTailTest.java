package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StderrTailTest {

  @Test
  void withoutTracebackTheCauseIsTheStatusAndLastStderrLine() {
    assertEquals(
        "program exited with status 3: fatal: the disk is full",
        ExitExplainer.LAST_LINE.causeOf("warming up\nfatal: the disk is full\n\n", 3));
    assertEquals("program exited with status 137", ExitExplainer.LAST_LINE.causeOf("", 137));
  }

  @Test
  void keepsOnlyTheLastBytesStartingAtAWholeLine() {
    StderrTail tail = new StderrTail();
    for (int i = 0; i < 20_000; i++) {
      byte[] line = ("noise line " + i + "\n").getBytes(UTF_8);
      tail.write(line, line.length);
    }
    String text = tail.text();
    assertTrue(text.length() <= StderrTail.CAPACITY);
    assertTrue(text.startsWith("noise line "), text.substring(0, 40));
    assertTrue(text.endsWith("noise line 19999\n"));
  }
}
