package org.sqlflow.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement whose {@code cancel()} and query timeout stop the work on the server,
 * as {@link SqlflowStatement}'s do (tools such as DBeaver may prepare what the user runs).
 */
public class SqlflowPreparedStatement extends AvaticaPreparedStatement {
  private final ServerCancel serverCancel = new ServerCancel(this, super::cancel);
  /** Whether it was prepared asking the database for generated keys. */
  private volatile boolean keysRequested;

  public SqlflowPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /** Marks a statement that {@code SQLFLOW RETURNING KEYS} prepared. */
  void keysRequested() {
    keysRequested = true;
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return GeneratedKeysRequest.keysOf(this, keysRequested);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    startRun();
    return super.executeQuery();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    startRun();
    return super.executeLargeUpdate();
  }

  @Override
  public boolean execute() throws SQLException {
    startRun();
    return super.execute();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return BatchFailure.run(super::executeLargeBatch);
  }

  @Override
  public void cancel() throws SQLException {
    serverCancel.cancel();
  }

  @Override
  protected void close_() {
    serverCancel.stopTimeout();
    super.close_();
  }

  private synchronized void startRun() throws SQLException {
    serverCancel.startRun();
    cancelFlag.set(false);
  }

  // JDBC 4 setters Avatica's base class leaves to its subclasses.

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length)
      throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length)
      throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }
}
