package org.sqlflow.bench;

import java.util.List;

/**
 * What one benchmark reports: its tables, the targets it is held to, and notes such as a side that
 * could not run. {@code ran} is false when the benchmark produced nothing.
 */
public record Section(
    String title,
    String method,
    boolean ran,
    List<Table> tables,
    List<TargetCheck> targets,
    List<String> notes) {
  public Section {
    tables = List.copyOf(tables);
    targets = List.copyOf(targets);
    notes = List.copyOf(notes);
  }

  static Section notRun(String title, String method, Throwable why) {
    String reason = why.getMessage() == null ? why.toString() : why.getMessage();
    return new Section(
        title,
        method,
        false,
        List.of(),
        List.of(),
        List.of("Did not run: " + reason.lines().findFirst().orElse(reason)));
  }
}
