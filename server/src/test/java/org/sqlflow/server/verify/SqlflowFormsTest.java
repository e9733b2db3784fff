package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sqlflow.server.verify.Statements.col;
import static org.sqlflow.server.verify.Statements.num;
import static org.sqlflow.server.verify.Statements.str;
import static org.sqlflow.server.verify.Statements.train;
import static org.sqlflow.server.verify.Statements.with;

import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlflow.parser.Attributes;
import org.sqlflow.parser.ColumnExpr;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.H2Source;
import org.sqlflow.server.model.ModelStore;

/**
 * Forms that SQLFlow's own statements use (its tutorials and end-to-end cases,
 * docs/sqlflow-parity.md) and that the corpus count found refused: each is accepted as SQLFlow
 * means it, or refused with the reason.
 */
class SqlflowFormsTest {
  private static final List<ColumnExpr> FEATURES = List.of(col("x1"), col("x2"));

  private H2Source db;
  private Verifier verifier;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
    db.execute(
        "CREATE SCHEMA t",
        "CREATE TABLE t.train (x1 DOUBLE, x2 DOUBLE, name VARCHAR(10), class INT)",
        "INSERT INTO t.train VALUES (1.0, 2.0, 'a', 0), (2.0, 1.0, 'b', 1), (3.0, 0.5, 'c', 2)");
    verifier = new Verifier(new ModelStore(), new SelectSampler(100));
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private TrainingPlan verify(String modelClass, Attributes attributes) throws SqlflowException {
    return verify(modelClass, attributes, FEATURES);
  }

  private TrainingPlan verify(String modelClass, Attributes attributes, List<ColumnExpr> columns)
      throws SqlflowException {
    return verifier.verifyTrain(
        train("SELECT * FROM t.train", modelClass, attributes, columns, "class", "t.m"), db);
  }

  @Test
  void xgboostReadsSqlflowsNumWorkersAsTrainWorkers() throws Exception {
    TrainingPlan plan =
        verify(
            "xgboost.gbtree",
            with(
                "objective",
                str("multi:softprob"),
                "num_class",
                num("3"),
                "train.num_workers",
                num("1")));
    XgboostSettings settings = (XgboostSettings) plan.settings();
    // A setting of SQLFlow's, not a booster parameter: XGBoost itself never sees it.
    assertFalse(settings.params().containsKey("train.num_workers"));
    assertEquals(1L, settings.workers());

    SqlflowException noCluster =
        assertThrows(
            SqlflowException.class,
            () -> verify("xgboost.gbtree", with("train.num_workers", num("2"))));
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, noCluster.code());
    assertTrue(noCluster.getMessage().contains("needs a Ray cluster"), noCluster.getMessage());

    verifier = new Verifier(new ModelStore(), new SelectSampler(100), true);
    XgboostSettings onRay =
        (XgboostSettings) verify("xgboost.gbtree", with("train.num_workers", num("2"))).settings();
    assertEquals(2L, onRay.workers());
    SqlflowException disagree =
        assertThrows(
            SqlflowException.class,
            () ->
                verify(
                    "xgboost.gbtree",
                    with("train.num_workers", num("2"), "train.workers", num("3"))));
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, disagree.code());
    assertEquals(
        "train.num_workers = 2 and train.workers = 3 disagree: train.num_workers is SQLFlow's name"
            + " for train.workers; give one",
        disagree.getMessage());
    SqlflowException zero =
        assertThrows(
            SqlflowException.class,
            () -> verify("xgboost.gbtree", with("train.num_workers", num("0"))));
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, zero.code());
  }

  @Test
  void theModelZoosDnnClassifierTrainsOursAndOtherZooModelsAreNamedAsSuch() throws Exception {
    TrainingPlan plan =
        verify(
            "sqlflow_models.DNNClassifier",
            with(
                "model.n_classes",
                num("3"),
                "model.hidden_units",
                Statements.list(num("10"), num("20"))));
    assertEquals("DNNClassifier", plan.model().name());

    SqlflowException zoo =
        assertThrows(
            SqlflowException.class,
            () -> verify("sqlflow_models.AutoClassifier", Attributes.EMPTY));
    assertEquals(ErrorCode.UNKNOWN_MODEL, zoo.code());
    assertTrue(
        zoo.getMessage()
            .startsWith(
                "unknown model class 'sqlflow_models.AutoClassifier': a model of SQLFlow's model"
                    + " zoo (the sqlflow-models package), which this server does not provide;"
                    + " known model classes: DNNClassifier,"),
        zoo.getMessage());
    SqlflowException typo =
        assertThrows(SqlflowException.class, () -> verify("DNNClasifier", Attributes.EMPTY));
    assertFalse(typo.getMessage().contains("zoo"), typo.getMessage());
  }

  private static List<Map<String, Object>> features(String columns, SelectSample sample)
      throws Exception {
    TrainStatement train =
        (TrainStatement)
            new ExtendedSqlParser()
                .parse("SELECT * FROM t TO TRAIN m COLUMN " + columns + " LABEL y INTO n");
    return new FeatureBuilder(sample)
        .build(train.columns().get(TrainStatement.DEFAULT_COLUMN_TARGET), true, "y").stream()
            .map(FeatureSpec::fields)
            .toList();
  }

  private static SourceColumn text(String name) {
    return new SourceColumn(name, Types.VARCHAR, "VARCHAR", 255, 0);
  }

  @Test
  void sparseWithoutADelimiterReadsBlankSeparatedPairsAsSqlflowDoes() throws Exception {
    // SQLFlow's own sparse test data: LIBSVM's "index:value index:value".
    SelectSample libsvm =
        new SelectSample(
            List.of(text("c1")),
            List.of(
                List.of("1:0.5 3:-1.5 5:6.7"),
                List.of("3:-1.3  10:0.6 2:-3.4 "),
                List.of("5:10.2")));
    assertEquals(
        List.of(
            Map.of(
                "kind",
                "sparse",
                "column",
                "c1",
                "shape",
                List.of(11L),
                "delimiter",
                " ",
                "format",
                "kv",
                "kv_delimiter",
                ":")),
        features("SPARSE(c1)", libsvm));

    SelectSample commas =
        new SelectSample(List.of(text("c1")), List.of(List.of("1:0.5,3:1.5"), List.of("2:1 ")));
    assertEquals(",", features("SPARSE(c1)", commas).get(0).get("delimiter"));
  }

  @Test
  void aDenseCellMayEndWithItsDelimiter() throws Exception {
    SelectSample sample =
        new SelectSample(List.of(text("c3")), List.of(List.of("1,4,2,3,"), List.of("9,2,2,2")));
    assertEquals(List.of(4L), features("DENSE(c3)", sample).get(0).get("shape"));
  }

  @Test
  void xgboostReadsBucketsAndStillRefusesHashedColumns() throws Exception {
    TrainingPlan plan =
        verify(
            "xgboost.gbtree",
            Attributes.EMPTY,
            List.of(
                Statements.call(
                    "BUCKET",
                    col("x1"),
                    Statements.listArg(Statements.lit("1"), Statements.lit("2")))));
    FeatureSpec bucket = plan.features().values().iterator().next().get(0);
    assertEquals("bucket", bucket.fields().get("kind"));

    SqlflowException hashed =
        assertThrows(
            SqlflowException.class,
            () ->
                verify(
                    "xgboost.gbtree",
                    Attributes.EMPTY,
                    List.of(Statements.call("CATEGORY_HASH", col("name"), Statements.lit("10")))));
    assertTrue(
        hashed.getMessage().contains("WEIGHTED_CATEGORY(...) and BUCKET(...)"),
        hashed.getMessage());
  }
}
