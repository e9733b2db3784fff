package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code COLUMN expr, ... [FOR target]}. Each expression is a column ({@link SqlIdentifier}),
 * {@code *} (a star identifier) or a {@link SqlFeatureCall}.
 */
public final class SqlColumnClause extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN", SqlKind.OTHER);

  private final SqlNodeList expressions;
  private final @Nullable SqlIdentifier target;

  public SqlColumnClause(
      SqlParserPos pos, SqlNodeList expressions, @Nullable SqlIdentifier target) {
    super(pos);
    this.expressions = requireNonNull(expressions, "expressions");
    this.target = target;
  }

  public SqlNodeList expressions() {
    return expressions;
  }

  /** The FOR target, or null when the clause has none. */
  public @Nullable SqlIdentifier target() {
    return target;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(expressions, target);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("COLUMN");
    SqlflowUnparse.commaList(writer, expressions);
    if (target != null) {
      writer.keyword("FOR");
      SqlflowUnparse.value(writer, target);
    }
  }
}
