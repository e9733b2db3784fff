package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TRAIN <model>}: how a stored model was trained. */
public final class SqlShowTrain extends SqlflowStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW TRAIN", SqlKind.OTHER);

  private final SqlIdentifier model;

  public SqlShowTrain(SqlParserPos pos, SqlIdentifier model) {
    super(pos);
    this.model = requireNonNull(model, "model");
  }

  public SqlIdentifier model() {
    return model;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(model);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW");
    writer.keyword("TRAIN");
    SqlflowUnparse.value(writer, model);
  }
}
