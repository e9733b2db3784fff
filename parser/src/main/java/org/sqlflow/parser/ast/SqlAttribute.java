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
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code key = value} in a WITH clause. The value is a numeric, string or boolean literal, an
 * identifier, or an {@link org.apache.calcite.sql.SqlNodeList} of values.
 */
public final class SqlAttribute extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("ATTRIBUTE", SqlKind.OTHER);

  private final SqlIdentifier key;
  private final SqlNode value;

  public SqlAttribute(SqlParserPos pos, SqlIdentifier key, SqlNode value) {
    super(pos);
    this.key = requireNonNull(key, "key");
    this.value = requireNonNull(value, "value");
  }

  public SqlIdentifier key() {
    return key;
  }

  public SqlNode value() {
    return value;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(key, value);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    SqlflowUnparse.value(writer, key);
    SqlflowUnparse.atom(writer, "=");
    SqlflowUnparse.value(writer, value);
  }
}
