package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.sqlflow.server.db.SourceColumn;

/**
 * The first rows of a SELECT, read before anything starts: its columns and, per row, a {@code
 * Double} for float64 columns or a {@code String} for text columns (null for NULL).
 */
public record SelectSample(List<SourceColumn> columns, List<List<Object>> rows) {

  public SelectSample {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  public Optional<SourceColumn> column(String name) {
    requireNonNull(name, "name");
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The sampled values of one column, nulls included, in row order. */
  public List<Object> values(String name) {
    int index = indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name);
    }
    List<Object> values = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      values.add(row.get(index));
    }
    return values;
  }
}
