package org.apache.calcite.avatica.jdbc;

import java.sql.Statement;

/** Reads the backing statement of JdbcMeta's cache entry, whose field is package-private. */
public final class StatementInfoAccess {
  private StatementInfoAccess() {}

  public static Statement statementOf(StatementInfo info) {
    return info.statement;
  }
}
