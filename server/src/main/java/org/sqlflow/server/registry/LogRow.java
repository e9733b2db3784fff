package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

/** Row {@code row} (from 0) of job {@code jobId}'s log. */
record LogRow(long jobId, long row, String text) {
  LogRow {
    requireNonNull(text, "text");
  }
}
