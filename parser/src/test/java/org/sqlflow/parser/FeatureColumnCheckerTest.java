package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Feature-column calls, checked through the parser so that positions are real. */
class FeatureColumnCheckerTest {
  /** COLUMN starts at column 28; the first call's name at column 35. */
  private static final String PREFIX = "SELECT * FROM t TO TRAIN m COLUMN ";

  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NUMERIC(x, 4)",
        "NUMERIC(x, [4, 2])",
        "DENSE(x, 4)",
        "DENSE(x, [4], COMMA)",
        "DENSE(x, 4, ';')",
        "SPARSE(x, 1000, COMMA, int64)",
        "CATEGORY_ID(x, 10)",
        "CATEGORY_ID(SPARSE(x, 100, COMMA), 100)",
        "SEQ_CATEGORY_ID(DENSE(x, 10, COMMA), 10, COMMA)",
        "CATEGORY_HASH(x, 10)",
        "WEIGHTED_CATEGORY(CATEGORY_ID(x, 10))",
        "WEIGHTED_CATEGORY(CATEGORY_ID(x, 10), w)",
        "EMBEDDING(x, 8)",
        "EMBEDDING(CATEGORY_HASH(x, 10), 8, \"mean\")",
        "EMBEDDING(CROSS([a, NUMERIC(b, 1)], 10), 128, sqrtn)",
        "INDICATOR(CATEGORY_ID(x, 3))",
        "INDICATOR(x)",
        "BUCKET(x, [1, 2.5])",
        "BUCKET(NUMERIC(x, 1), [-10, 0, 1e3])",
        "CROSS([a, b], 100)",
        "embedding(category_id(x, 10), 8)",
        // SQLFlow's forms (issue 12): one-argument DENSE and SPARSE, weighted key:value SPARSE,
        // CATEGORY_ID over a delimited string, EMBEDDING of SPARSE, column-name patterns,
        // lower-case names
        "DENSE(x)",
        "SPARSE(x)",
        "SPARSE(x, 64, COMMA)",
        "SPARSE(x, [100], ' ', int64, ':', int64)",
        "WEIGHTED_CATEGORY(CATEGORY_ID(SPARSE(x, 100, COMMA, int64, ':', int64), 100))",
        "CATEGORY_ID(x, 100, COMMA)",
        "EMBEDDING(SPARSE(c5, 64, COMMA), 32)",
        "CATEGORY_ID(\"f10|f9|f4\", 1000)",
        "EMBEDDING(CATEGORY_ID('c.*', 10), 8, sum)",
        "SEQ_CATEGORY_ID(x, 100, COMMA)",
        "numeric(x, 1)",
        "dense(x)",
        "sparse(x, 10, comma)",
        "weighted_category(category_id(sparse(x, 10, comma, int64, ':', int64), 10))",
        "seq_category_id(x, 10)",
        "category_hash(x, 10)",
        "bucket(x, [1, 2])",
        "cross([a, b], 10)",
        "indicator(x)",
      })
  void acceptsKnownFunctionsWithFittingArguments(String call) throws Exception {
    TrainStatement train = (TrainStatement) parser.parse(PREFIX + call + " INTO n");
    assertEquals(1, train.columns().get(TrainStatement.DEFAULT_COLUMN_TARGET).size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EMBEDDING(x) | EMBEDDING expects 2 or 3 arguments, got 1 at line 1, column 35",
        "NUMERIC() | NUMERIC expects 2 arguments, got 0 at line 1, column 35",
        "INDICATOR(a, b) | INDICATOR expects 1 argument, got 2 at line 1, column 35",
        "SPARSE(x, 1, COMMA, int64, ':', int64, y) | SPARSE expects 1 to 6 arguments, got 7 at"
            + " line 1, column 35",
        "CATEGORY_ID('[*', 10) | CATEGORY_ID argument 1: invalid column pattern \"[*\" (Unclosed"
            + " character class) at line 1, column 47",
        "CATEGORY_ID(x, 10, COMMA, y) | CATEGORY_ID expects 2 or 3 arguments, got 4 at line 1,"
            + " column 35",
        "BUCKET(x, 3) | BUCKET argument 2 (boundaries) must be a list of numbers at line 1,"
            + " column 45",
        "BUCKET(x, [a]) | BUCKET argument 2 (boundaries) must be a list of numbers at line 1,"
            + " column 45",
        "BUCKET(EMBEDDING(x, 2), [1]) | BUCKET argument 1 (column) must be a column name or a"
            + " NUMERIC call at line 1, column 42",
        "NUMERIC(x, 2.5) | NUMERIC argument 2 (shape) must be a positive integer or a list of"
            + " them at line 1, column 46",
        "NUMERIC(1, 2) | NUMERIC argument 1 (column) must be a column name or a quoted"
            + " column-name pattern at line 1, column 43",
        "CROSS(a, 10) | CROSS argument 1 (columns) must be a list of columns or feature columns"
            + " at line 1, column 41",
        "CROSS([a, b], 0) | CROSS argument 2 (hash_bucket_size) must be a positive integer at"
            + " line 1, column 49",
        "CATEGORY_ID(NUMERIC(x, 1), 3) | CATEGORY_ID argument 1 (column) must be a column name,"
            + " a quoted column-name pattern or a DENSE or SPARSE call at line 1, column 47",
        "EMBEDDING(x, 8, 3) | EMBEDDING argument 3 (combiner) must be a name or a string at"
            + " line 1, column 51",
        "EMBEDDING(CATEGORY_ID(x), 8) | CATEGORY_ID expects 2 or 3 arguments, got 1 at line 1,"
            + " column 45",
        "CROSS([a, SPARSE()], 5) | SPARSE expects 1 to 6 arguments, got 0 at line 1, column 45",
      })
  void rejectsWrongArityOrArgumentKindNamingFunctionArgumentAndPosition(
      String call, String message) {
    SqlflowParseException e =
        assertThrows(SqlflowParseException.class, () -> parser.parse(PREFIX + call + " INTO n"));
    assertEquals(message, e.getMessage());
    assertEquals(1, e.line());
    assertEquals(Integer.parseInt(message.substring(message.lastIndexOf(' ') + 1)), e.column());
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO(x)", "crossed([a], 2)"})
  void rejectsUnknownFunctionsListingTheKnownOnes(String call) {
    SqlflowParseException e =
        assertThrows(SqlflowParseException.class, () -> parser.parse(PREFIX + call + " INTO n"));
    String name = call.substring(0, call.indexOf('(')).toUpperCase(java.util.Locale.ROOT);
    assertEquals(
        "Unknown feature column function "
            + name
            + " at line 1, column 35\n"
            + "Known functions: NUMERIC, DENSE, SPARSE, CATEGORY_ID, SEQ_CATEGORY_ID,"
            + " CATEGORY_HASH, WEIGHTED_CATEGORY, EMBEDDING, INDICATOR, BUCKET, CROSS",
        e.getMessage());
    assertEquals(35, e.column());
  }
}
