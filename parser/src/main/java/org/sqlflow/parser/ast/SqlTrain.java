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

/**
 * {@code <select> TO TRAIN <modelClass> [WITH ...] [COLUMN ... [FOR target]]... [LABEL l] [USING
 * model] INTO <into>}.
 */
public final class SqlTrain extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO TRAIN", SqlKind.OTHER);

  private final SqlIdentifier modelClass;
  private final SqlNodeList columns;
  private final @Nullable SqlIdentifier label;
  private final @Nullable SqlIdentifier using;
  private final SqlIdentifier into;

  /**
   * @param columns {@link SqlColumnClause}s in the order written
   */
  public SqlTrain(
      SqlParserPos toPos,
      String select,
      SqlIdentifier modelClass,
      SqlNodeList attributes,
      SqlNodeList columns,
      @Nullable SqlIdentifier label,
      @Nullable SqlIdentifier using,
      SqlIdentifier into) {
    super(toPos, select, attributes);
    this.modelClass = requireNonNull(modelClass, "modelClass");
    this.columns = requireNonNull(columns, "columns");
    this.label = label;
    this.using = using;
    this.into = requireNonNull(into, "into");
  }

  public SqlIdentifier modelClass() {
    return modelClass;
  }

  public SqlNodeList columns() {
    return columns;
  }

  public @Nullable SqlIdentifier label() {
    return label;
  }

  public @Nullable SqlIdentifier using() {
    return using;
  }

  public SqlIdentifier into() {
    return into;
  }

  @Override
  public SqlTrain withSelect(String select) {
    return new SqlTrain(
        getParserPosition(), select, modelClass, attributes(), columns, label, using, into);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(modelClass, attributes(), columns, label, using, into);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "TRAIN");
    SqlflowUnparse.value(writer, modelClass);
    unparseWith(writer);
    for (SqlNode column : columns) {
      column.unparse(writer, 0, 0);
    }
    unparseOptional(writer, "LABEL", label);
    unparseOptional(writer, "USING", using);
    unparseOptional(writer, "INTO", into);
  }
}
