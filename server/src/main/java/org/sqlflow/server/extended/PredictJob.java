package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.feed.Feed;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.PredictionPlan;

/**
 * TO PREDICT: restore the model, feed the rows (keeping their own values), run the program, then
 * stream the SELECT's columns (minus the label) beside the program's result columns (the prediction
 * first) into the result table, row by row.
 */
final class PredictJob implements JobWork {
  private final PredictionPlan plan;
  private final String program;
  private final JobSteps steps;
  private final ModelStore store;
  private final TableWriter tables;

  PredictJob(
      PredictionPlan plan, String program, JobSteps steps, ModelStore store, TableWriter tables) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.store = requireNonNull(store, "store");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_PREDICTING);
    Feed feed =
        steps.runOnStoredModel(
            context,
            store,
            plan.statement().model(),
            plan.statement().select(),
            JobFiles.PREDICT_ROWS,
            program);

    SqlDialect dialect = steps.db().dialect();
    long written;
    try (RowsFile.Reader rows =
            RowsFile.reader(context.workDir().resolve(JobFiles.PREDICT_ROWS), feed.columns());
        ResultStream predictions =
            ResultStream.open(context.workDir().resolve(JobFiles.PREDICTIONS))) {
      List<TableColumn> columns = columns(feed, predictions, dialect);
      written =
          ResultLoading.write(
              tables,
              steps,
              context,
              plan.statement().resultTable(),
              columns,
              new PredictionRows(rows, predictions, plan.keptColumns(), feed.rows()));
    } catch (ResultStream.Broken e) {
      throw new JobFailedException(e.getMessage(), e);
    }
    context.log(LogRows.wroteRows(written, plan.statement().resultTable()));
  }

  /**
   * The kept SELECT columns with their own types, then the program's columns as it named and typed
   * them: the prediction (the class id, value or original label), then the extra outputs.
   */
  private List<TableColumn> columns(Feed feed, ResultStream predictions, SqlDialect dialect)
      throws JobFailedException {
    List<String> expected = new ArrayList<>();
    expected.add(plan.outputs().resultColumn());
    expected.addAll(plan.outputs().extraOutputs());
    List<String> written = predictions.columns().stream().map(ResultStream.Column::name).toList();
    if (!written.equals(expected)) {
      throw new JobFailedException(
          "the program wrote the columns " + written + ", expected " + expected);
    }
    List<TableColumn> columns = new ArrayList<>();
    for (int index : plan.keptColumns()) {
      columns.add(TableColumn.copying(feed.columns().get(index), dialect));
    }
    for (ResultStream.Column column : predictions.columns()) {
      columns.add(ResultLoading.tableColumn(column, dialect));
    }
    return columns;
  }
}
