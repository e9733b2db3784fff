package org.apache.calcite.avatica.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/** JdbcMeta's reading of a database's column metadata, which only its subclasses may call. */
public final class JdbcColumns {
  private JdbcColumns() {}

  /** The columns as the database driver describes them. */
  public static List<ColumnMetaData> of(ResultSetMetaData metaData) throws SQLException {
    return JdbcMeta.columns(metaData);
  }

  /** A result's signature: its columns, and a prepared statement's text and parameters. */
  public static Meta.Signature signature(
      List<ColumnMetaData> columns, String sql, Meta.Signature prepared) {
    return new Meta.Signature(
        columns,
        sql,
        prepared == null ? List.of() : prepared.parameters,
        null,
        Meta.CursorFactory.LIST,
        prepared == null ? null : prepared.statementType);
  }
}
