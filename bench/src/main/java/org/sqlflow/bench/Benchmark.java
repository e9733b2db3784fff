package org.sqlflow.bench;

/** One comparison of the suite. */
interface Benchmark {
  /** The short name {@code --only} takes. */
  String name();

  String title();

  /** One paragraph on what is measured and how, for the report. */
  String method();

  Section run(BenchEnvironment env) throws Exception;
}
