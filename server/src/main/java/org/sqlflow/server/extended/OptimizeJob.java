package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.feed.Feed;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.OptimizationPlan;

/**
 * TO MAXIMIZE / TO MINIMIZE: feed the SELECT, run the optimize program (its lines stream to the
 * log), then write its result table INTO the target, which replaces the old table only once
 * complete. Index columns keep the SELECT's own types.
 */
final class OptimizeJob implements JobWork {
  private final OptimizationPlan plan;
  private final String program;
  private final JobSteps steps;
  private final TableWriter tables;

  OptimizeJob(OptimizationPlan plan, String program, JobSteps steps, TableWriter tables) {
    this.plan = requireNonNull(plan, "plan");
    this.program = requireNonNull(program, "program");
    this.steps = requireNonNull(steps, "steps");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override
  public void run(JobContext context) throws Exception {
    context.log(LogRows.START_OPTIMIZING);
    Feed feed = steps.feed(context, plan.statement().select(), JobFiles.OPTIMIZE_FEED, null);
    steps.runProgram(context, program);
    ResultTable result = ResultTable.read(context.workDir().resolve(JobFiles.OPTIMIZATION));
    if (result.rows().size() != feed.rows()) {
      throw new JobFailedException(
          "the program solved " + result.rows().size() + " variables for " + feed.rows() + " rows");
    }
    List<TableColumn> columns = columns(result, feed);
    Iterator<Object[]> rows = result.rows().iterator();
    String into = plan.statement().into();
    long written =
        tables.write(
            steps.db(),
            into,
            columns,
            () -> rows.hasNext() ? rows.next() : null,
            context::checkCancelled);
    context.log(LogRows.wroteRows(written, into));
  }

  /** The index columns as the SELECT typed them, then the solved values. */
  private List<TableColumn> columns(ResultTable result, Feed feed) throws JobFailedException {
    SqlDialect dialect = steps.db().dialect();
    int indexCount = plan.indexColumns().size();
    if (result.columns().size() != indexCount + 1) {
      throw new JobFailedException(
          "the result table has "
              + result.columns().size()
              + " columns; expected the "
              + indexCount
              + " index columns and the solved values");
    }
    List<TableColumn> columns = new ArrayList<>();
    for (int i = 0; i < indexCount; i++) {
      String name = result.columns().get(i).name();
      SourceColumn source =
          feed.columns().stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new JobFailedException(
                          "the result table's column " + name + " is not a column of the SELECT"));
      columns.add(TableColumn.copying(source, dialect));
    }
    ResultTable.Column solved = result.columns().get(indexCount);
    columns.add(
        solved.type().equals("int64")
            ? TableColumn.bigintColumn(solved.name(), dialect)
            : TableColumn.doubleColumn(solved.name(), dialect));
    return columns;
  }
}
