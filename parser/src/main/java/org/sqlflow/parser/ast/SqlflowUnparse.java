package org.sqlflow.parser.ast;

import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * Prints the parts of SQLFlow's clauses so that they read back unchanged. Spacing is explicit: a
 * space between atoms, none inside brackets or before a comma.
 */
final class SqlflowUnparse {
  private SqlflowUnparse() {}

  /** Text that stands alone, such as a name or the SELECT: spaced from what follows. */
  static void atom(SqlWriter writer, String text) {
    writer.print(text);
    writer.setNeedWhitespace(true);
  }

  /** A name, number, string, boolean, [list], feature call or {@code *}. */
  static void value(SqlWriter writer, SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      atom(writer, id.isStar() ? "*" : SqlflowNames.render(id));
    } else if (node instanceof SqlNumericLiteral number) {
      atom(writer, number.bigDecimalValue().toString());
    } else if (node instanceof SqlCharStringLiteral string) {
      atom(writer, quote(string.getValueAs(String.class)));
    } else if (node instanceof SqlLiteral literal && literal.getValue() instanceof Boolean b) {
      atom(writer, b ? "TRUE" : "FALSE");
    } else if (node instanceof SqlNodeList list) {
      atom(writer, "[" + commaText(list) + "]");
    } else {
      node.unparse(writer, 0, 0);
    }
  }

  static void commaList(SqlWriter writer, SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        writer.setNeedWhitespace(false);
        atom(writer, ",");
      }
      value(writer, list.get(i));
    }
  }

  /**
   * The items as {@code a, b, c}, printed on their own so that the caller can glue brackets to them
   * (the writer never puts a space before a lone bracket).
   */
  static String commaText(SqlNodeList list) {
    SqlPrettyWriter writer = newWriter();
    commaList(writer, list);
    return writer.toSqlString().getSql();
  }

  /** One line, names unquoted unless {@link SqlflowNames#render} quotes them. */
  static SqlPrettyWriter newWriter() {
    return new SqlPrettyWriter(
        SqlPrettyWriter.config()
            .withDialect(MysqlSqlDialect.DEFAULT)
            .withQuoteAllIdentifiers(false)
            .withIndentation(0));
  }

  /**
   * Double quotes with backslash escapes: MySQL reads them so, and so do SQLFlow's clauses and the
   * statement classifier; single quotes would not survive a trailing backslash.
   */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
