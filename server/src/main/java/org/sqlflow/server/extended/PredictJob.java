package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    Path predictions = context.workDir().resolve(JobFiles.PREDICTIONS);
    if (!Files.exists(predictions) || Files.size(predictions) != feed.rows() * Double.BYTES) {
      throw new JobFailedException(
          "the program wrote "
              + (Files.exists(predictions) ? Files.size(predictions) / Double.BYTES : 0)
              + " predictions for "
              + feed.rows()
              + " rows");
    }
    SqlDialect dialect = steps.db().dialect();
    List<TableColumn> columns = new ArrayList<>();
    for (int index : plan.keptColumns()) {
      columns.add(TableColumn.copying(feed.columns().get(index), dialect));
    }
    String result = plan.statement().resultColumn();
    boolean classIds = plan.model().isClassifier();
    columns.add(
        classIds
            ? TableColumn.bigintColumn(result, dialect)
            : TableColumn.doubleColumn(result, dialect));

    long written;
    try (RowsFile.Reader rows =
            RowsFile.reader(context.workDir().resolve(JobFiles.PREDICT_ROWS), feed.columns());
        DataInputStream values =
            new DataInputStream(
                new BufferedInputStream(Files.newInputStream(predictions), 1 << 16))) {
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
                for (int i = 0; i < plan.keptColumns().size(); i++) {
                  out[i] = row[plan.keptColumns().get(i)];
                }
                double value = readLittleEndianDouble(values);
                out[out.length - 1] =
                    Double.isNaN(value)
                        ? null
                        : classIds ? (Object) Math.round(value) : (Object) value;
                return out;
              },
              context::checkCancelled);
    }
    context.log(LogRows.wroteRows(written, plan.statement().resultTable()));
  }

  private static double readLittleEndianDouble(DataInputStream in) throws IOException {
    try {
      return Double.longBitsToDouble(Long.reverseBytes(in.readLong()));
    } catch (EOFException e) {
      throw new IOException("fewer predictions than rows", e);
    }
  }
}
