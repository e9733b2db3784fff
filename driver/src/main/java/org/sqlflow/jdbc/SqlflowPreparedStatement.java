package org.sqlflow.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement whose {@code cancel()} and query timeout stop the work on the server, as
 * {@link SqlflowStatement}'s do (tools such as DBeaver may prepare what the user runs).
 */
public class SqlflowPreparedStatement extends AvaticaPreparedStatement {
  private final ServerCancel serverCancel = new ServerCancel(this, super::cancel);
  private final ServerWarnings warnings = new ServerWarnings(this);

  /** Whether it was prepared asking the database for generated keys. */
  private volatile boolean keysRequested;

  public SqlflowPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
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
    try {
      return super.executeQuery();
    } catch (SQLException e) {
      throw ServerErrors.unwrap(e, null);
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    startRun();
    try {
      return super.executeLargeUpdate();
    } catch (SQLException e) {
      throw ServerErrors.unwrap(e, null);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    startRun();
    try {
      return super.execute();
    } catch (SQLException e) {
      throw ServerErrors.unwrap(e, null);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return BatchFailure.run(super::executeLargeBatch);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    super.getWarnings(); // checks that the statement is open
    return warnings.get();
  }

  @Override
  public void clearWarnings() throws SQLException {
    super.clearWarnings();
    warnings.clear();
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    long[] count = {-1};
    openResultSet = ServerMoreResults.next(this, openResultSet, current, count);
    updateCount = count[0];
    return openResultSet != null;
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
    warnings.executed();
  }

  // JDBC 4 setters Avatica's base class leaves to its subclasses, and the value kinds its own
  // setters drop or refuse (see ParameterValues).

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    super.setObject(parameterIndex, ParameterValues.bindable(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    Object value = ParameterValues.bindable(x);
    if (value != x) {
      super.setObject(parameterIndex, value);
    } else {
      super.setObject(parameterIndex, x, targetSqlType);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    Object value = ParameterValues.bindable(x);
    if (x == null) {
      setNull(parameterIndex, targetSqlType);
    } else if (value instanceof java.io.InputStream in) {
      setBytes(parameterIndex, ParameterValues.bytes(in, scaleOrLength));
    } else if (value instanceof Reader reader) {
      setString(parameterIndex, ParameterValues.text(reader, scaleOrLength));
    } else {
      // Avatica's client ignores this form entirely; the value's own type says enough.
      setObject(parameterIndex, value, targetSqlType);
    }
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x) throws SQLException {
    setObject(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, java.sql.Timestamp x, java.util.Calendar cal)
      throws SQLException {
    setObject(parameterIndex, x);
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    setString(parameterIndex, value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    setString(parameterIndex, ParameterValues.text(value, length));
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    setString(parameterIndex, ParameterValues.text(value, -1));
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    setClob(parameterIndex, value);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, length));
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, -1));
  }

  @Override
  public void setClob(int parameterIndex, java.sql.Clob x) throws SQLException {
    setString(parameterIndex, x == null ? null : x.getSubString(1, Math.toIntExact(x.length())));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, length));
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, -1));
  }

  @Override
  public void setBlob(int parameterIndex, java.sql.Blob x) throws SQLException {
    setBytes(parameterIndex, x == null ? null : x.getBytes(1, Math.toIntExact(x.length())));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    setBytes(parameterIndex, ParameterValues.bytes(inputStream, length));
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    setBytes(parameterIndex, ParameterValues.bytes(inputStream, -1));
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    setString(parameterIndex, xmlObject == null ? null : xmlObject.getString());
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    setString(parameterIndex, ParameterValues.ascii(x, length));
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    setAsciiStream(parameterIndex, x, (long) length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    setString(parameterIndex, ParameterValues.ascii(x, -1));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    setBytes(parameterIndex, ParameterValues.bytes(x, length));
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    setBinaryStream(parameterIndex, x, (long) length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    setBytes(parameterIndex, ParameterValues.bytes(x, -1));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, length));
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    setCharacterStream(parameterIndex, reader, (long) length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    setString(parameterIndex, ParameterValues.text(reader, -1));
  }
}
