package org.sqlflow.server.startup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.sqlflow.server.job.CommandRun;

/**
 * Asks the configured interpreter, once at start, for its version and TensorFlow's, so that a
 * missing runtime is said at start in one line rather than in every training's log.
 */
public final class PythonProbe {
  private static final String SCRIPT =
      "import sys\nimport tensorflow as tf\nprint(sys.version.split()[0], tf.__version__)";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** What the probe found: {@code problem} is empty when TensorFlow imports. */
  public record Result(String versions, String problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  private PythonProbe() {}

  public static Result probe(Path python) {
    CommandRun run;
    try {
      run = CommandRun.of(List.of(python.toString(), "-c", SCRIPT), TIMEOUT);
    } catch (IOException e) {
      return new Result(
          "",
          "Python interpreter "
              + python
              + " not found; run bin/setup-python"
              + " in the checkout, or name one with --python");
    } catch (TimeoutException e) {
      return new Result("", python + " did not answer within " + TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result("", "interrupted while checking " + python);
    }
    List<String> lines = run.output().strip().lines().toList();
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    if (run.exitCode() != 0) {
      return new Result(
          "",
          python
              + " cannot import TensorFlow ("
              + last
              + "); run"
              + " bin/setup-python, or name an interpreter that has it with --python");
    }
    return new Result("Python " + last.replace(" ", ", TensorFlow "), "");
  }
}
