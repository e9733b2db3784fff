package org.apache.calcite.avatica;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.sqlflow.wire.PackedRows;

/**
 * The server describes each column with the database's own type (LONGVARCHAR for TEXT, BIGINT for
 * BIGINT UNSIGNED, TIMESTAMP for DATETIME(6) sent as text), which the result set's metadata
 * reports; Avatica's cursor only knows how to read a narrower set. This gives the cursor, for each
 * column, the Avatica type that reads the value as it travels.
 */
public final class CursorColumns {
  private CursorColumns() {}

  /** Whether the server's signature says that the result's frames are packed. */
  public static boolean packed(Meta.Signature signature) {
    return signature != null
        && signature.cursorFactory != null
        && PackedRows.marks(signature.cursorFactory.fieldNames);
  }

  public static Meta.Signature forCursor(Meta.Signature signature) {
    if (signature == null || signature.columns.isEmpty()) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    for (ColumnMetaData c : signature.columns) {
      columns.add(forCursor(c));
    }
    return new Meta.Signature(
        columns,
        signature.sql,
        signature.parameters,
        signature.internalParameters,
        signature.cursorFactory,
        signature.statementType);
  }

  private static int numberType(String className) {
    switch (className == null ? "" : className) {
      case "java.lang.Float":
        return Types.REAL;
      case "java.lang.Double":
        return Types.DOUBLE;
      case "java.lang.Byte":
      case "java.lang.Short":
      case "java.lang.Integer":
      case "java.lang.Long":
        return Types.BIGINT;
      default:
        return Types.DECIMAL;
    }
  }

  private static ColumnMetaData forCursor(ColumnMetaData c) {
    int id;
    boolean signed = c.signed;
    switch (c.type.rep) {
      case STRING:
        id = Types.VARCHAR;
        break;
      case BYTE_STRING:
        id = Types.VARBINARY;
        break;
      case BOOLEAN:
        id = Types.BOOLEAN;
        break;
      case NUMBER:
        // Avatica's server sends every number as NUMBER; the class tells which it is.
        id = numberType(c.columnClassName);
        // Unsigned values arrive widened; a signed accessor reads all of them.
        signed = true;
        break;
      default:
        return c;
    }
    if (id == c.type.id && signed == c.signed) {
      return c;
    }
    ColumnMetaData.AvaticaType type = ColumnMetaData.scalar(id, c.type.name, c.type.rep);
    return new ColumnMetaData(
        c.ordinal,
        c.autoIncrement,
        c.caseSensitive,
        c.searchable,
        c.currency,
        c.nullable,
        signed,
        c.displaySize,
        c.label,
        c.columnName,
        c.schemaName,
        c.precision,
        c.scale,
        c.tableName,
        c.catalogName,
        type,
        c.readOnly,
        c.writable,
        c.definitelyWritable,
        c.columnClassName);
  }
}
