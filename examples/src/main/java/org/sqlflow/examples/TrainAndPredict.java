package org.sqlflow.examples;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Trains a DNN classifier on the iris sample data with one SQL statement, printing each log row as
 * the server streams it, then predicts the test rows into a table and reads it back.
 *
 * <pre>java -cp driver/target/sqlflow-jdbc.jar:examples/target/classes \
 *     org.sqlflow.examples.TrainAndPredict jdbc:sqlflow://localhost:8765</pre>
 */
public final class TrainAndPredict {
  private TrainAndPredict() {}

  static final String TRAIN =
      "SELECT * FROM iris.train TO TRAIN DNNClassifier"
          + " WITH model.n_classes = 3, model.hidden_units = [10, 20], train.epoch = 10"
          + " COLUMN sepal_length, sepal_width, petal_length, petal_width"
          + " LABEL class INTO sqlflow_models.my_dnn";
  static final String PREDICT =
      "SELECT * FROM iris.test TO PREDICT iris.predict.class USING sqlflow_models.my_dnn";

  public static void main(String[] args) throws SQLException {
    String url = args.length > 0 ? args[0] : "jdbc:sqlflow://localhost:8765";
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      run(statement, TRAIN);
      run(statement, PREDICT);
      System.out.println();
      System.out.println("A few predictions:");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT sepal_length, sepal_width, petal_length, petal_width, class"
                  + " FROM iris.predict LIMIT 5")) {
        while (rs.next()) {
          System.out.printf(
              "  %.1f %.1f %.1f %.1f -> class %d%n",
              rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5));
        }
      }
      // iris.test and iris.predict hold the same rows in the same order of columns; compare.
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT AVG(CASE WHEN p.class = t.class THEN 1.0 ELSE 0.0 END)"
                  + " FROM iris.predict p JOIN iris.test t"
                  + " ON p.sepal_length = t.sepal_length AND p.sepal_width = t.sepal_width"
                  + " AND p.petal_length = t.petal_length AND p.petal_width = t.petal_width")) {
        rs.next();
        System.out.printf("Accuracy on iris.test: %.3f%n", rs.getDouble(1));
      }
    }
  }

  /** Executes an extended statement and prints its log rows as they arrive. */
  private static void run(Statement statement, String sql) throws SQLException {
    System.out.println("sqlflow> " + sql);
    try (ResultSet log = statement.executeQuery(sql)) {
      while (log.next()) {
        System.out.println("  " + log.getString(1));
      }
    }
  }
}
