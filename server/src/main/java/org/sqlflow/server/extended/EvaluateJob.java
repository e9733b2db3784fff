package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.sqlflow.server.verify.EvaluationPlan;

/** TO EVALUATE: restore the model, feed the rows, run the program, write one metrics row. */
final class EvaluateJob implements JobWork {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EvaluationPlan plan;
  private final String program;
  private final JobSteps steps;
  private final ModelStore store;
  private final TableWriter tables;

  EvaluateJob(
      EvaluationPlan plan, String program, JobSteps steps, ModelStore store, TableWriter tables) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.store = requireNonNull(store, "store");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_EVALUATING);
    steps.runOnStoredModel(
        context, store, plan.statement().model(), plan.statement().select(), null, program);

    Path file = context.workDir().resolve(JobFiles.METRICS);
    JsonNode metrics = JSON.readTree(file.toFile());
    SqlDialect dialect = steps.db().dialect();
    List<TableColumn> columns = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    var fields = metrics.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      SqlDialect.parseName(field.getKey());
      if (!field.getValue().isNumber() && !field.getValue().isNull()) {
        throw new JobFailedException("metric " + field.getKey() + " is not a number");
      }
      columns.add(TableColumn.doubleColumn(field.getKey(), dialect));
      values.add(field.getValue().isNull() ? null : field.getValue().asDouble());
    }
    Object[][] remaining = {values.toArray()};
    int[] next = {0};
    tables.write(
        steps.db(),
        plan.statement().into(),
        columns,
        () -> next[0] < remaining.length ? remaining[next[0]++] : null,
        context::checkCancelled);
    context.log(LogRows.wroteMetrics(plan.statement().into()));
  }
}
