package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.sqlflow.server.session.ClientSessions;
import org.sqlflow.server.session.HttpCredentials;

/**
 * Checks every Avatica request before it reaches the protocol layer: its connection id must be open
 * and the requester's (HTTP credentials, when sent, must be that connection's login), and a
 * statement id must have been given out on that same connection. Statement ids are learnt from the
 * responses that hand them out (create, prepare, execute, catalog calls), so nothing that does not
 * go through here can be used.
 */
public final class SessionGuard implements Service {
  private static final int NONE = -1;

  private final Service delegate;
  private final ClientSessions sessions;

  public SessionGuard(Service delegate, ClientSessions sessions) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.sessions = requireNonNull(sessions, "sessions");
  }

  @Override
  public OpenConnectionResponse apply(OpenConnectionRequest request) {
    // Logging in is the protocol layer's openConnection (ClientLogins): no session exists yet.
    return delegate.apply(request);
  }

  @Override
  public CloseConnectionResponse apply(CloseConnectionRequest request) {
    CloseConnectionResponse response =
        checked(request.connectionId, NONE, () -> delegate.apply(request));
    sessions.closed(request.connectionId);
    return response;
  }

  @Override
  public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
    return checked(request.connectionId, NONE, () -> delegate.apply(request));
  }

  @Override
  public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
    return checked(request.connectionId, NONE, () -> delegate.apply(request));
  }

  @Override
  public CommitResponse apply(CommitRequest request) {
    return checked(request.connectionId, NONE, () -> delegate.apply(request));
  }

  @Override
  public RollbackResponse apply(RollbackRequest request) {
    return checked(request.connectionId, NONE, () -> delegate.apply(request));
  }

  @Override
  public CreateStatementResponse apply(CreateStatementRequest request) {
    CreateStatementResponse response =
        checked(request.connectionId, NONE, () -> delegate.apply(request));
    sessions.bindStatement(request.connectionId, response.statementId);
    return response;
  }

  @Override
  public CloseStatementResponse apply(CloseStatementRequest request) {
    CloseStatementResponse response =
        checked(request.connectionId, request.statementId, () -> delegate.apply(request));
    sessions.statementClosed(request.connectionId, request.statementId);
    return response;
  }

  @Override
  public PrepareResponse apply(PrepareRequest request) {
    PrepareResponse response = checked(request.connectionId, NONE, () -> delegate.apply(request));
    sessions.bindStatement(request.connectionId, response.statement.id);
    return response;
  }

  @Override
  public ExecuteResponse apply(PrepareAndExecuteRequest request) {
    return bound(
        request.connectionId,
        checked(request.connectionId, request.statementId, () -> delegate.apply(request)));
  }

  @Override
  public ExecuteResponse apply(ExecuteRequest request) {
    String connectionId = request.statementHandle.connectionId;
    return bound(
        connectionId,
        checked(connectionId, request.statementHandle.id, () -> delegate.apply(request)));
  }

  @Override
  public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
    return checked(request.connectionId, request.statementId, () -> delegate.apply(request));
  }

  @Override
  public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
    return checked(request.connectionId, request.statementId, () -> delegate.apply(request));
  }

  @Override
  public FetchResponse apply(FetchRequest request) {
    return checked(request.connectionId, request.statementId, () -> delegate.apply(request));
  }

  @Override
  public SyncResultsResponse apply(SyncResultsRequest request) {
    return checked(request.connectionId, request.statementId, () -> delegate.apply(request));
  }

  @Override
  public ResultSetResponse apply(CatalogsRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public ResultSetResponse apply(SchemasRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public ResultSetResponse apply(TablesRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public ResultSetResponse apply(TableTypesRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public ResultSetResponse apply(TypeInfoRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public ResultSetResponse apply(ColumnsRequest request) {
    return bound(checked(request.connectionId, NONE, () -> delegate.apply(request)));
  }

  @Override
  public void setRpcMetadata(RpcMetadataResponse metadata) {
    delegate.setRpcMetadata(metadata);
  }

  private <T> T checked(String connectionId, int statementId, Supplier<T> call) {
    try {
      sessions.use(connectionId, HttpCredentials.current());
      if (statementId != NONE) {
        sessions.requireStatement(connectionId, statementId);
      }
    } catch (SQLException e) {
      throw new AvaticaRuntimeException(e.getMessage(), -1, e.getSQLState(), AvaticaSeverity.ERROR);
    }
    return call.get();
  }

  /** A catalog call answers with a fresh statement the client may fetch from. */
  private ResultSetResponse bound(ResultSetResponse response) {
    if (response.connectionId != null) {
      sessions.bindStatement(response.connectionId, response.statementId);
    }
    return response;
  }

  private ExecuteResponse bound(String connectionId, ExecuteResponse response) {
    if (response.results != null) {
      for (ResultSetResponse result : response.results) {
        sessions.bindStatement(connectionId, result.statementId);
      }
    }
    return response;
  }
}
