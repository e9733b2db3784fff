package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/** One constraint of TO MAXIMIZE / TO MINIMIZE: {@code <expression> [GROUP BY <column>]}. */
public final class SqlOptimizeConstraint extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("OPTIMIZE_CONSTRAINT", SqlKind.OTHER);

  private final SqlOptimizeExpression expression;
  private final @Nullable SqlIdentifier groupBy;

  public SqlOptimizeConstraint(SqlOptimizeExpression expression, @Nullable SqlIdentifier groupBy) {
    super(expression.getParserPosition());
    this.expression = requireNonNull(expression, "expression");
    this.groupBy = groupBy;
  }

  public SqlOptimizeExpression expression() {
    return expression;
  }

  public @Nullable SqlIdentifier groupBy() {
    return groupBy;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(expression, groupBy);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    expression.unparse(writer, 0, 0);
    if (groupBy != null) {
      writer.keyword("GROUP BY");
      SqlflowUnparse.value(writer, groupBy);
    }
  }
}
