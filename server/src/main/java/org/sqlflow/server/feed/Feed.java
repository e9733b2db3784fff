package org.sqlflow.server.feed;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.sqlflow.server.db.SourceColumn;

/** A feed directory that has been written completely: where, how many rows, which columns. */
public record Feed(Path directory, long rows, List<SourceColumn> columns) {
  public Feed {
    requireNonNull(directory, "directory");
    columns = List.copyOf(columns);
  }
}
