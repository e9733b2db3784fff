package org.sqlflow.parser.ast;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code <select> TO <keyword> ...}. The node's position is that of TO. The grammar builds it with
 * an empty select; the caller attaches the user's own SELECT text, cut from the statement by
 * position, with {@link #withSelect}.
 */
public abstract class SqlExtendedQuery extends SqlflowStatement {
  private final String select;
  private final SqlNodeList attributes;

  protected SqlExtendedQuery(SqlParserPos toPos, String select, SqlNodeList attributes) {
    super(toPos);
    this.select = requireNonNull(select, "select");
    this.attributes = requireNonNull(attributes, "attributes");
  }

  /** The SELECT text verbatim; empty until attached. */
  public String select() {
    return select;
  }

  /** The WITH clause: {@link SqlAttribute}s in the order written, possibly none. */
  public SqlNodeList attributes() {
    return attributes;
  }

  /** The same clause behind another SELECT. */
  public abstract SqlExtendedQuery withSelect(String select);

  /** {@code <select> TO <keyword>}. */
  protected void unparseHead(SqlWriter writer, String keyword) {
    SqlflowUnparse.atom(writer, select);
    writer.keyword("TO");
    writer.keyword(keyword);
  }

  /** {@code WITH a = 1, b = 'x'} when there are attributes. */
  protected void unparseWith(SqlWriter writer) {
    if (attributes.isEmpty()) {
      return;
    }
    writer.keyword("WITH");
    SqlflowUnparse.commaList(writer, attributes);
  }

  /** {@code KEYWORD name} when the name is present. */
  protected static void unparseOptional(SqlWriter writer, String keyword, SqlNode name) {
    if (name != null) {
      writer.keyword(keyword);
      SqlflowUnparse.value(writer, name);
    }
  }
}
