package org.sqlflow.parser.ast;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/** A statement only SQLFlow understands: an extended query or SHOW TRAIN. */
public abstract class SqlflowStatement extends SqlCall {

  protected SqlflowStatement(SqlParserPos pos) {
    super(pos);
  }

  /** The statement as SQLFlow text; parsing it gives back an equal statement. */
  public String toSqlflowString() {
    SqlPrettyWriter writer = SqlflowUnparse.newWriter();
    unparse(writer, 0, 0);
    return writer.toSqlString().getSql();
  }
}
