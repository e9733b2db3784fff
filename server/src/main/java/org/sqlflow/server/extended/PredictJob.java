package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
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
 * write the SELECT's columns (minus the label) plus the prediction into the result table.
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

    // The program writes the prediction columns (named and typed by it: the class id, value or
    // original label, then the extra outputs); this job puts the SELECT's kept columns before them.
    SqlDialect dialect = steps.db().dialect();
    ResultTableFile predictions =
        ResultTableFile.read(context.workDir().resolve(JobFiles.PREDICTIONS), dialect);
    List<String> expected = new ArrayList<>();
    expected.add(plan.outputs().resultColumn());
    expected.addAll(plan.outputs().extraOutputs());
    if (!predictions.columns().stream().map(TableColumn::name).toList().equals(expected)) {
      throw new JobFailedException(
          "the program wrote the columns "
              + predictions.columns().stream().map(TableColumn::name).toList()
              + ", expected "
              + expected);
    }
    if (predictions.rows().size() != feed.rows()) {
      throw new JobFailedException(
          "the program wrote "
              + predictions.rows().size()
              + " predictions for "
              + feed.rows()
              + " rows");
    }
    List<TableColumn> columns = new ArrayList<>();
    for (int index : plan.keptColumns()) {
      columns.add(TableColumn.copying(feed.columns().get(index), dialect));
    }
    columns.addAll(predictions.columns());
    Iterator<Object[]> predicted = predictions.rows().iterator();
    int kept = plan.keptColumns().size();

    long written;
    try (RowsFile.Reader rows =
        RowsFile.reader(context.workDir().resolve(JobFiles.PREDICT_ROWS), feed.columns())) {
      written =
          tables.write(
              steps.db(),
              plan.statement().resultTable(),
              columns,
              () -> {
                Object[] row = rows.next();
                if (row == null) {
                  return null;
                }
                Object[] out = new Object[columns.size()];
                for (int i = 0; i < kept; i++) {
                  out[i] = row[plan.keptColumns().get(i)];
                }
                Object[] values = predicted.next();
                System.arraycopy(values, 0, out, kept, values.length);
                return out;
              },
              context::checkCancelled);
    }
    context.log(LogRows.wroteRows(written, plan.statement().resultTable()));
  }
}
