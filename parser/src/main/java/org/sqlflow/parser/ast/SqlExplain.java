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
import org.apache.calcite.util.ImmutableNullableList;
import org.checkerframework.checker.nullness.qual.Nullable;

/** {@code <select> TO EXPLAIN <model> [WITH ...] [USING <explainer>] [INTO <table>]}. */
public final class SqlExplain extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO EXPLAIN", SqlKind.OTHER);

  private final SqlIdentifier model;
  private final @Nullable SqlIdentifier explainer;
  private final @Nullable SqlIdentifier into;

  public SqlExplain(
      SqlParserPos toPos,
      String select,
      SqlIdentifier model,
      SqlNodeList attributes,
      @Nullable SqlIdentifier explainer,
      @Nullable SqlIdentifier into) {
    super(toPos, select, attributes);
    this.model = requireNonNull(model, "model");
    this.explainer = explainer;
    this.into = into;
  }

  public SqlIdentifier model() {
    return model;
  }

  public @Nullable SqlIdentifier explainer() {
    return explainer;
  }

  public @Nullable SqlIdentifier into() {
    return into;
  }

  @Override
  public SqlExplain withSelect(String select) {
    return new SqlExplain(getParserPosition(), select, model, attributes(), explainer, into);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(model, attributes(), explainer, into);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "EXPLAIN");
    SqlflowUnparse.value(writer, model);
    unparseWith(writer);
    unparseOptional(writer, "USING", explainer);
    unparseOptional(writer, "INTO", into);
  }
}
