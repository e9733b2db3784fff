package org.sqlflow.server.extended;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.model.TableColumn;
import org.sqlflow.server.model.TableWriter;

/**
 * Loads a program's result table (a {@link ResultStream}) into an INTO table through the {@link
 * TableWriter}: how result columns become SQL columns, and a broken result file reported as the
 * job's failure with the file's own explanation.
 */
final class ResultLoading {
  private ResultLoading() {}

  /** BIGINT for int64, DOUBLE for float64, the dialect's VARCHAR for string. */
  static TableColumn tableColumn(ResultStream.Column column, SqlDialect dialect) {
    return switch (column.type()) {
      case INT64 -> TableColumn.bigintColumn(column.name(), dialect);
      case FLOAT64 -> TableColumn.doubleColumn(column.name(), dialect);
      case STRING -> TableColumn.textColumn(column.name(), dialect);
    };
  }

  /** Fails when two columns share a name (SQL compares column names without case). */
  static void checkDistinct(List<TableColumn> columns) throws JobFailedException {
    Set<String> seen = new HashSet<>();
    for (TableColumn column : columns) {
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw new JobFailedException(
            "the result table would have two columns named " + column.name());
      }
    }
  }

  /** Writes {@code rows} as {@code into}; returns how many rows were written. */
  static long write(
      TableWriter tables,
      JobSteps steps,
      JobContext context,
      String into,
      List<TableColumn> columns,
      TableWriter.RowSource rows)
      throws Exception {
    checkDistinct(columns);
    try {
      return tables.write(steps.db(), into, columns, rows, context::checkCancelled);
    } catch (ResultStream.Broken e) {
      throw new JobFailedException(e.getMessage(), e);
    }
  }
}
