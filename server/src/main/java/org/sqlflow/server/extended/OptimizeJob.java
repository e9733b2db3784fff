package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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
    String into = plan.statement().into();
    long written;
    try (ResultStream result =
        ResultStream.open(context.workDir().resolve(JobFiles.OPTIMIZATION))) {
      written =
          ResultLoading.write(
              tables,
              steps,
              context,
              into,
              columns(result, feed),
              () -> {
                Object[] row = result.next();
                if (row == null ? result.rows() != feed.rows() : result.rows() > feed.rows()) {
                  throw new ResultStream.Broken(
                      "the program solved "
                          + (row == null ? result.rows() : "more")
                          + " variables for "
                          + feed.rows()
                          + " rows");
                }
                return row;
              });
    } catch (ResultStream.Broken e) {
      throw new JobFailedException(e.getMessage(), e);
    }
    context.log(LogRows.wroteRows(written, into));
  }

  /** The index columns as the SELECT typed them, then the solved values. */
  private List<TableColumn> columns(ResultStream result, Feed feed) throws JobFailedException {
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
    columns.add(ResultLoading.tableColumn(result.columns().get(indexCount), dialect));
    return columns;
  }
}
