package org.sqlflow.bench;

import java.util.ArrayList;
import java.util.List;

/** One Markdown table of a report section. */
public record Table(String title, List<String> header, List<List<String>> rows) {
  public Table {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
  }

  static Builder builder(String title, String... header) {
    return new Builder(title, List.of(header));
  }

  static final class Builder {
    private final String title;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(String title, List<String> header) {
      this.title = title;
      this.header = header;
    }

    Builder row(Object... cells) {
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(
            "row of " + cells.length + " cells for " + header.size() + " columns");
      }
      List<String> row = new ArrayList<>();
      for (Object cell : cells) {
        row.add(Format.cell(cell));
      }
      rows.add(row);
      return this;
    }

    Table build() {
      return new Table(title, header, rows);
    }
  }
}
