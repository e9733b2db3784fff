package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.parser.TrainStatement;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** SQLFlow's feature-column forms (issue 12), one test each, from COLUMN text to specs. */
class FeatureBuilderFormsTest {
  private static final SelectSample SAMPLE =
      new SelectSample(
          List.of(
              text("ids"),
              text("kv"),
              text("vec"),
              number("f4"),
              number("f9"),
              number("f10"),
              number("f11"),
              text("seq"),
              number("y")),
          List.of(
              Arrays.asList(
                  "1,5,9", "0:0.5,3:1.25", "0.1,0.2,0.3", 1.0, 2.0, 3.0, 4.0, "2,4,0", 0.0),
              Arrays.asList("12", "7:2", "0.4,0.5,0.6", 1.0, 2.0, 3.0, 4.0, "1", 1.0),
              Arrays.asList(null, null, null, null, null, null, null, null, 1.0)));

  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  private static SourceColumn text(String name) {
    return new SourceColumn(name, Types.VARCHAR, "VARCHAR", 255, 0);
  }

  private static SourceColumn number(String name) {
    return new SourceColumn(name, Types.DOUBLE, "DOUBLE", 22, 0);
  }

  private List<Map<String, Object>> build(String columns) throws Exception {
    TrainStatement train =
        (TrainStatement)
            parser.parse("SELECT * FROM t TO TRAIN m COLUMN " + columns + " LABEL y INTO n");
    return new FeatureBuilder(SAMPLE)
        .build(train.columns().get(TrainStatement.DEFAULT_COLUMN_TARGET), true, "y").stream()
            .map(FeatureSpec::fields)
            .toList();
  }

  private Map<String, Object> one(String column) throws Exception {
    List<Map<String, Object>> specs = build(column);
    assertEquals(1, specs.size(), specs.toString());
    return specs.get(0);
  }

  private static Map<String, Object> sparse(String column, long width, String delimiter) {
    return Map.of(
        "kind",
        "sparse",
        "column",
        column,
        "shape",
        List.of(width),
        "delimiter",
        delimiter,
        "format",
        "index");
  }

  @Test
  void sparseWithOneArgumentTakesItsShapeFromTheSample() throws Exception {
    assertEquals(sparse("ids", 13, ","), one("SPARSE(ids)"));
    assertEquals(
        Map.of(
            "kind",
            "sparse",
            "column",
            "kv",
            "shape",
            List.of(8L),
            "delimiter",
            ",",
            "format",
            "kv",
            "kv_delimiter",
            ":"),
        one("sparse(kv)"));
  }

  @Test
  void sparseWithSixArgumentsReadsWeightedKeyValuePairs() throws Exception {
    assertEquals(
        Map.of(
            "kind",
            "sparse",
            "column",
            "kv",
            "shape",
            List.of(100L),
            "delimiter",
            " ",
            "format",
            "kv",
            "kv_delimiter",
            ":"),
        one("SPARSE(kv, 100, ' ', int64, ':', float32)"));
    assertEquals(sparse("ids", 64, ","), one("SPARSE(ids, 64, COMMA)"));
  }

  @Test
  void weightedCategoryWrapsCategoryIdsOverKeyValuePairs() throws Exception {
    Map<String, Object> spec =
        one("WEIGHTED_CATEGORY(CATEGORY_ID(SPARSE(kv, 10, COMMA, int64, ':', float32), 10))");
    assertEquals("weighted_category", spec.get("kind"));
    assertEquals(
        Map.of(
            "kind",
            "category_id",
            "column",
            "kv",
            "num_buckets",
            10L,
            "source",
            Map.of(
                "kind",
                "sparse",
                "column",
                "kv",
                "shape",
                List.of(10L),
                "delimiter",
                ",",
                "format",
                "kv",
                "kv_delimiter",
                ":")),
        spec.get("source"));
    SqlflowException e =
        assertThrows(
            SqlflowException.class, () -> build("WEIGHTED_CATEGORY(CATEGORY_ID(ids, 10))"));
    assertTrue(
        e.getMessage().startsWith("WEIGHTED_CATEGORY takes CATEGORY_ID or CATEGORY_HASH over"));
  }

  @Test
  void weightedCategoryOfSqlflowsWeightedKvCaseHashesTheKeys() throws Exception {
    // SQLFlow's caseWeightedKeyValueColumn, as written.
    Map<String, Object> spec =
        one(
            "EMBEDDING(WEIGHTED_CATEGORY(CATEGORY_HASH("
                + "SPARSE(kv, 10, \",\", \"int\", \":\", \"float\"), 10)), 32)");
    Map<?, ?> weighted = (Map<?, ?>) spec.get("source");
    Map<?, ?> hashed = (Map<?, ?>) weighted.get("source");
    assertEquals("weighted_category", weighted.get("kind"));
    assertEquals("category_hash", hashed.get("kind"));
    assertEquals(10L, hashed.get("num_buckets"));
    assertEquals("kv", ((Map<?, ?>) hashed.get("source")).get("format"));
  }

  @Test
  void weightedCategoryOfSparsePairsReadsTheKeysAsCategoryIds() throws Exception {
    assertEquals(
        one("WEIGHTED_CATEGORY(CATEGORY_ID(SPARSE(kv, 10, COMMA, int, ':', float), 10))"),
        one("WEIGHTED_CATEGORY(SPARSE(kv, 10, COMMA, int, ':', float))"));
    assertThrows(SqlflowException.class, () -> build("WEIGHTED_CATEGORY(SPARSE(ids, 10, COMMA))"));
  }

  @Test
  void categoryHashOfSparseHashesEveryIdOfTheList() throws Exception {
    assertEquals(
        Map.of(
            "kind",
            "category_hash",
            "column",
            "ids",
            "num_buckets",
            5L,
            "source",
            sparse("ids", 64, ",")),
        one("CATEGORY_HASH(SPARSE(ids, 64, COMMA), 5)"));
    SqlflowException e =
        assertThrows(SqlflowException.class, () -> build("CATEGORY_HASH(DENSE(vec, 3, COMMA), 5)"));
    assertEquals("CATEGORY_HASH takes a column or SPARSE(...), not DENSE", e.getMessage());
  }

  @Test
  void crossRefusesListsOfIds() {
    SqlflowException e =
        assertThrows(
            SqlflowException.class, () -> build("CROSS([CATEGORY_ID(ids, 10, COMMA), f4], 20)"));
    assertEquals(
        "CROSS combines features of one value per row; CATEGORY_ID(...) holds a list of ids",
        e.getMessage());
  }

  @Test
  void categoryIdWithADelimiterReadsSeveralIdsPerRow() throws Exception {
    assertEquals(
        Map.of(
            "kind",
            "category_id",
            "column",
            "ids",
            "num_buckets",
            100L,
            "source",
            sparse("ids", 100, ",")),
        one("CATEGORY_ID(ids, 100, COMMA)"));
    SqlflowException e =
        assertThrows(SqlflowException.class, () -> build("CATEGORY_ID(f4, 100, COMMA)"));
    assertEquals(ErrorCode.TYPE_MISMATCH, e.code());
  }

  @Test
  void denseWithOneArgumentCountsTheSampledValues() throws Exception {
    assertEquals(
        Map.of("kind", "dense", "column", "vec", "shape", List.of(3L), "delimiter", ","),
        one("DENSE(vec)"));
    assertEquals(Map.of("kind", "numeric", "column", "f4", "shape", List.of(1L)), one("dense(f4)"));
  }

  @Test
  void embeddingOfSparseEmbedsItsIndicesAsCategoryIds() throws Exception {
    assertEquals(
        Map.of(
            "kind",
            "embedding",
            "source",
            Map.of(
                "kind",
                "category_id",
                "column",
                "ids",
                "num_buckets",
                64L,
                "source",
                sparse("ids", 64, ",")),
            "dimension",
            32L,
            "combiner",
            "mean"),
        one("EMBEDDING(SPARSE(ids, 64, COMMA), 32)"));
  }

  @Test
  void columnPatternsExpandOverTheMatchingColumnsInSelectOrder() throws Exception {
    List<Map<String, Object>> specs = build("CATEGORY_ID(\"f10|f9|f4\", 1000)");
    assertEquals(List.of("f4", "f9", "f10"), specs.stream().map(s -> s.get("column")).toList());
    assertEquals(
        List.of("f4", "f9", "f10", "f11"),
        build("EMBEDDING(CATEGORY_ID('f[0-9]+', 10)," + " 8)").stream()
            .map(s -> ((Map<?, ?>) s.get("source")).get("column"))
            .toList());
    SqlflowException none =
        assertThrows(SqlflowException.class, () -> build("CATEGORY_ID(\"a.*\", 1000)"));
    assertEquals(ErrorCode.UNKNOWN_COLUMN, none.code());
    assertTrue(none.getMessage().startsWith("column pattern \"a.*\" matches no column"));
    assertThrows(
        SqlflowException.class,
        () -> build("NUMERIC('y', 1)"),
        "the label is never a feature, even through a pattern");
  }

  @Test
  void seqCategoryIdKeepsItsDelimiter() throws Exception {
    assertEquals(
        Map.of("kind", "seq_category_id", "column", "seq", "num_buckets", 50L, "delimiter", ";"),
        one("SEQ_CATEGORY_ID(seq, 50, ';')"));
    assertEquals(
        Map.of("kind", "seq_category_id", "column", "vec", "num_buckets", 5L, "delimiter", ","),
        one("seq_category_id(DENSE(vec, 3, COMMA), 5)"));
  }

  @Test
  void dtypesAndDelimitersAreChecked() {
    assertThrows(SqlflowException.class, () -> build("SPARSE(ids, 10, COMMA, complex)"));
    assertThrows(SqlflowException.class, () -> build("SPARSE(ids, 10, '::')"));
  }
}
