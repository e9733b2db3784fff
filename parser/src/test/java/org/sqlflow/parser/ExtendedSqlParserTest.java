package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sqlflow.parser.AttributeValue.BooleanValue;
import org.sqlflow.parser.AttributeValue.IdentifierValue;
import org.sqlflow.parser.AttributeValue.ListValue;
import org.sqlflow.parser.AttributeValue.NumberValue;
import org.sqlflow.parser.AttributeValue.StringValue;
import org.sqlflow.parser.ColumnExpr.AllColumns;
import org.sqlflow.parser.ColumnExpr.ColumnRef;
import org.sqlflow.parser.ColumnExpr.FeatureCall;
import org.sqlflow.parser.ColumnExpr.ListArg;
import org.sqlflow.parser.ColumnExpr.Literal;

class ExtendedSqlParserTest {
  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  private <T extends ExtendedStatement> T parse(String sql, Class<T> type)
      throws SqlflowParseException {
    return assertInstanceOf(type, parser.parse(sql));
  }

  private static NumberValue number(String value) {
    return new NumberValue(new BigDecimal(value));
  }

  private static Literal literal(String number) {
    return new Literal(number(number));
  }

  private static ColumnRef col(String name) {
    return new ColumnRef(name);
  }

  @Test
  void trainWithAttributesColumnsAndLabel() throws Exception {
    String sql =
        "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3,"
            + " model.hidden_units = [10, 20], train.epoch = 10 COLUMN sepal_length, sepal_width,"
            + " petal_length, petal_width LABEL class INTO sqlflow_models.my_dnn;";
    TrainStatement train = parse(sql, TrainStatement.class);

    assertEquals(sql.substring(0, sql.length() - 1), train.original());
    assertEquals("SELECT * FROM iris.train", train.select());
    assertEquals("DNNClassifier", train.modelClass());
    assertEquals(
        Map.of(
            "model.n_classes", number("3"),
            "model.hidden_units", new ListValue(List.of(number("10"), number("20"))),
            "train.epoch", number("10")),
        train.attributes().values());
    assertEquals(
        List.of("model.n_classes", "model.hidden_units", "train.epoch"),
        List.copyOf(train.attributes().values().keySet()));
    assertEquals(
        Map.of(
            TrainStatement.DEFAULT_COLUMN_TARGET,
            List.of(
                col("sepal_length"), col("sepal_width"), col("petal_length"), col("petal_width"))),
        train.columns());
    assertEquals(Optional.of("class"), train.label());
    assertEquals(Optional.empty(), train.usingModel());
    assertEquals("sqlflow_models.my_dnn", train.into());
  }

  @Test
  void doubleQuotedValuesAreStringsAndBareWordsAreIdentifiers() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM iris.train WHERE class <> 2 TO TRAIN DNNClassifier WITH"
                + " model.n_classes = 2, validation.select = \"SELECT * FROM iris.test WHERE"
                + " class <> 2\", validation.metrics = \"Accuracy,AUC\", model.optimizer ="
                + " RMSprop LABEL class INTO sqlflow_models.m2;",
            TrainStatement.class);

    assertEquals("SELECT * FROM iris.train WHERE class <> 2", train.select());
    assertEquals(
        Map.of(
            "model.n_classes", number("2"),
            "validation.select", new StringValue("SELECT * FROM iris.test WHERE class <> 2"),
            "validation.metrics", new StringValue("Accuracy,AUC"),
            "model.optimizer", new IdentifierValue("RMSprop")),
        train.attributes().values());
    assertEquals(Map.of(), train.columns());
  }

  @Test
  void columnClausesGoToTheirForTargets() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM iris.train TO TRAIN DNNLinearCombinedClassifier WITH"
                + " model.n_classes = 3, model.dnn_hidden_units = [10, 20] COLUMN sepal_length,"
                + " sepal_width FOR linear_feature_columns COLUMN petal_length, petal_width FOR"
                + " dnn_feature_columns LABEL class INTO sqlflow_models.wide_deep;",
            TrainStatement.class);

    assertEquals(
        Map.of(
            "linear_feature_columns", List.of(col("sepal_length"), col("sepal_width")),
            "dnn_feature_columns", List.of(col("petal_length"), col("petal_width"))),
        train.columns());
    assertEquals(
        List.of("linear_feature_columns", "dnn_feature_columns"),
        List.copyOf(train.columns().keySet()));
  }

  @Test
  void nestedFeatureColumnCalls() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH model.n_classes = 3 COLUMN"
                + " EMBEDDING(CROSS([petal_width, petal_length], 10), 128, 'sum') LABEL class"
                + " INTO sqlflow_models.crossed;",
            TrainStatement.class);

    FeatureCall cross =
        new FeatureCall(
            "CROSS",
            List.of(new ListArg(List.of(col("petal_width"), col("petal_length"))), literal("10")));
    assertEquals(
        Map.of(
            TrainStatement.DEFAULT_COLUMN_TARGET,
            List.of(
                new FeatureCall(
                    "EMBEDDING",
                    List.of(cross, literal("128"), new Literal(new StringValue("sum")))))),
        train.columns());
  }

  @Test
  void featureCallsTakeKeywordsAsArgumentsAndStarAsAColumn() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM t TO TRAIN m COLUMN numeric(x, [2, 3]), DENSE(d, 4, COMMA),"
                + " EMBEDDING(CATEGORY_ID(SPARSE(s, 100, COMMA, int64), 100), 8, sum),"
                + " BUCKET(NUMERIC(y, 1), [-1, 0.5, 1e2]), *, t.z INTO n",
            TrainStatement.class);

    assertEquals(
        List.of(
            new FeatureCall(
                "NUMERIC", List.of(col("x"), new ListArg(List.of(literal("2"), literal("3"))))),
            new FeatureCall("DENSE", List.of(col("d"), literal("4"), col("COMMA"))),
            new FeatureCall(
                "EMBEDDING",
                List.of(
                    new FeatureCall(
                        "CATEGORY_ID",
                        List.of(
                            new FeatureCall(
                                "SPARSE",
                                List.of(col("s"), literal("100"), col("COMMA"), col("int64"))),
                            literal("100"))),
                    literal("8"),
                    col("sum"))),
            new FeatureCall(
                "BUCKET",
                List.of(
                    new FeatureCall("NUMERIC", List.of(col("y"), literal("1"))),
                    new ListArg(List.of(literal("-1"), literal("0.5"), literal("1e2"))))),
            new AllColumns(),
            col("t.z")),
        train.columns().get(TrainStatement.DEFAULT_COLUMN_TARGET));
  }

  @Test
  void attributeValuesOfEveryKind() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM t TO TRAIN m WITH a.int = 3, a.neg = -2, a.dec = 0.25, a.exp = 1e-3,"
                + " a.big = 2.5E+10, a.single = 'it''s', a.double = \"say \\\"hi\\\"\","
                + " a.true = TRUE, a.false = false, a.id = tf.keras.optimizers.Adam,"
                + " a.nested = [[1, 2], [], ['x', y]], validation.select = 'SELECT 1' INTO n",
            TrainStatement.class);

    Map<String, AttributeValue> values = train.attributes().values();
    assertEquals(number("3"), values.get("a.int"));
    assertEquals(number("-2"), values.get("a.neg"));
    assertEquals(number("0.25"), values.get("a.dec"));
    assertEquals(number("0.001"), values.get("a.exp"));
    assertEquals(number("2.5E+10"), values.get("a.big"));
    assertEquals(new StringValue("it's"), values.get("a.single"));
    assertEquals(new StringValue("say \"hi\""), values.get("a.double"));
    assertEquals(new BooleanValue(true), values.get("a.true"));
    assertEquals(new BooleanValue(false), values.get("a.false"));
    assertEquals(new IdentifierValue("tf.keras.optimizers.Adam"), values.get("a.id"));
    assertEquals(
        new ListValue(
            List.of(
                new ListValue(List.of(number("1"), number("2"))),
                new ListValue(List.of()),
                new ListValue(List.of(new StringValue("x"), new IdentifierValue("y"))))),
        values.get("a.nested"));
    assertEquals(new StringValue("SELECT 1"), values.get("validation.select"));
  }

  @Test
  void trainWithoutWithUsingAnExistingModelAndQuotedLabel() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM iris.train TO TRAIN sqlflow_models.DNNClassifier LABEL 'class'"
                + " USING sqlflow_models.my_dnn INTO sqlflow_models.my_dnn2",
            TrainStatement.class);

    assertEquals("sqlflow_models.DNNClassifier", train.modelClass());
    assertEquals(Attributes.EMPTY, train.attributes());
    assertEquals(Optional.of("class"), train.label());
    assertEquals(Optional.of("sqlflow_models.my_dnn"), train.usingModel());
    assertEquals("sqlflow_models.my_dnn2", train.into());
  }

  @Test
  void trainWithAttributesAndNoColumnOrLabel() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM t TO TRAIN KMeans WITH model.n_clusters = 3 INTO m",
            TrainStatement.class);

    assertEquals(Map.of("model.n_clusters", number("3")), train.attributes().values());
    assertEquals(Optional.empty(), train.label());
    assertEquals(Map.of(), train.columns());
  }

  @Test
  void predictSplitsTheResultIntoTableAndColumn() throws Exception {
    PredictStatement predict =
        parse(
            "SELECT * FROM iris.test TO PREDICT iris.predict.class USING sqlflow_models.my_dnn;",
            PredictStatement.class);

    assertEquals("SELECT * FROM iris.test", predict.select());
    assertEquals("iris.predict", predict.resultTable());
    assertEquals(Optional.of("class"), predict.resultColumn());
    assertEquals(Attributes.EMPTY, predict.attributes());
    assertEquals("sqlflow_models.my_dnn", predict.model());
  }

  @Test
  void predictWithAttributesIntoAnUnqualifiedTable() throws Exception {
    PredictStatement predict =
        parse(
            "SELECT * FROM iris.test TO PREDICT predict.class WITH predict.batch_size = 64"
                + " USING m",
            PredictStatement.class);

    assertEquals("predict", predict.resultTable());
    assertEquals(Optional.of("class"), predict.resultColumn());
    assertEquals(Map.of("predict.batch_size", number("64")), predict.attributes().values());
  }

  @Test
  void predictIntoABareTableLeavesTheColumnToTheModelsLabel() throws Exception {
    PredictStatement predict =
        parse("SELECT * FROM iris.test TO PREDICT predicted USING m", PredictStatement.class);

    assertEquals("predicted", predict.resultTable());
    assertEquals(Optional.empty(), predict.resultColumn());
  }

  @Test
  void evaluate() throws Exception {
    EvaluateStatement evaluate =
        parse(
            "SELECT * FROM iris.test TO EVALUATE sqlflow_models.my_dnn WITH"
                + " validation.metrics = \"Accuracy\" LABEL class INTO iris.evaluation;",
            EvaluateStatement.class);

    assertEquals("SELECT * FROM iris.test", evaluate.select());
    assertEquals("sqlflow_models.my_dnn", evaluate.model());
    assertEquals(
        Map.of("validation.metrics", new StringValue("Accuracy")), evaluate.attributes().values());
    assertEquals("class", evaluate.label());
    assertEquals("iris.evaluation", evaluate.into());
  }

  @Test
  void explainWithOnlyAModel() throws Exception {
    ExplainStatement explain =
        parse("SELECT * FROM iris.test TO EXPLAIN sqlflow_models.my_dnn;", ExplainStatement.class);

    assertEquals("SELECT * FROM iris.test", explain.select());
    assertEquals("sqlflow_models.my_dnn", explain.model());
    assertEquals(Optional.empty(), explain.explainer());
    assertEquals(Optional.empty(), explain.into());
  }

  @Test
  void explainWithExplainerAndResultTable() throws Exception {
    ExplainStatement explain =
        parse(
            "SELECT * FROM iris.test TO EXPLAIN m WITH summary.plot_type = \"bar\""
                + " USING TreeExplainer INTO iris.explanation",
            ExplainStatement.class);

    assertEquals(
        Map.of("summary.plot_type", new StringValue("bar")), explain.attributes().values());
    assertEquals(Optional.of("TreeExplainer"), explain.explainer());
    assertEquals(Optional.of("iris.explanation"), explain.into());
  }

  @Test
  void showTrain() throws Exception {
    ShowTrainStatement show = parse("SHOW TRAIN sqlflow_models.my_dnn;", ShowTrainStatement.class);

    assertEquals("SHOW TRAIN sqlflow_models.my_dnn", show.original());
    assertEquals("sqlflow_models.my_dnn", show.model());
    assertEquals("", show.select());
  }

  @Test
  void selectKeepsBackticksLimitOffsetAndMysqlFunctionsVerbatim() throws Exception {
    assertEquals(
        "SELECT `a`, IFNULL(`b`, 0) AS b FROM `t` LIMIT 5, 10",
        parse(
                "SELECT `a`, IFNULL(`b`, 0) AS b FROM `t` LIMIT 5, 10 TO TRAIN m INTO n",
                TrainStatement.class)
            .select());
    assertEquals(
        "SELECT a FROM t ORDER BY a LIMIT 3",
        parse("SELECT a FROM t ORDER BY a LIMIT 3 TO TRAIN m INTO n", TrainStatement.class)
            .select());
  }

  @Test
  void selectThatOnlyMysqlParsesIsPassedThroughVerbatim() throws Exception {
    TrainStatement doubleQuoted =
        parse("SELECT \"a\", b FROM t TO TRAIN m LABEL b INTO n", TrainStatement.class);
    assertEquals("SELECT \"a\", b FROM t", doubleQuoted.select());
    assertEquals(Optional.of("b"), doubleQuoted.label());

    PredictStatement useIndex =
        parse("SELECT * FROM t USE INDEX (i)\nTO PREDICT r.c USING m", PredictStatement.class);
    assertEquals("SELECT * FROM t USE INDEX (i)", useIndex.select());
    assertEquals("r", useIndex.resultTable());
  }

  @Test
  void trailingCommentsAndSemicolonsAreNotPartOfTheStatement() throws Exception {
    TrainStatement train =
        parse(
            "  SELECT * FROM t -- the data\n  /* then */ TO TRAIN m INTO n ;  # done\n -- bye",
            TrainStatement.class);

    assertEquals("SELECT * FROM t", train.select());
    assertEquals("SELECT * FROM t -- the data\n  /* then */ TO TRAIN m INTO n", train.original());
    assertEquals("n", train.into());
  }

  @Test
  void keywordsAndBackticksServeAsNames() throws Exception {
    TrainStatement train =
        parse(
            "SELECT * FROM iris.train TO TRAIN train.Model WITH model.select = 1 COLUMN"
                + " `my col`, predict LABEL `label` INTO `into`.evaluate",
            TrainStatement.class);

    assertEquals("train.Model", train.modelClass());
    assertEquals(Map.of("model.select", number("1")), train.attributes().values());
    assertEquals(
        List.of(col("my col"), col("predict")),
        train.columns().get(TrainStatement.DEFAULT_COLUMN_TARGET));
    assertEquals(Optional.of("label"), train.label());
    assertEquals("into.evaluate", train.into());
  }

  @Test
  void lowerCaseKeywordsAndCaseOfNamesKept() throws Exception {
    TrainStatement train =
        parse(
            "select * from T to train Dnn with Model.N = 1 label Class into M",
            TrainStatement.class);

    assertEquals("select * from T", train.select());
    assertEquals("Dnn", train.modelClass());
    assertEquals(Map.of("Model.N", number("1")), train.attributes().values());
    assertEquals(Optional.of("Class"), train.label());
    assertEquals("M", train.into());
  }

  @Test
  void multiLineStatementWithCrLf() throws Exception {
    EvaluateStatement evaluate =
        parse(
            "SELECT *\r\nFROM t\r\nWHERE a > 1\r\nTO EVALUATE m\r\nLABEL c\r\nINTO e",
            EvaluateStatement.class);

    assertEquals("SELECT *\r\nFROM t\r\nWHERE a > 1", evaluate.select());
    assertEquals("e", evaluate.into());
  }

  @Test
  void withClauseSubqueryAndUnionSelects() throws Exception {
    assertEquals(
        "WITH x AS (SELECT * FROM t) SELECT * FROM x",
        parse("WITH x AS (SELECT * FROM t) SELECT * FROM x TO TRAIN m INTO n", TrainStatement.class)
            .select());
    assertEquals(
        "SELECT a FROM t UNION ALL SELECT a FROM u",
        parse(
                "SELECT a FROM t UNION ALL SELECT a FROM u TO PREDICT r.a USING m",
                PredictStatement.class)
            .select());
  }

  @Test
  void everyStatementIsReadOnceIntoOneSealedType() throws SqlflowParseException {
    ExtendedSqlParser parser = new ExtendedSqlParser();
    assertEquals(
        new StandardStatement("SELECT 'to train' FROM t"),
        parser.parseStatement("SELECT 'to train' FROM t"));
    assertEquals(new ShowJobsStatement(), parser.parseStatement("show jobs;"));
    assertEquals(new KillJobStatement(12, false, false), parser.parseStatement("KILL JOB 12"));
    assertEquals(
        new KillJobStatement(3, true, true),
        parser.parseStatement("KILL JOB FOR STATEMENT 3 TIMEOUT"));
    assertEquals(
        new ShowTrainStatement("SHOW TRAIN m", "m"), parser.parseStatement("SHOW TRAIN m"));
    ParsedStatement train =
        parser.parseStatement("SELECT * FROM t TO TRAIN DNNClassifier" + " LABEL c INTO m");
    assertEquals(parser.parse("SELECT * FROM t TO TRAIN DNNClassifier LABEL c INTO m"), train);
    SqlflowParseException kill =
        assertThrows(SqlflowParseException.class, () -> parser.parseStatement("KILL JOB twelve"));
    assertEquals("KILL JOB expects a job number, e.g. KILL JOB 12", kill.getMessage());
  }
}
