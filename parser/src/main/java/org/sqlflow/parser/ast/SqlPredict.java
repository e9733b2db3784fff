package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code <select> TO PREDICT <table.column> [WITH ...] USING <model>}. */
public final class SqlPredict extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO PREDICT", SqlKind.OTHER);

  private final SqlIdentifier result;
  private final SqlIdentifier model;

  /**
   * @param result where predictions go: the table, possibly qualified, then the column
   */
  public SqlPredict(
      SqlParserPos toPos,
      String select,
      SqlIdentifier result,
      SqlNodeList attributes,
      SqlIdentifier model) {
    super(toPos, select, attributes);
    this.result = requireNonNull(result, "result");
    this.model = requireNonNull(model, "model");
  }

  public SqlIdentifier result() {
    return result;
  }

  public SqlIdentifier model() {
    return model;
  }

  @Override
  public SqlPredict withSelect(String select) {
    return new SqlPredict(getParserPosition(), select, result, attributes(), model);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(result, attributes(), model);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "PREDICT");
    SqlflowUnparse.value(writer, result);
    unparseWith(writer);
    unparseOptional(writer, "USING", model);
  }
}
