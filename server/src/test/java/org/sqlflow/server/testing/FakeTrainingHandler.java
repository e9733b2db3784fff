package org.sqlflow.server.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.extended.JobPreparer;
import org.sqlflow.server.extended.PreparedJob;
import org.sqlflow.server.extended.PythonRuntime;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelDescription;

/**
 * Runs {@code fake_training.py} for {@code ... TO TRAIN Fake WITH fake.args = "..." INTO m}, so the
 * streaming, cancel and error paths can be tested quickly and on purpose; the real TensorFlow path
 * has tests of its own.
 */
public final class FakeTrainingHandler implements JobPreparer {
  private final Path python;
  private final Path script;

  public FakeTrainingHandler(Path python) {
    this.python = python;
    this.script = Path.of("target", "test-classes", "fake_training.py").toAbsolutePath();
  }

  @Override
  public PreparedJob prepare(ExtendedStatement statement, ConnectionSource database)
      throws SqlflowException {
    if (!(statement instanceof TrainStatement train) || !train.modelClass().equals("Fake")) {
      throw new SqlflowException(ErrorCode.INVALID_ATTRIBUTE, "only TO TRAIN Fake is known here");
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), "-u", script.toString()));
    train
        .attributes()
        .find("fake.args")
        .ifPresent(
            value ->
                command.addAll(
                    Arrays.asList(((AttributeValue.StringValue) value).value().split(" "))));
    return new PreparedJob(
        LogRows.PREPARED,
        context -> {
          context.log(LogRows.START_TRAINING);
          context.runProcess(command, Map.of(), PythonRuntime::causeOf);
          context.log(LogRows.DONE_TRAINING);
        });
  }

  @Override
  public ModelDescription describe(ShowTrainStatement statement, ConnectionSource database)
      throws SqlflowException {
    throw new SqlflowException(ErrorCode.UNKNOWN_MODEL, "no models here");
  }
}
