package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.SqlDialect;

/**
 * A column of a table the server writes: its name, its SQL type, and how values are bound.
 *
 * @param jdbcType the type passed to {@code setNull}
 */
public record TableColumn(String name, String sqlType, RowsFile.Kind kind, int jdbcType) {

  public TableColumn {
    requireNonNull(name, "name");
    requireNonNull(sqlType, "sqlType");
    requireNonNull(kind, "kind");
  }

  /** A column that copies a SELECT column with its own type. */
  public static TableColumn copying(SourceColumn source, SqlDialect dialect) {
    return new TableColumn(
        source.name(),
        dialect.columnType(source.jdbcType(), source.precision(), source.scale()),
        RowsFile.Kind.forJdbcType(source.jdbcType()),
        source.jdbcType());
  }

  public static TableColumn doubleColumn(String name, SqlDialect dialect) {
    return new TableColumn(name, dialect.doubleType(), RowsFile.Kind.DOUBLE, java.sql.Types.DOUBLE);
  }

  public static TableColumn bigintColumn(String name, SqlDialect dialect) {
    return new TableColumn(name, dialect.bigintType(), RowsFile.Kind.LONG, java.sql.Types.BIGINT);
  }

  public static TableColumn bytesColumn(String name, SqlDialect dialect) {
    return new TableColumn(
        name, dialect.bytesType(), RowsFile.Kind.BYTES, java.sql.Types.VARBINARY);
  }

  public static TableColumn textColumn(String name, SqlDialect dialect) {
    return new TableColumn(name, dialect.varcharType(), RowsFile.Kind.TEXT, java.sql.Types.VARCHAR);
  }
}
