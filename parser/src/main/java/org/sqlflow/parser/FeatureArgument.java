package org.sqlflow.parser;

import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.sqlflow.parser.ast.SqlFeatureCall;

/** What one argument of a feature-column function may be; the description completes "must be". */
public enum FeatureArgument {
  COLUMN("a column name or a quoted column-name pattern", n -> isColumn(n) || isPattern(n)),
  COLUMN_OR_DENSE_SPARSE(
      "a column name, a quoted column-name pattern or a DENSE or SPARSE call",
      n -> isColumn(n) || isPattern(n) || isCall(n, Set.of("DENSE", "SPARSE"))),
  COLUMN_OR_NUMERIC(
      "a column name or a NUMERIC call", n -> isColumn(n) || isCall(n, Set.of("NUMERIC"))),
  CATEGORY(
      "a column name or a category column (CATEGORY_ID, SEQ_CATEGORY_ID, CATEGORY_HASH,"
          + " WEIGHTED_CATEGORY, CROSS or SPARSE)",
      n ->
          isColumn(n)
              || isPattern(n)
              || isCall(
                  n,
                  Set.of(
                      "CATEGORY_ID",
                      "SEQ_CATEGORY_ID",
                      "CATEGORY_HASH",
                      "WEIGHTED_CATEGORY",
                      "CROSS",
                      "SPARSE"))),
  SIZE("a positive integer", FeatureArgument::isPositiveInteger),
  SHAPE(
      "a positive integer or a list of them",
      n -> isPositiveInteger(n) || isNonEmptyListOf(n, FeatureArgument::isPositiveInteger)),
  NUMBERS("a list of numbers", n -> isNonEmptyListOf(n, x -> x instanceof SqlNumericLiteral)),
  COLUMNS(
      "a list of columns or feature columns",
      n -> isNonEmptyListOf(n, x -> isColumn(x) || x instanceof SqlFeatureCall)),
  NAME_OR_STRING("a name or a string", n -> isColumn(n) || n instanceof SqlCharStringLiteral);

  private final String description;
  private final Predicate<SqlNode> accepts;

  FeatureArgument(String description, Predicate<SqlNode> accepts) {
    this.description = description;
    this.accepts = accepts;
  }

  public String description() {
    return description;
  }

  /** Whether a parsed argument is of this kind (its own nested calls are checked separately). */
  boolean accepts(SqlNode node) {
    return accepts.test(node);
  }

  private static boolean isColumn(SqlNode node) {
    return node instanceof SqlIdentifier id && !id.isStar();
  }

  /**
   * SQLFlow's {@code CATEGORY_ID("f10|f9|f4", 1000)}: a quoted regular expression standing for
   * every SELECT column it matches (checked to compile by the checker).
   */
  static boolean isPattern(SqlNode node) {
    return node instanceof SqlCharStringLiteral;
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
