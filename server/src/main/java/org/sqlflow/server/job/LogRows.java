package org.sqlflow.server.job;

import java.util.List;
import java.util.Locale;

/**
 * The log rows SQLFlow itself writes into a statement's log (README's table of answers); the
 * program prints the rest. The one place their wording lives, whichever stage writes them.
 */
public final class LogRows {
  public static final String DONE_PARSING = "Done parsing";
  public static final String DONE_VERIFYING = "Done verifying";
  public static final String DONE_CODE_GENERATION = "Done code generation";

  /** What a statement that was verified and generated into a program has logged. */
  public static final List<String> PREPARED = List.of(DONE_VERIFYING, DONE_CODE_GENERATION);

  public static final String START_TRAINING = "Start training";
  public static final String DONE_TRAINING = "Done training";
  public static final String START_PREDICTING = "Start predicting";
  public static final String START_EVALUATING = "Start evaluating";
  public static final String START_EXPLAINING = "Start explaining";
  public static final String START_OPTIMIZING = "Start optimizing";

  /** How the last row of a job that ended normally begins; {@link #finished} writes it. */
  public static final String JOB_FINISHED = "Job finished.";

  private LogRows() {}

  public static String savingModel(String model) {
    return "Saving model into " + model;
  }

  public static String wroteRows(long rows, String table) {
    return "Wrote " + rows + " rows into " + table;
  }

  public static String wroteMetrics(String table) {
    return "Wrote evaluation metrics into " + table;
  }

  public static String wroteImportances(int features, String table) {
    return "Wrote " + features + " feature importances into " + table;
  }

  public static String wrotePlot(String table, int width, int height) {
    return "Wrote the summary plot ("
        + width
        + "x"
        + height
        + " PNG) into "
        + table
        + ": SELECT png FROM "
        + table;
  }

  public static String plotNotStored(String suffix) {
    return "The summary plot is stored only with INTO db.t (in table db.t" + suffix + ")";
  }

  /** The last row of a job that ended normally. */
  public static String finished(double seconds) {
    return String.format(Locale.ROOT, "%s Time elapsed %.1f s", JOB_FINISHED, seconds);
  }
}
