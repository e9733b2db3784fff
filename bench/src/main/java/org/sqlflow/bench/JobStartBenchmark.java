package org.sqlflow.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.sqlflow.server.job.LogRows;

/** How soon a real TensorFlow training says something, as the user sees it. */
final class JobStartBenchmark implements Benchmark {

  @Override
  public String name() {
    return "jobstart";
  }

  @Override
  public String title() {
    return "5. Job start";
  }

  @Override
  public String method() {
    return "Our server exactly as shipped (`--sample-data`, real TensorFlow handler) in front "
        + "of MariaDB; a client runs a small iris DNNClassifier training and notes, from "
        + "the call to executeQuery(), when next() returns the first log row, the row "
        + "`Start training`, the first `epoch` row, and the last row. Runs one after another.";
  }

  static String statement(int epochs) {
    return "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
        + " model.hidden_units = [10, 20], train.epoch = "
        + epochs
        + " COLUMN sepal_length, sepal_width, petal_length, petal_width LABEL class"
        + " INTO sqlflow_models.bench_dnn";
  }

  @Override
  public Section run(BenchEnvironment env) throws Exception {
    BenchOptions o = env.options();
    int epochs = env.sizes() == Sizes.SMOKE ? 1 : 5;
    Table.Builder table =
        Table.builder(
            "iris DNNClassifier, " + epochs + " epochs",
            "run",
            "first row s",
            "`Start training` s",
            "first epoch row s",
            "last row s");
    try (JavaProcess server =
        env.startOurServer(
            "sqlflow-server-tf",
            List.of(),
            env.databaseUrl(),
            o.mysqlUser(),
            o.mysqlPassword(),
            "--sample-data")) {
      Side ours = new Side("ours", "jdbc:sqlflow://127.0.0.1:" + server.port());
      for (int run = 1; run <= env.sizes().jobRuns(); run++) {
        double first = Double.NaN;
        double start = Double.NaN;
        double epoch = Double.NaN;
        long started = System.nanoTime();
        try (Connection c = ours.open();
            Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(statement(epochs))) {
          while (rs.next()) {
            double at = (System.nanoTime() - started) / 1e9;
            String line = rs.getString(1);
            if (Double.isNaN(first)) {
              first = at;
            }
            if (Double.isNaN(start) && line.startsWith(LogRows.START_TRAINING)) {
              start = at;
            }
            if (Double.isNaN(epoch) && line.startsWith("epoch")) {
              epoch = at;
            }
          }
        }
        double last = (System.nanoTime() - started) / 1e9;
        if (Double.isNaN(epoch)) {
          throw new IllegalStateException("the training printed no epoch row");
        }
        table.row(Integer.toString(run), first, start, epoch, last);
      }
    }
    return new Section(title(), method(), true, List.of(table.build()), List.of(), List.of());
  }
}
