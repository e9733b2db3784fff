package org.apache.calcite.avatica.remote;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaInternals;
import org.apache.calcite.avatica.CursorColumns;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.sqlflow.wire.PackedExecute;

/**
 * Avatica's remote {@code Meta} with a result iterator that does not look ahead: a row is handed to
 * {@code ResultSet.next()} as soon as the server has sent it, instead of when the row after it (or
 * the end) exists. For a training log that arrives line by line, this is the difference between
 * seeing an epoch when it ends and seeing it one epoch late.
 */
class SqlflowRemoteMeta extends RemoteMeta {

  /** Sends executes of prepared statements in packed bytes; null when the connection cannot. */
  private final PackedExecuteClient packedExecutes;

  SqlflowRemoteMeta(
      AvaticaConnection connection, Service service, PackedExecuteClient packedExecutes) {
    super(connection, service);
    this.packedExecutes = packedExecutes;
  }

  /**
   * Executes a prepared statement without sending its signature back to the server, which keeps its
   * own; a result that comes without a signature has the columns the statement's prepare announced
   * (see {@code PackedRows.PACKED}), which Avatica's client would read as a result of no columns. A
   * statement whose results are packed sends its execute in {@link org.sqlflow.wire.PackedExecute}
   * bytes, and reads a packed answer the same way.
   */
  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    Signature prepared = AvaticaInternals.preparedSignature(connection, h);
    boolean packed = packedExecutes != null && CursorColumns.packed(prepared);
    try {
      return connection.invokeWithRetries(
          () -> {
            Service.ExecuteResponse response;
            if (packed) {
              byte[] answer = packedExecutes.send(h, parameterValues, maxRowsInFirstFrame);
              if (PackedExecute.isPacked(answer)) {
                return resultOf(h, PackedExecute.readAnswer(answer), prepared);
              }
              response = packedExecutes.avaticaAnswer(answer);
            } else {
              response =
                  service.apply(
                      new Service.ExecuteRequest(
                          new StatementHandle(h.connectionId, h.id, null),
                          parameterValues,
                          maxRowsInFirstFrame));
            }
            if (response.missingStatement) {
              throw new IllegalStateException(new NoSuchStatementException(h));
            }
            List<MetaResultSet> results = new ArrayList<>(response.results.size());
            for (Service.ResultSetResponse result : response.results) {
              results.add(resultOf(h, result, prepared));
            }
            return new ExecuteResult(results);
          });
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof NoSuchStatementException missing) {
        throw missing;
      }
      throw e;
    }
  }

  private static ExecuteResult resultOf(
      StatementHandle h, PackedExecute.Answer answer, Signature prepared) {
    // One row of one value, the packed rows, as Avatica's client reads a packed frame.
    Frame frame =
        new Frame(0, answer.done(), List.of(Collections.<Object>singletonList(answer.rows())));
    return new ExecuteResult(
        List.of(
            MetaResultSet.create(
                h.connectionId, answer.statementId(), answer.ownStatement(), prepared, frame)));
  }

  private static MetaResultSet resultOf(
      StatementHandle h, Service.ResultSetResponse result, Signature prepared) {
    if (result.updateCount != -1) {
      return MetaResultSet.count(result.connectionId, result.statementId, result.updateCount);
    }
    return MetaResultSet.create(
        result.connectionId,
        result.statementId,
        result.ownStatement,
        result.signature != null ? result.signature : prepared,
        result.firstFrame);
  }

  @Override
  public Iterable<Object> createIterable(
      StatementHandle handle,
      QueryState state,
      Signature signature,
      List<TypedValue> parameterValues,
      Frame firstFrame) {
    if (firstFrame != null && firstFrame.done) {
      return firstFrame.rows;
    }
    return () -> new LazyFetchIterator(handle, firstFrame);
  }

  /** Fetches the next frame only when asked whether there is a next row. */
  private final class LazyFetchIterator implements Iterator<Object> {
    private final StatementHandle handle;
    private Frame frame;
    private Iterator<Object> rows;
    private long offset;

    LazyFetchIterator(StatementHandle handle, Frame firstFrame) {
      this.handle = handle;
      this.frame = firstFrame == null ? Frame.MORE : firstFrame;
      this.rows = frame.rows.iterator();
      this.offset = frame.offset;
    }

    @Override
    public boolean hasNext() {
      while (!rows.hasNext()) {
        if (frame.done) {
          return false;
        }
        try {
          // The server long-polls: it answers as soon as a row exists, or with an empty
          // not-done frame after its heartbeat interval.
          frame = fetch(handle, offset, AvaticaInternals.fetchSize(connection, handle));
        } catch (NoSuchStatementException | MissingResultsException e) {
          throw new IllegalStateException(
              "the server no longer knows statement " + handle.id + ": " + e.getMessage(), e);
        }
        if (frame == null) {
          frame = Frame.EMPTY;
        }
        rows = frame.rows.iterator();
      }
      return true;
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      offset++;
      return rows.next();
    }
  }
}
