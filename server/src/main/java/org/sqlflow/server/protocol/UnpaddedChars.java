package org.sqlflow.server.protocol;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's client pads every CHAR value with spaces to the column's display size, so a MySQL
 * {@code CHAR(10)} value {@code 'ab'} (which MySQL returns trimmed) or a catalog's {@code
 * COLUMN_NAME} would reach the user padded. Declaring such columns VARCHAR, with the database's
 * type name kept, lets the values through exactly as the database gave them. Likewise Avatica's
 * client has no accessor for LONGVARBINARY (MySQL's BLOB types): such columns are declared
 * VARBINARY, whose values are the same bytes, so {@code getBytes} reads a stored image (an
 * explanation's plot) as the database holds it. Both are used for the catalog calls, forwarded
 * metadata and generated keys; query results go through {@link ResultEncoding}.
 */
final class UnpaddedChars {
  private UnpaddedChars() {}

  static Meta.ExecuteResult of(Meta.ExecuteResult result) {
    List<Meta.MetaResultSet> sets = new ArrayList<>(result.resultSets.size());
    for (Meta.MetaResultSet set : result.resultSets) {
      sets.add(of(set));
    }
    return new Meta.ExecuteResult(sets);
  }

  static Meta.MetaResultSet of(Meta.MetaResultSet set) {
    if (set.signature == null || !hasChar(set.signature)) {
      return set;
    }
    return Meta.MetaResultSet.create(
        set.connectionId,
        set.statementId,
        set.ownStatement,
        of(set.signature),
        set.firstFrame,
        set.updateCount);
  }

  static Meta.Signature of(Meta.Signature signature) {
    if (signature == null || !hasChar(signature)) {
      return signature;
    }
    List<ColumnMetaData> columns = new ArrayList<>(signature.columns.size());
    for (ColumnMetaData c : signature.columns) {
      columns.add(isChar(c) ? asVarchar(c) : isLongBinary(c) ? asVarbinary(c) : c);
    }
    return new Meta.Signature(
        columns,
        signature.sql,
        signature.parameters,
        signature.internalParameters,
        signature.cursorFactory,
        signature.statementType);
  }

  static Meta.StatementHandle of(Meta.StatementHandle handle) {
    Meta.Signature signature = of(handle.signature);
    return signature == handle.signature
        ? handle
        : new Meta.StatementHandle(handle.connectionId, handle.id, signature);
  }

  private static boolean hasChar(Meta.Signature signature) {
    return signature.columns.stream().anyMatch(c -> isChar(c) || isLongBinary(c));
  }

  private static boolean isChar(ColumnMetaData c) {
    return c.type.id == Types.CHAR || c.type.id == Types.NCHAR;
  }

  private static boolean isLongBinary(ColumnMetaData c) {
    return c.type.id == Types.LONGVARBINARY;
  }

  private static ColumnMetaData asVarchar(ColumnMetaData c) {
    return withType(
        c,
        ColumnMetaData.scalar(Types.VARCHAR, c.type.name, ColumnMetaData.Rep.STRING),
        String.class.getName());
  }

  private static ColumnMetaData asVarbinary(ColumnMetaData c) {
    return withType(
        c,
        ColumnMetaData.scalar(Types.VARBINARY, c.type.name, ColumnMetaData.Rep.BYTE_STRING),
        byte[].class.getName());
  }

  private static ColumnMetaData withType(
      ColumnMetaData c, ColumnMetaData.AvaticaType type, String className) {
    return new ColumnMetaData(
        c.ordinal,
        c.autoIncrement,
        c.caseSensitive,
        c.searchable,
        c.currency,
        c.nullable,
        c.signed,
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
        className);
  }
}
