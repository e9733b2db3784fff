package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** parse, print with {@code toSqlflowString}, parse again: the same statement comes back. */
class UnparseRoundTripTest {
  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
            + " model.hidden_units = [10, 20], train.epoch = 10 COLUMN sepal_length, sepal_width,"
            + " petal_length, petal_width LABEL class INTO sqlflow_models.my_dnn;",
        "SELECT * FROM iris.train WHERE class <> 2 TO TRAIN DNNClassifier WITH"
            + " model.n_classes = 2, validation.select = \"SELECT * FROM iris.test WHERE class <>"
            + " 2\", validation.metrics = \"Accuracy,AUC\", model.optimizer = RMSprop LABEL class"
            + " INTO sqlflow_models.m2;",
        "SELECT * FROM iris.train TO TRAIN DNNLinearCombinedClassifier WITH model.n_classes = 3,"
            + " model.dnn_hidden_units = [10, 20] COLUMN sepal_length, sepal_width FOR"
            + " linear_feature_columns COLUMN petal_length, petal_width FOR dnn_feature_columns"
            + " LABEL class INTO sqlflow_models.wide_deep;",
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3 COLUMN"
            + " EMBEDDING(CROSS([petal_width, petal_length], 10), 128, 'sum') LABEL class INTO"
            + " sqlflow_models.crossed;",
        "SELECT * FROM t TO TRAIN m COLUMN NUMERIC(x, [2, 3]), DENSE(d, 4, COMMA),"
            + " INDICATOR(CATEGORY_HASH(SPARSE(s, 100, COMMA, int64), 10)),"
            + " WEIGHTED_CATEGORY(SEQ_CATEGORY_ID(q, 20, ';')), BUCKET(y, [-1, 0.5, 1e2]), *"
            + " INTO n",
        "SELECT * FROM t TO TRAIN m WITH a = -0.5, b = 1e-3, c = 2.5E+10, d = 'it''s',"
            + " e = \"back\\\\slash \\\"q\\\"\", f = TRUE, g = false, h = [[1], [], ['x', y]],"
            + " validation.select = 'SELECT 1', i = '准确率' INTO n",
        "SELECT * FROM iris.train TO TRAIN sqlflow_models.DNN LABEL 'class' USING old INTO new",
        "SELECT * FROM iris.train TO TRAIN train.Model COLUMN `my col`, predict LABEL `label`"
            + " INTO `into`.evaluate",
        "SELECT * FROM t TO TRAIN m WITH x = `true`, `with`.y = 1 COLUMN `for` INTO `1st`.`a``b`",
        "SELECT * FROM iris.test TO PREDICT iris.predict.class USING sqlflow_models.my_dnn;",
        "SELECT * FROM iris.test TO PREDICT p.c WITH predict.batch_size = 64 USING m",
        "SELECT * FROM iris.test TO EVALUATE sqlflow_models.my_dnn WITH validation.metrics ="
            + " \"Accuracy\" LABEL class INTO iris.evaluation;",
        "SELECT * FROM iris.test TO EXPLAIN sqlflow_models.my_dnn;",
        "SELECT * FROM iris.test TO EXPLAIN m WITH summary.plot_type = bar USING TreeExplainer"
            + " INTO iris.explanation",
        "SHOW TRAIN sqlflow_models.my_dnn;",
        "SELECT \"a\" FROM t USE INDEX (i)\n-- note\nTO TRAIN m LABEL a INTO n",
        "select `a`, IFNULL(b, 0) from `t` limit 5, 10 to train m into n",
      })
  void printedStatementParsesBackToTheSameValue(String sql) throws Exception {
    String printed = parser.parseTree(sql).toSqlflowString();

    assertEquals(withoutOriginal(parser.parse(sql)), withoutOriginal(parser.parse(printed)));
  }

  @Test
  void printsOneCanonicalLine() throws Exception {
    assertEquals(
        "SELECT * FROM t TO TRAIN m WITH a = [1, 2], b = \"x\" COLUMN EMBEDDING(c, 8, sum),"
            + " NUMERIC(d, [1, 2]) FOR f LABEL l USING u INTO n",
        parser
            .parseTree(
                "SELECT * FROM t to train m with a=[1,2], b='x' column embedding(c,8,sum),"
                    + "numeric(d,[1,2]) for f label l using u into n;")
            .toSqlflowString());
  }

  @Test
  void comparisonIgnoresOnlyTheOriginalText() throws Exception {
    assertNotEquals(
        withoutOriginal(parser.parse("SELECT * FROM t TO TRAIN m INTO n")),
        withoutOriginal(parser.parse("SELECT * FROM t TO TRAIN m INTO n2")));
  }

  /** The record's components by name, {@code original} left out: printing normalizes it. */
  private static Map<String, Object> withoutOriginal(ExtendedStatement statement)
      throws ReflectiveOperationException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("type", statement.getClass());
    for (RecordComponent component : statement.getClass().getRecordComponents()) {
      if (!component.getName().equals("original")) {
        values.put(component.getName(), component.getAccessor().invoke(statement));
      }
    }
    return values;
  }
}
