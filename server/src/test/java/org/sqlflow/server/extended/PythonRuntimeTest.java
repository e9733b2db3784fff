package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A failed Python program's cause is read from its traceback, by the Python runtime. */
class PythonRuntimeTest {

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
        "ValueError: could not convert string to float: 'abc'", PythonRuntime.causeOf(stderr, 1));
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
    assertEquals("RuntimeError: label column missing", PythonRuntime.causeOf(stderr, 1));
  }

  @Test
  void withoutTracebackTheCauseIsTheStatusAndLastStderrLine() {
    assertEquals(
        "program exited with status 3: fatal: the disk is full",
        PythonRuntime.causeOf("warming up\nfatal: the disk is full\n\n", 3));
    assertEquals("program exited with status 137", PythonRuntime.causeOf("", 137));
  }
}
