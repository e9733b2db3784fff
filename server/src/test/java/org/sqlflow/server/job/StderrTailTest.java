package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StderrTailTest {

  @Test
  void causeIsTheExceptionLineOfThePythonTraceback() {
    String stderr =
        """
        2025-01-01 12:00:00 I tensorflow/core: oneDNN custom operations are on.
        Traceback (most recent call last):
          File "/tmp/job-3/main.py", line 12, in <module>
            x = float(row["sepal_length"])
                ^^^^^^^^^^^^^^^^^^^^^^^^^^
        ValueError: could not convert string to float: 'abc'
        """;
    assertEquals(
        "ValueError: could not convert string to float: 'abc'", StderrTail.causeOf(stderr, 1));
  }

  @Test
  void causeOfChainedExceptionsIsTheLastOne() {
    String stderr =
        """
        Traceback (most recent call last):
          File "main.py", line 3, in <module>
        KeyError: 'class'

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "main.py", line 5, in <module>
        RuntimeError: label column missing
        more detail on a second line
        """;
    assertEquals("RuntimeError: label column missing", StderrTail.causeOf(stderr, 1));
  }

  @Test
  void withoutTracebackTheCauseIsTheStatusAndLastStderrLine() {
    assertEquals(
        "program exited with status 3: fatal: the disk is full",
        StderrTail.causeOf("warming up\nfatal: the disk is full\n\n", 3));
    assertEquals("program exited with status 137", StderrTail.causeOf("", 137));
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
