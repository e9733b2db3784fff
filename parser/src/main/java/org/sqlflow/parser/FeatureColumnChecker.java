package org.sqlflow.parser;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.sqlflow.parser.ast.SqlFeatureCall;

/**
 * Checks the feature-column calls of a COLUMN clause: known function names, argument counts
 * and argument kinds, nested calls included. Errors name the function and the argument and
 * give the position, e.g. {@code EMBEDDING expects 2 or 3 arguments, got 1 at line 1, column
 * 70}.
 */
final class FeatureColumnChecker {

  /** What an argument may be; {@code description} completes "must be ...". */
  private enum Kind {
    COLUMN("a column name", FeatureColumnChecker::isColumn),
    COLUMN_OR_DENSE_SPARSE(
        "a column name or a DENSE or SPARSE call", n -> isColumn(n) || isCall(n, DENSE_OR_SPARSE)),
    COLUMN_OR_NUMERIC("a column name or a NUMERIC call", n -> isColumn(n) || isCall(n, NUMERIC)),
    CATEGORY(
        "a column name or a category column (CATEGORY_ID, SEQ_CATEGORY_ID, CATEGORY_HASH,"
            + " WEIGHTED_CATEGORY or CROSS)",
        n -> isColumn(n) || isCall(n, CATEGORY_CALLS)),
    SIZE("a positive integer", FeatureColumnChecker::isPositiveInteger),
    SHAPE(
        "a positive integer or a list of them",
        n -> isPositiveInteger(n) || isNonEmptyListOf(n, FeatureColumnChecker::isPositiveInteger)),
    NUMBERS("a list of numbers", n -> isNonEmptyListOf(n, x -> x instanceof SqlNumericLiteral)),
    COLUMNS(
        "a list of columns or feature columns",
        n -> isNonEmptyListOf(n, x -> isColumn(x) || x instanceof SqlFeatureCall)),
    NAME_OR_STRING("a name or a string", n -> isColumn(n) || n instanceof SqlCharStringLiteral);

    private final String description;
    private final Predicate<SqlNode> accepts;

    Kind(String description, Predicate<SqlNode> accepts) {
      this.description = description;
      this.accepts = accepts;
    }
  }

  private record Param(String name, Kind kind) {}

  /** The first {@code required} params must be given; the rest are optional. */
  private record Signature(int required, List<Param> params) {}

  private static final Set<String> DENSE_OR_SPARSE = Set.of("DENSE", "SPARSE");
  private static final Set<String> NUMERIC = Set.of("NUMERIC");
  private static final Set<String> CATEGORY_CALLS =
      Set.of("CATEGORY_ID", "SEQ_CATEGORY_ID", "CATEGORY_HASH", "WEIGHTED_CATEGORY", "CROSS");

  private static final Map<String, Signature> SIGNATURES = signatures();

  private static Map<String, Signature> signatures() {
    Param column = new Param("column", Kind.COLUMN);
    Param shape = new Param("shape", Kind.SHAPE);
    Param delimiter = new Param("delimiter", Kind.NAME_OR_STRING);
    Param source = new Param("column", Kind.COLUMN_OR_DENSE_SPARSE);
    Param bucketSize = new Param("bucket_size", Kind.SIZE);
    Param category = new Param("category_column", Kind.CATEGORY);
    Map<String, Signature> m = new LinkedHashMap<>();
    m.put("NUMERIC", new Signature(2, List.of(column, shape)));
    m.put("DENSE", new Signature(2, List.of(column, shape, delimiter)));
    m.put("SPARSE",
        new Signature(
            2, List.of(column, shape, delimiter, new Param("dtype", Kind.NAME_OR_STRING))));
    m.put("CATEGORY_ID", new Signature(2, List.of(source, bucketSize)));
    m.put("SEQ_CATEGORY_ID", new Signature(2, List.of(source, bucketSize, delimiter)));
    m.put("CATEGORY_HASH", new Signature(2, List.of(source, bucketSize)));
    m.put("WEIGHTED_CATEGORY",
        new Signature(1, List.of(category, new Param("weight_column", Kind.COLUMN))));
    m.put("EMBEDDING",
        new Signature(2, List.of(category, new Param("dimension", Kind.SIZE),
            new Param("combiner", Kind.NAME_OR_STRING))));
    m.put("INDICATOR", new Signature(1, List.of(category)));
    m.put("BUCKET",
        new Signature(2, List.of(new Param("column", Kind.COLUMN_OR_NUMERIC),
            new Param("boundaries", Kind.NUMBERS))));
    m.put("CROSS",
        new Signature(2, List.of(new Param("columns", Kind.COLUMNS),
            new Param("hash_bucket_size", Kind.SIZE))));
    return Collections.unmodifiableMap(m);
  }

  /** The function names, in the order the documentation lists them. */
  static Set<String> knownFunctions() {
    return SIGNATURES.keySet();
  }

  /** Checks one COLUMN expression (a column, {@code *} or a call) and every call inside it. */
  void check(SqlNode expression) throws SqlflowParseException {
    if (expression instanceof SqlFeatureCall call) {
      checkCall(call);
    } else if (expression instanceof SqlNodeList list) {
      for (SqlNode item : list) {
        check(item);
      }
    }
  }

  private void checkCall(SqlFeatureCall call) throws SqlflowParseException {
    Signature signature = SIGNATURES.get(call.function());
    if (signature == null) {
      throw ParseErrors.at(
          "Unknown feature column function " + call.function(),
          call.getParserPosition(),
          "Known functions: " + String.join(", ", knownFunctions()));
    }
    int given = call.args().size();
    int max = signature.params().size();
    if (given < signature.required() || given > max) {
      throw ParseErrors.at(
          call.function() + " expects " + count(signature.required(), max) + ", got " + given,
          call.getParserPosition());
    }
    for (int i = 0; i < given; i++) {
      SqlNode arg = call.args().get(i);
      Param param = signature.params().get(i);
      if (!param.kind().accepts.test(arg)) {
        throw ParseErrors.at(
            call.function() + " argument " + (i + 1) + " (" + param.name() + ") must be "
                + param.kind().description,
            arg.getParserPosition());
      }
      check(arg);
    }
  }

  private static String count(int min, int max) {
    if (min == max) {
      return min + (min == 1 ? " argument" : " arguments");
    }
    return min + (max == min + 1 ? " or " : " to ") + max + " arguments";
  }

  private static boolean isColumn(SqlNode node) {
    return node instanceof SqlIdentifier id && !id.isStar();
  }

  private static boolean isCall(SqlNode node, Set<String> functions) {
    return node instanceof SqlFeatureCall call && functions.contains(call.function());
  }

  private static boolean isPositiveInteger(SqlNode node) {
    if (!(node instanceof SqlNumericLiteral number)) {
      return false;
    }
    BigDecimal value = number.bigDecimalValue();
    return value != null && value.signum() > 0 && value.stripTrailingZeros().scale() <= 0;
  }

  private static boolean isNonEmptyListOf(SqlNode node, Predicate<SqlNode> item) {
    return node instanceof SqlNodeList list
        && !list.isEmpty()
        && list.getList().stream().allMatch(item);
  }
}
