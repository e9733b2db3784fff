package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.ExplanationPlan;

/**
 * TO EXPLAIN: restore the model, feed the rows, run the program (which logs one line per feature)
 * and, with INTO, write its table: (feature, importance) for permutation importance, the program's
 * result table for SHAP and XGBoostExplainer. SHAP's summary plot goes into a table beside it,
 * {@link ExplanationPlan#plotTable()} (explainer, width, height, png): one row, so that a client
 * such as DBeaver shows the image in its value viewer.
 */
final class ExplainJob implements JobWork {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExplanationPlan plan;
  private final String program;
  private final JobSteps steps;
  private final ModelStore store;
  private final TableWriter tables;

  ExplainJob(
      ExplanationPlan plan, String program, JobSteps steps, ModelStore store, TableWriter tables) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.store = requireNonNull(store, "store");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_EXPLAINING);
    steps.runOnStoredModel(
        context, store, plan.statement().model(), plan.statement().select(), null, program);
    if (plan.statement().into().isEmpty()) {
      if (plan.drawsPlot()) {
        context.log(LogRows.plotNotStored(ExplanationPlan.PLOT_TABLE_SUFFIX));
      }
      return;
    }
    String into = plan.statement().into().get();
    if (plan.isPermutationImportance()) {
      writeImportances(context, into);
      return;
    }
    SqlDialect dialect = steps.db().dialect();
    try (ResultStream result =
        ResultStream.open(context.workDir().resolve(JobFiles.EXPLANATION_TABLE))) {
      List<TableColumn> columns = new ArrayList<>();
      for (ResultStream.Column column : result.columns()) {
        columns.add(ResultLoading.tableColumn(column, dialect));
      }
      long written = ResultLoading.write(tables, steps, context, into, columns, result::next);
      context.log(LogRows.wroteRows(written, into));
    } catch (ResultStream.Broken e) {
      throw new JobFailedException(e.getMessage(), e);
    }
    if (plan.plotTable().isPresent()) {
      PngImage plot = PngImage.read(context.workDir().resolve(JobFiles.SUMMARY_PLOT));
      String plotTable = plan.plotTable().get();
      List<Object[]> rows =
          List.<Object[]>of(
              new Object[] {
                plan.explainer(), (long) plot.width(), (long) plot.height(), plot.bytes()
              });
      write(
          context,
          plotTable,
          List.of(
              TableColumn.textColumn("explainer", dialect),
              TableColumn.bigintColumn("width", dialect),
              TableColumn.bigintColumn("height", dialect),
              TableColumn.bytesColumn("png", dialect)),
          rows);
      context.log(LogRows.wrotePlot(plotTable, plot.width(), plot.height()));
    }
  }

  /** Permutation importance: explain.json maps each feature to its importance. */
  private void writeImportances(JobContext context, String into) throws Exception {
    JsonNode importances = JSON.readTree(context.workDir().resolve(JobFiles.EXPLANATION).toFile());
    List<Object[]> rows = new ArrayList<>();
    importances
        .fields()
        .forEachRemaining(
            e ->
                rows.add(
                    new Object[] {
                      e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null
                    }));
    SqlDialect dialect = steps.db().dialect();
    write(
        context,
        into,
        List.of(
            TableColumn.textColumn("feature", dialect),
            TableColumn.doubleColumn("importance", dialect)),
        rows);
    context.log(LogRows.wroteImportances(rows.size(), into));
  }

  private long write(
      JobContext context, String table, List<TableColumn> columns, List<Object[]> rows)
      throws Exception {
    Iterator<Object[]> next = rows.iterator();
    return tables.write(
        steps.db(),
        table,
        columns,
        () -> next.hasNext() ? next.next() : null,
        context::checkCancelled);
  }
}
