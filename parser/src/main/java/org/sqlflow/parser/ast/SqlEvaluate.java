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

/** {@code <select> TO EVALUATE <model> [WITH ...] LABEL <column> INTO <table>}. */
public final class SqlEvaluate extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO EVALUATE", SqlKind.OTHER);

  private final SqlIdentifier model;
  private final SqlIdentifier label;
  private final SqlIdentifier into;

  public SqlEvaluate(
      SqlParserPos toPos,
      String select,
      SqlIdentifier model,
      SqlNodeList attributes,
      SqlIdentifier label,
      SqlIdentifier into) {
    super(toPos, select, attributes);
    this.model = requireNonNull(model, "model");
    this.label = requireNonNull(label, "label");
    this.into = requireNonNull(into, "into");
  }

  public SqlIdentifier model() {
    return model;
  }

  public SqlIdentifier label() {
    return label;
  }

  public SqlIdentifier into() {
    return into;
  }

  @Override
  public SqlEvaluate withSelect(String select) {
    return new SqlEvaluate(getParserPosition(), select, model, attributes(), label, into);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(model, attributes(), label, into);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "EVALUATE");
    SqlflowUnparse.value(writer, model);
    unparseWith(writer);
    unparseOptional(writer, "LABEL", label);
    unparseOptional(writer, "INTO", into);
  }
}
