package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sqlflow.server.job.JobFailedException;

/**
 * A result table file the runtime writes (docs/ml-contract.md §5): column names and types ({@code
 * string}, {@code float64}, {@code int64}) and rows of values, null for NULL. Read strictly: a file
 * that breaks the contract fails the job rather than writing a wrong table.
 */
record ResultTable(List<Column> columns, List<Object[]> rows) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TYPES = Set.of("string", "float64", "int64");

  /**
   * @param type {@code string}, {@code float64} or {@code int64}
   */
  record Column(String name, String type) {
    Column {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  ResultTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Values are String, Double or Long as the column's type says. */
  static ResultTable read(Path file) throws IOException, JobFailedException {
    if (!Files.exists(file)) {
      throw new JobFailedException("the program wrote no result table " + file.getFileName());
    }
    JsonNode root = JSON.readTree(file.toFile());
    List<Column> columns = new ArrayList<>();
    for (JsonNode column : root.path("columns")) {
      String type = column.path("type").asText();
      if (!column.path("name").isTextual() || !TYPES.contains(type)) {
        throw broken(file, "column " + column);
      }
      columns.add(new Column(column.path("name").asText(), type));
    }
    if (columns.isEmpty()) {
      throw broken(file, "no columns");
    }
    List<Object[]> rows = new ArrayList<>();
    for (JsonNode row : root.path("rows")) {
      if (row.size() != columns.size()) {
        throw broken(file, "a row of " + row.size() + " values for " + columns.size() + " columns");
      }
      Object[] values = new Object[columns.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(row.get(i), columns.get(i).type(), file);
      }
      rows.add(values);
    }
    return new ResultTable(columns, rows);
  }

  private static Object value(JsonNode node, String type, Path file) throws JobFailedException {
    if (node.isNull()) {
      return null;
    }
    return switch (type) {
      case "string" -> node.asText();
      case "int64" -> {
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
          throw broken(file, "int64 value " + node);
        }
        yield node.asLong();
      }
      default -> {
        if (!node.isNumber()) {
          throw broken(file, "float64 value " + node);
        }
        yield node.asDouble();
      }
    };
  }

  private static JobFailedException broken(Path file, String what) {
    return new JobFailedException(
        "the result table " + file.getFileName() + " breaks the contract: " + what);
  }
}
