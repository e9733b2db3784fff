package org.sqlflow.bench.corpus;

/** How far a statement got, in the order a statement goes: parse, verify, run. */
public enum Outcome {
  /** The parser refused it (SQLFlow's syntax error, or the database's when it reached one). */
  NOT_PARSED("not parsed", false, false),
  /** Parsed, then refused before anything ran: unknown table, column, model, attribute, ... */
  NOT_VERIFIED("not verified", true, false),
  /** Verified and started; the program failed, or the log ended without its last row. */
  FAILED_RUNNING("failed running", true, true),
  /** Verified and started; still running when the corpus runner's timeout cancelled it. */
  TIMED_OUT("timed out", true, true),
  /** Ran to the end: a job's log ended with "Job finished", any other statement answered. */
  RAN("ran", true, true);

  private final String label;
  private final boolean parsed;
  private final boolean verified;

  Outcome(String label, boolean parsed, boolean verified) {
    this.label = label;
    this.parsed = parsed;
    this.verified = verified;
  }

  public String label() {
    return label;
  }

  public boolean parsed() {
    return parsed;
  }

  public boolean verified() {
    return verified;
  }
}
