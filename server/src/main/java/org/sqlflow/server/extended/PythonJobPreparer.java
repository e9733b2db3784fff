package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.Optional;
import org.sqlflow.parser.EvaluateStatement;
import org.sqlflow.parser.ExplainStatement;
import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.OptimizeStatement;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.parser.RunStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.codegen.ProgramGenerator;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.feed.FeedWriter;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelDescription;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.EvaluationPlan;
import org.sqlflow.server.verify.ExplanationPlan;
import org.sqlflow.server.verify.OptimizationPlan;
import org.sqlflow.server.verify.OptimizeVerifier;
import org.sqlflow.server.verify.PredictionPlan;
import org.sqlflow.server.verify.SelectSampler;
import org.sqlflow.server.verify.TrainingPlan;
import org.sqlflow.server.verify.Verifier;

/**
 * Where the protocol layer hands an extended statement: verification and code generation run
 * synchronously (their errors reach the client before any job starts), and the returned {@link
 * PreparedJob} carries the work the job engine runs.
 */
public final class PythonJobPreparer implements JobPreparer {
  /** Rows read from a SELECT to learn its columns, types and vocabularies. */
  public static final int SAMPLE_ROWS = 1000;

  private final ModelStore store;
  private final PythonRuntime runtime;
  private final Verifier verifier;
  private final ProgramGenerator generator;
  private final FeedWriter feeds;
  private final TableWriter tables;
  private final OptimizeVerifier optimizer;

  public PythonJobPreparer(
      ModelStore store,
      PythonRuntime runtime,
      Verifier verifier,
      OptimizeVerifier optimizer,
      ProgramGenerator generator,
      FeedWriter feeds,
      TableWriter tables) {
    this.store = requireNonNull(store, "store");
    this.runtime = requireNonNull(runtime, "runtime");
    this.verifier = requireNonNull(verifier, "verifier");
    this.optimizer = requireNonNull(optimizer, "optimizer");
    this.generator = requireNonNull(generator, "generator");
    this.feeds = requireNonNull(feeds, "feeds");
    this.tables = requireNonNull(tables, "tables");
  }

  /** The usual wiring: default sample size, fetch size and batch size. */
  public PythonJobPreparer(ModelStore store, PythonRuntime runtime) {
    this(
        store,
        runtime,
        new Verifier(store, new SelectSampler(SAMPLE_ROWS)),
        new OptimizeVerifier(new SelectSampler(SAMPLE_ROWS)),
        new ProgramGenerator(),
        new FeedWriter(),
        new TableWriter());
  }

  /**
   * Verifies {@code statement} against {@code db} and generates its program.
   *
   * @throws SqlflowException with a message saying what to fix, before anything runs
   */
  @Override
  public PreparedJob prepare(ExtendedStatement statement, ConnectionSource db)
      throws SqlflowException {
    requireNonNull(statement, "statement");
    JobSteps steps = new JobSteps(requireNonNull(db, "db"), feeds, runtime);
    if (statement instanceof TrainStatement train) {
      TrainingPlan plan = verifier.verifyTrain(train, db);
      requireModelOrAbsent(db, plan.into());
      String program = generate(() -> generator.train(plan));
      TrainJob job = new TrainJob(plan, program, steps, store);
      return new PreparedJob(LogRows.PREPARED, job, Optional.of(job.followUp()));
    } else if (statement instanceof PredictStatement predict) {
      PredictionPlan plan = verifier.verifyPredict(predict, db);
      String program = generate(() -> generator.predict(plan));
      return new PreparedJob(LogRows.PREPARED, new PredictJob(plan, program, steps, store, tables));
    } else if (statement instanceof EvaluateStatement evaluate) {
      EvaluationPlan plan = verifier.verifyEvaluate(evaluate, db);
      String program = generate(() -> generator.evaluate(plan));
      return new PreparedJob(
          LogRows.PREPARED, new EvaluateJob(plan, program, steps, store, tables));
    } else if (statement instanceof ExplainStatement explain) {
      ExplanationPlan plan = verifier.verifyExplain(explain, db);
      String program = generate(() -> generator.explain(plan));
      return new PreparedJob(LogRows.PREPARED, new ExplainJob(plan, program, steps, store, tables));
    } else if (statement instanceof OptimizeStatement optimize) {
      OptimizationPlan plan = optimizer.verify(optimize, db);
      String program = generate(() -> generator.optimize(plan));
      return new PreparedJob(LogRows.PREPARED, new OptimizeJob(plan, program, steps, tables));
    } else if (statement instanceof RunStatement run) {
      throw new SqlflowException(
          ErrorCode.NOT_SUPPORTED,
          "TO RUN is not supported: this server"
              + " does not run programs or container images named in statements ("
              + run.program()
              + "); run it outside SQLFlow, or use TO TRAIN, TO PREDICT,"
              + " TO EVALUATE, TO EXPLAIN or TO MAXIMIZE/MINIMIZE");
    }
    throw new SqlflowException(
        ErrorCode.INTERNAL, "SHOW TRAIN runs no job; answer it with describe()");
  }

  /** SHOW TRAIN: the stored model's name and the statement that trained it. */
  @Override
  public ModelDescription describe(ShowTrainStatement statement, ConnectionSource db)
      throws SqlflowException {
    try {
      return store.describe(db, statement.model());
    } catch (SQLException e) {
      throw new SqlflowException(
          ErrorCode.UNKNOWN_MODEL,
          "cannot read model " + statement.model() + ": " + e.getMessage(),
          e);
    }
  }

  /** Said before the training runs; the store checks again before it replaces anything. */
  private void requireModelOrAbsent(ConnectionSource db, String into) throws SqlflowException {
    try {
      store.requireModelOrAbsent(db, into);
    } catch (SQLException e) {
      throw new SqlflowException(
          ErrorCode.INTERNAL, "cannot check the model table " + into + ": " + e.getMessage(), e);
    }
  }

  private interface Generation {
    String program();
  }

  private static String generate(Generation generation) throws SqlflowException {
    try {
      return generation.program();
    } catch (RuntimeException e) {
      throw new SqlflowException(
          ErrorCode.INTERNAL, "code generation failed: " + e.getMessage(), e);
    }
  }
}
