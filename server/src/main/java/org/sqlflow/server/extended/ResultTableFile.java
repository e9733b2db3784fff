package org.sqlflow.server.extended;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.model.TableColumn;

/**
 * A result table a program wrote (docs/ml-contract.md section 5): {"columns": [{"name", "type"}],
 * "rows": [[...]]}, read into the columns and rows {@link org.sqlflow.server.model.TableWriter}
 * inserts. Column names are checked as SQL names; cells must match their column's type.
 */
record ResultTableFile(List<TableColumn> columns, List<Object[]> rows) {
  private static final ObjectMapper JSON = new ObjectMapper();

  ResultTableFile {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  static ResultTableFile read(Path file, SqlDialect dialect)
      throws IOException, JobFailedException {
    JsonNode root = JSON.readTree(file.toFile());
    List<TableColumn> columns = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode column : root.path("columns")) {
      String name = column.path("name").asText();
      String type = column.path("type").asText();
      try {
        columns.add(
            switch (type) {
              case "string" -> TableColumn.textColumn(name, dialect);
              case "float64" -> TableColumn.doubleColumn(name, dialect);
              case "int64" -> TableColumn.bigintColumn(name, dialect);
              default ->
                  throw new JobFailedException(
                      "result column " + name + " has unknown type " + type);
            });
        SqlDialect.parseName(name);
      } catch (SqlflowException e) {
        throw new JobFailedException(
            "the program named a result column '" + name + "': " + e.getMessage());
      }
      types.add(type);
    }
    if (columns.isEmpty()) {
      throw new JobFailedException("the program's result table has no columns");
    }
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode row : root.path("rows")) {
      if (!row.isArray() || row.size() != columns.size()) {
        throw new JobFailedException(
            "a result row has " + row.size() + " values for " + columns.size() + " columns");
      }
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = cell(row.get(i), types.get(i), columns.get(i).name());
      }
      rows.add(values);
    }
    return new ResultTableFile(columns, rows);
  }

  private static Object cell(JsonNode value, String type, String column) throws JobFailedException {
    if (value.isNull()) {
      return null;
    }
    boolean fits =
        switch (type) {
          case "string" -> value.isTextual();
          case "int64" -> value.isIntegralNumber();
          default -> value.isNumber();
        };
    if (!fits) {
      throw new JobFailedException("result column " + column + " holds " + value + ", not " + type);
    }
    return switch (type) {
      case "string" -> value.asText();
      case "int64" -> value.asLong();
      default -> value.asDouble();
    };
  }
}
