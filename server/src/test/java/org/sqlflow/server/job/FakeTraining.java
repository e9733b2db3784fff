package org.sqlflow.server.job;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sqlflow.server.extended.PythonRuntime;

/** Test helper: runs src/test/resources/fake_training.py as a job's program. */
final class FakeTraining {
  private FakeTraining() {}

  /** The interpreter: system property {@code sqlflow.test.python} if it exists, else python3. */
  static String python() {
    String configured = System.getProperty("sqlflow.test.python");
    if (configured != null && Files.isExecutable(Path.of(configured))) {
      return configured;
    }
    return "python3";
  }

  static List<String> command(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(python());
    command.add(script().toString());
    command.addAll(List.of(arguments));
    return command;
  }

  static JobWork work(String... arguments) {
    return context ->
        context.runProcess(command(arguments), PythonRuntime.UNBUFFERED, PythonRuntime::causeOf);
  }

  private static Path script() {
    try {
      return Path.of(FakeTraining.class.getResource("/fake_training.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
