package org.sqlflow.parser;

import java.util.Locale;

/** Placeholder; replaced by the parser work. */
public final class StatementClassifier {
  private StatementClassifier() {}

  public static StatementKind classify(String sql) {
    String s = sql.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (s.startsWith("SHOW JOBS")) {
      return StatementKind.SHOW_JOBS;
    }
    if (s.startsWith("KILL JOB")) {
      return StatementKind.KILL_JOB;
    }
    if (s.startsWith("SHOW TRAIN") || s.matches(".* TO (TRAIN|PREDICT|EVALUATE|EXPLAIN) .*")) {
      return StatementKind.EXTENDED;
    }
    return StatementKind.STANDARD;
  }
}
