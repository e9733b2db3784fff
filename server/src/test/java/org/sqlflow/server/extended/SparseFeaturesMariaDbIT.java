package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;

/**
 * Lists of ids in a text column as Keras features, through the real driver on MariaDB: SPARSE,
 * CATEGORY_ID over a delimited string, WEIGHTED_CATEGORY (SQLFlow's weighted_kv case as written)
 * and SEQ_CATEGORY_ID in an EMBEDDING, trained, predicted, evaluated and explained. Small data and
 * few epochs; the quality thresholds are computed in SQL.
 */
class SparseFeaturesMariaDbIT extends SampleDataContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }

  /**
   * Runs a TRAIN and then a PREDICT into {@code table} whose SELECT names the label {@code truth};
   * returns the share of rows whose predicted {@code column} equals it.
   */
  private double trainAndPredict(String train, String predict, String table, String column)
      throws SQLException {
    assertFinished(run(train));
    assertFinished(run(predict));
    return accuracy(table, column);
  }

  /** The share of a PREDICT table's rows whose {@code column} equals its {@code truth} column. */
  private double accuracy(String table, String column) throws SQLException {
    return scalar(
        "SELECT AVG(CASE WHEN " + column + " = truth THEN 1.0 ELSE 0.0 END) FROM " + table);
  }

  private void direct(String... statements) throws SQLException {
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void idListsAndPairsTrainDnnAndLinearModelsThenPredictEvaluateAndExplain() throws Exception {
    // Iris with its petals as ids: a bucket of the length and one of the width (10 + ...), as an
    // index list and as key:value pairs holding the measurements.
    String db = backend.database();
    for (String part : List.of("train", "test")) {
      direct(
          "CREATE TABLE "
              + db
              + ".ids_"
              + part
              + " AS SELECT CONCAT(FLOOR(petal_length), ',', 10 + FLOOR(petal_width * 2)) AS ids,"
              + " CONCAT(FLOOR(petal_length), ':', ROUND(petal_length / 7, 2), ',',"
              + " 10 + FLOOR(petal_width * 2), ':', ROUND(petal_width / 3, 2)) AS pairs,"
              + " sepal_width, class FROM iris."
              + part);
    }
    double accuracy =
        trainAndPredict(
            "SELECT ids, sepal_width, class FROM ids_train TO TRAIN DNNClassifier WITH"
                + " model.n_classes = 3, model.hidden_units = [16], train.epoch = 15,"
                + " train.seed = 1, optimizer.learning_rate = 0.2"
                + " COLUMN EMBEDDING(CATEGORY_ID(ids, 16, COMMA), 4, mean), sepal_width"
                + " LABEL class INTO sqlflow_models.ids_dnn",
            "SELECT ids, sepal_width, class AS truth FROM ids_test TO PREDICT ids_predict.class"
                + " USING sqlflow_models.ids_dnn",
            "ids_predict",
            "class");
    assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
    assertFinished(
        run(
            "SELECT ids, sepal_width, class FROM ids_test TO EVALUATE sqlflow_models.ids_dnn"
                + " WITH validation.metrics = \"Accuracy\" LABEL class INTO ids_evaluation"));
    assertEquals(accuracy, scalar("SELECT accuracy FROM ids_evaluation"), 1e-9);
    Log explain =
        run(
            "SELECT ids, sepal_width, class FROM ids_test TO EXPLAIN sqlflow_models.ids_dnn"
                + " INTO ids_explanation");
    assertFinished(explain);
    // Shuffling the ids across rows costs the model more than shuffling sepal_width does.
    assertTrue(
        scalar(
                "SELECT MAX(CASE WHEN feature = 'ids' THEN importance END)"
                    + " - MAX(CASE WHEN feature = 'sepal_width' THEN importance END)"
                    + " FROM ids_explanation")
            > 0,
        explain.rows().toString());

    // The pairs' values as the sparse vector of a linear model.
    double linear =
        trainAndPredict(
            "SELECT pairs, class FROM ids_train TO TRAIN LinearClassifier WITH"
                + " model.n_classes = 3, train.epoch = 15, train.seed = 1"
                + " COLUMN SPARSE(pairs, 16, COMMA, int, ':', float)"
                + " LABEL class INTO sqlflow_models.pairs_linear",
            "SELECT pairs, class AS truth FROM ids_test TO PREDICT pairs_predict.class"
                + " USING sqlflow_models.pairs_linear",
            "pairs_predict",
            "class");
    assertTrue(linear >= 0.8, "accuracy " + linear);
  }

  @Test
  void sqlflowsWeightedKeyValueCaseTrainsAndPredictsAndLearnsTheWeights() throws Exception {
    String db = backend.database();
    // SQLFlow's weighted_kv.sql and caseWeightedKeyValueColumn, as written.
    direct(
        "CREATE TABLE " + db + ".weighted_key_value_train(feature VARCHAR(255), label_col INT)",
        "INSERT INTO "
            + db
            + ".weighted_key_value_train VALUES"
            + " (\"1:0.1,2:0.5,3:0.9,4:0.8\", 0), (\"3:0.2,4:0.1\", 1), (\"1:0.1,3:0.8,4:0.9\", 0),"
            + " (\"2:0.3,39:0.2,16:0.29\", 1), (\"7:0.17,23:0.13,2:0.9\", 0)");
    assertFinished(
        run(
            "SELECT * FROM weighted_key_value_train TO TRAIN DNNClassifier"
                + " WITH model.hidden_units=[64,32], train.batch_size=2"
                + " COLUMN EMBEDDING("
                + " WEIGHTED_CATEGORY(CATEGORY_HASH(SPARSE(feature, 10, \",\", \"int\", \":\","
                + " \"float\"), 10)), 32)"
                + " LABEL label_col INTO sqlflow_models.weighted_kv"));
    assertFinished(
        run(
            "SELECT * FROM weighted_key_value_train"
                + " TO PREDICT weighted_key_value_pred_result.label_col"
                + " USING sqlflow_models.weighted_kv"));
    assertEquals(
        5, scalar("SELECT COUNT(*) FROM weighted_key_value_pred_result WHERE label_col IN (0, 1)"));

    // The same form on rows whose class only the weights tell: the same ids in every row, class 1
    // when id 1 weighs more than id 2.
    direct("CREATE TABLE " + db + ".weights(feature VARCHAR(255), label_col INT)");
    Random random = new Random(5);
    try (Connection c = backend.direct();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO " + db + ".weights VALUES (?, ?)")) {
      for (int i = 0; i < 240; i++) {
        double one = 0.05 + random.nextDouble();
        double two = 0.05 + random.nextDouble();
        insert.setString(1, String.format(java.util.Locale.ROOT, "1:%.3f,2:%.3f,3:0.5", one, two));
        insert.setInt(2, one > two ? 1 : 0);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    double accuracy =
        trainAndPredict(
            "SELECT * FROM weights TO TRAIN DNNClassifier WITH model.hidden_units = [16],"
                + " train.epoch = 20, train.seed = 1, optimizer.learning_rate = 0.3"
                + " COLUMN EMBEDDING(WEIGHTED_CATEGORY(SPARSE(feature, 4, COMMA, int, ':',"
                + " float)), 4, sum) LABEL label_col INTO sqlflow_models.weights_dnn",
            "SELECT feature, label_col AS truth FROM weights TO PREDICT weights_predict.label_col"
                + " USING sqlflow_models.weights_dnn",
            "weights_predict",
            "label_col");
    assertTrue(accuracy >= 0.85, "accuracy " + accuracy);
  }

  @Test
  void hostileDelimitersReachPythonAsLiteralsAndSequencesNeedAnEmbedding() throws Exception {
    String db = backend.database();
    direct(
        "CREATE TABLE " + db + ".quoted(feature VARCHAR(255), label_col INT)",
        "INSERT INTO " + db + ".quoted VALUES ('1:0.5,2:0.25', 0), ('3:1', 1)");
    // A quote as the key:value delimiter reaches the runtime as a one-character string: the job
    // fails reading the data, naming the value, and nothing else runs.
    SQLException quote =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM quoted TO TRAIN DNNClassifier"
                        + " COLUMN EMBEDDING(WEIGHTED_CATEGORY(SPARSE(feature, 4, COMMA, int,"
                        + " \"'\", float)), 4) LABEL label_col INTO sqlflow_models.never"));
    assertTrue(
        quote.getMessage().contains("column 'feature': '1:0.5' in '1:0.5,2:0.25' is not key'value"),
        quote.getMessage());
    SQLException longer =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM quoted TO TRAIN DNNClassifier"
                        + " COLUMN SPARSE(feature, 4, COMMA, int, \"'); import os; ('\", float)"
                        + " LABEL label_col INTO sqlflow_models.never"));
    assertTrue(
        longer.getMessage().startsWith("a delimiter must be one character"), longer.getMessage());
    SQLException linear =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM quoted TO TRAIN LinearClassifier"
                        + " COLUMN EMBEDDING(SEQ_CATEGORY_ID(feature, 3), 4)"
                        + " LABEL label_col INTO sqlflow_models.never"));
    assertTrue(
        linear
            .getMessage()
            .startsWith("LinearClassifier's feature_columns cannot read the sequence"),
        linear.getMessage());
    assertEquals(
        0,
        scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'sqlflow_models'"
                + " AND table_name = 'never'"));
  }

  @Test
  void chineseNewsTitlesAsIdSequencesPredictChineseClassNames() throws Exception {
    // text_cn's shape: news_title a comma-separated id sequence, Chinese class names and keywords.
    String db = backend.database();
    direct(
        "CREATE TABLE "
            + db
            + ".text_cn (id BIGINT, class_name VARCHAR(100), news_title TEXT,"
            + " news_keywords VARCHAR(255)) DEFAULT CHARSET = utf8mb4");
    String[] classes = {"文化", "娱乐", "体育"};
    String[] keywords = {"保利集团,马未都", "林风眠,山水画", "", "牡丹,收藏价值 \uD83C\uDFA8"};
    Random random = new Random(3);
    try (Connection c = backend.direct();
        PreparedStatement insert =
            c.prepareStatement("INSERT INTO " + db + ".text_cn VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < 150; i++) {
        int k = i % 3;
        List<String> words = new ArrayList<>();
        for (int w = 0, n = 3 + random.nextInt(8); w < n; w++) {
          // Each class draws most of its words from its own hundred ids, some from all.
          words.add(
              Integer.toString(
                  random.nextInt(4) == 0 ? random.nextInt(300) : 100 * k + random.nextInt(100)));
        }
        insert.setLong(1, i);
        insert.setString(2, classes[k]);
        insert.setString(3, String.join(",", words));
        insert.setString(4, keywords[i % keywords.length]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    double accuracy =
        trainAndPredict(
            "SELECT news_title, class_name FROM text_cn WHERE id < 120 TO TRAIN DNNClassifier"
                + " WITH model.n_classes = 3, model.hidden_units = [16], train.epoch = 15,"
                + " train.seed = 1, optimizer.learning_rate = 0.2"
                + " COLUMN EMBEDDING(SEQ_CATEGORY_ID(news_title, 300, COMMA), 8, mean)"
                + " LABEL class_name INTO sqlflow_models.text_cn_dnn",
            "SELECT id, news_title, news_keywords, class_name AS truth FROM text_cn WHERE id >= 120"
                + " TO PREDICT text_cn_predict.class_name USING sqlflow_models.text_cn_dnn",
            "text_cn_predict",
            "class_name");
    assertTrue(accuracy >= 0.8, "accuracy " + accuracy);
    // Every name and keyword came back as it went in: what our driver reads equals what Connector/J
    // reads from the source rows.
    String check =
        "SELECT p.id, p.class_name, p.truth, p.news_keywords, t.news_keywords FROM "
            + db
            + ".text_cn_predict p JOIN "
            + db
            + ".text_cn t ON t.id = p.id ORDER BY p.id";
    TreeMap<Long, List<String>> ours = rows(backend.sqlflow(), check);
    assertEquals(30, ours.size());
    assertEquals(rows(backend.direct(), check), ours);
    for (List<String> row : ours.values()) {
      assertTrue(List.of(classes).contains(row.get(0)), row.toString());
      assertEquals(row.get(2), row.get(3), "keywords kept as they were");
    }
  }

  private static TreeMap<Long, List<String>> rows(Connection connection, String sql)
      throws SQLException {
    TreeMap<Long, List<String>> rows = new TreeMap<>();
    try (connection;
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(
            rs.getLong(1),
            List.of(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
      }
    }
    return rows;
  }
}
