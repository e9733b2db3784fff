package org.apache.calcite.avatica;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Avatica's metadata, corrected where it hard-codes answers that are false for the databases
 * SQLFlow fronts: MySQL and H2 both have transactions and every standard isolation level.
 * Tools such as sqlline and DBeaver ask before setting a level, and warn otherwise.
 */
class SqlflowDatabaseMetaData extends AvaticaDatabaseMetaData {

  SqlflowDatabaseMetaData(AvaticaConnection connection) {
    super(connection);
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return level == Connection.TRANSACTION_READ_UNCOMMITTED
        || level == Connection.TRANSACTION_READ_COMMITTED
        || level == Connection.TRANSACTION_REPEATABLE_READ
        || level == Connection.TRANSACTION_SERIALIZABLE;
  }
}
