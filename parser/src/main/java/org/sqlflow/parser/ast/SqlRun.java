package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code <select> TO RUN <program> [CMD "arg", ...] [INTO table, ...]}: SQLFlow's clause that runs
 * a container image or script over the SELECT. Parsed so that the server can answer it precisely;
 * the server does not run programs named in statements.
 */
public final class SqlRun extends SqlExtendedQuery {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("TO RUN", SqlKind.OTHER);

  private final SqlParserPos programPos;
  private final String program;
  private final SqlNodeList args;
  private final SqlNodeList into;

  /**
   * @param program the program's name as written, e.g. {@code sqlflow/runnable:v0.0.1}
   * @param args the CMD strings, possibly none
   * @param into the INTO tables, possibly none
   */
  public SqlRun(
      SqlParserPos toPos,
      String select,
      SqlParserPos programPos,
      String program,
      SqlNodeList args,
      SqlNodeList into) {
    super(toPos, select, SqlNodeList.EMPTY);
    this.programPos = requireNonNull(programPos, "programPos");
    this.program = requireNonNull(program, "program");
    this.args = requireNonNull(args, "args");
    this.into = requireNonNull(into, "into");
  }

  public SqlParserPos programPosition() {
    return programPos;
  }

  public String program() {
    return program;
  }

  public SqlNodeList args() {
    return args;
  }

  public SqlNodeList into() {
    return into;
  }

  @Override
  public SqlRun withSelect(String select) {
    return new SqlRun(getParserPosition(), select, programPos, program, args, into);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(args, into);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    unparseHead(writer, "RUN");
    SqlflowUnparse.atom(writer, program);
    if (!args.isEmpty()) {
      writer.keyword("CMD");
      SqlflowUnparse.commaList(writer, args);
      if (!into.isEmpty()) {
        writer.keyword("INTO");
        SqlflowUnparse.commaList(writer, into);
      }
    }
  }
}
