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
 * {@code <select> TO MAXIMIZE|MINIMIZE <objective> [CONSTRAINT <constraint>, ...] [WITH ...] [USING
 * <solver>] INTO <table>}.
 */
public final class SqlOptimize extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO OPTIMIZE", SqlKind.OTHER);

  private final boolean maximize;
  private final SqlOptimizeExpression objective;
  private final SqlNodeList constraints;
  private final @Nullable SqlIdentifier solver;
  private final SqlIdentifier into;

  /**
   * @param constraints {@link SqlOptimizeConstraint}s in the order written, possibly none
   */
  public SqlOptimize(
      SqlParserPos toPos,
      String select,
      boolean maximize,
      SqlOptimizeExpression objective,
      SqlNodeList constraints,
      SqlNodeList attributes,
      @Nullable SqlIdentifier solver,
      SqlIdentifier into) {
    super(toPos, select, attributes);
    this.maximize = maximize;
    this.objective = requireNonNull(objective, "objective");
    this.constraints = requireNonNull(constraints, "constraints");
    this.solver = solver;
    this.into = requireNonNull(into, "into");
  }

  public boolean maximize() {
    return maximize;
  }

  public SqlOptimizeExpression objective() {
    return objective;
  }

  public SqlNodeList constraints() {
    return constraints;
  }

  public @Nullable SqlIdentifier solver() {
    return solver;
  }

  public SqlIdentifier into() {
    return into;
  }

  @Override
  public SqlOptimize withSelect(String select) {
    return new SqlOptimize(
        getParserPosition(), select, maximize, objective, constraints, attributes(), solver, into);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(objective, constraints, attributes(), solver, into);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, maximize ? "MAXIMIZE" : "MINIMIZE");
    objective.unparse(writer, 0, 0);
    if (!constraints.isEmpty()) {
      writer.keyword("CONSTRAINT");
      SqlflowUnparse.commaList(writer, constraints);
    }
    unparseWith(writer);
    unparseOptional(writer, "USING", solver);
    writer.keyword("INTO");
    SqlflowUnparse.value(writer, into);
  }
}
