package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.UnregisteredDriver;
import org.apache.calcite.avatica.remote.SqlflowRemoteMetaFactory;

/**
 * A connection that a pool can trust: {@code isValid} asks the server (false once the server
 * restarted and forgot the connection, or cannot be reached), and every failure is an
 * SQLException carrying the server's SQLState (08003 for a forgotten connection, 08S01 for an
 * unreachable server), where Avatica lets some escape unchecked.
 */
public class SqlflowConnection extends AvaticaConnection {

  public SqlflowConnection(UnregisteredDriver driver, AvaticaFactory factory, String url,
      Properties info) {
    super(driver, factory, url, info);
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    return super.isValid(timeout) && SqlflowRemoteMetaFactory.isAlive(this);
  }

  /** A connection call that Avatica's client may fail with an unchecked exception. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws SQLException;
  }

  static <T> T checked(Call<T> call) throws SQLException {
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw HELPER.createException(e.getMessage(), e);
    }
  }

  @Override
  public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return checked(() ->
        super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checked(() -> {
      super.setAutoCommit(autoCommit);
      return null;
    });
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    return checked(super::getAutoCommit);
  }

  @Override
  public void commit() throws SQLException {
    checked(() -> {
      super.commit();
      return null;
    });
  }

  @Override
  public void rollback() throws SQLException {
    checked(() -> {
      super.rollback();
      return null;
    });
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checked(() -> {
      super.setCatalog(catalog);
      return null;
    });
  }

  @Override
  public String getCatalog() throws SQLException {
    return checked(super::getCatalog);
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checked(() -> {
      super.setSchema(schema);
      return null;
    });
  }

  @Override
  public String getSchema() throws SQLException {
    return checked(super::getSchema);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checked(() -> {
      super.setTransactionIsolation(level);
      return null;
    });
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return checked(super::getTransactionIsolation);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checked(() -> {
      super.setReadOnly(readOnly);
      return null;
    });
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return checked(super::isReadOnly);
  }
}
