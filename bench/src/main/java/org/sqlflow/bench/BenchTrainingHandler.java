package org.sqlflow.bench;

import static java.util.Objects.requireNonNull;

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
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelDescription;

/**
 * {@code ... TO TRAIN BenchStamps WITH bench.args = "--lines 10 --pause 0.05" INTO m} runs {@code
 * stamps.py} as the job's program, through the same job engine a real training uses, so streaming
 * is timed without TensorFlow's noise.
 */
final class BenchTrainingHandler implements JobPreparer {
  static final String MODEL_CLASS = "BenchStamps";

  private final Path python;
  private final Path script;

  BenchTrainingHandler(Path python, Path script) {
    this.python = requireNonNull(python, "python");
    this.script = requireNonNull(script, "script");
  }

  static String statement(String args) {
    return "SELECT 1 TO TRAIN " + MODEL_CLASS + " WITH bench.args = \"" + args + "\" INTO m";
  }

  @Override
  public PreparedJob prepare(ExtendedStatement statement, ConnectionSource database)
      throws SqlflowException {
    if (!(statement instanceof TrainStatement train) || !train.modelClass().equals(MODEL_CLASS)) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE, "this benchmark server knows only TO TRAIN " + MODEL_CLASS);
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), "-u", script.toString()));
    train
        .attributes()
        .find("bench.args")
        .ifPresent(
            value ->
                command.addAll(
                    Arrays.asList(((AttributeValue.StringValue) value).value().split(" "))));
    return new PreparedJob(
        LogRows.PREPARED,
        context -> {
          context.log(LogRows.START_TRAINING);
          context.runProcess(command, Map.of());
          context.log(LogRows.DONE_TRAINING);
        });
  }

  @Override
  public ModelDescription describe(ShowTrainStatement statement, ConnectionSource database)
      throws SqlflowException {
    throw new SqlflowException(ErrorCode.UNKNOWN_MODEL, "no models on the benchmark server");
  }
}
