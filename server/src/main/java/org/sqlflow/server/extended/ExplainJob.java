package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.ExplanationPlan;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.job.LogRows;

/**
 * TO EXPLAIN: restore the model, feed the rows, run the program (which logs one line per
 * feature) and, with INTO, write a (feature, importance) table.
 */
final class ExplainJob implements JobWork {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExplanationPlan plan;
  private final String program;
  private final JobSteps steps;
  private final ModelStore store;
  private final TableWriter tables;

  ExplainJob(ExplanationPlan plan, String program, JobSteps steps, ModelStore store,
      TableWriter tables) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.store = requireNonNull(store, "store");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_EXPLAINING);
    steps.runOnStoredModel(context, store, plan.statement().model(),
        plan.statement().select(), null, program);
    if (plan.statement().into().isEmpty()) {
      return;
    }
    JsonNode importances =
        JSON.readTree(context.workDir().resolve(JobFiles.EXPLANATION).toFile());
    List<Object[]> rows = new ArrayList<>();
    importances.fields().forEachRemaining(e -> rows.add(new Object[] {
        e.getKey(), e.getValue().isNumber() ? e.getValue().asDouble() : null}));
    SqlDialect dialect = steps.db().dialect();
    Iterator<Object[]> next = rows.iterator();
    String into = plan.statement().into().get();
    tables.write(steps.db(), into, List.of(TableColumn.textColumn("feature", dialect),
        TableColumn.doubleColumn("importance", dialect)),
        () -> next.hasNext() ? next.next() : null, context::checkCancelled);
    context.log(LogRows.wroteImportances(rows.size(), into));
  }
}
