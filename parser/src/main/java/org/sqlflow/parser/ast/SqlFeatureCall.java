package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A feature-column call such as {@code EMBEDDING(CROSS([a, b], 10), 128, 'sum')}, as written; which
 * functions exist and what they take is checked after parsing.
 */
public final class SqlFeatureCall extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("FEATURE_COLUMN", SqlKind.OTHER);

  private final String function;
  private final SqlNodeList args;

  /**
   * @param pos position of the function name
   * @param function the name as written; stored upper-case
   */
  public SqlFeatureCall(SqlParserPos pos, String function, SqlNodeList args) {
    super(pos);
    this.function = requireNonNull(function, "function").toUpperCase(Locale.ROOT);
    this.args = requireNonNull(args, "args");
  }

  public String function() {
    return function;
  }

  public SqlNodeList args() {
    return args;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(args);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    SqlflowUnparse.atom(writer, function + "(" + SqlflowUnparse.commaText(args) + ")");
  }
}
