package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * An objective or constraint of TO MAXIMIZE / TO MINIMIZE: Calcite's expression tree, for checking,
 * and its text as written, which is what the solver's runtime reads and what prints.
 */
public final class SqlOptimizeExpression extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("OPTIMIZE_EXPRESSION", SqlKind.OTHER);

  private final SqlNode expression;
  private final String text;

  /**
   * @param pos from the expression's first token to its last
   */
  public SqlOptimizeExpression(SqlParserPos pos, SqlNode expression, String text) {
    super(pos);
    this.expression = requireNonNull(expression, "expression");
    this.text = requireNonNull(text, "text");
  }

  public SqlNode expression() {
    return expression;
  }

  public String text() {
    return text;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(expression);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    SqlflowUnparse.atom(writer, text);
  }
}
