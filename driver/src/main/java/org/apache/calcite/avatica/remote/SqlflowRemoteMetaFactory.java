package org.apache.calcite.avatica.remote;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.Meta;

/**
 * Builds the SQLFlow driver's client {@link Meta}. Lives in Avatica's package because {@code
 * RemoteMeta} and the driver's service construction are package-private.
 */
public final class SqlflowRemoteMetaFactory {
  private SqlflowRemoteMetaFactory() {}

  public static Meta create(Driver driver, AvaticaConnection connection) {
    ConnectionConfig config = connection.config();
    if (config.factory() != null
        || config.url() == null
        || driver.getSerialization(config) != Driver.Serialization.PROTOBUF) {
      Service service = UnreachableServer.guard(driver.createService(connection, config));
      connection.setService(service);
      return new SqlflowRemoteMeta(connection, service, null);
    }
    // As Avatica's createService, keeping the HTTP client for executes in packed bytes.
    AvaticaHttpClient http = driver.getHttpClient(connection, config);
    Service service =
        UnreachableServer.guard(new RemoteProtobufService(http, new ProtobufTranslationImpl()));
    connection.setService(service);
    return new SqlflowRemoteMeta(connection, service, new PackedExecuteClient(http));
  }

  /**
   * A round trip that needs the server to know the connection and to reach the backing database (it
   * reads the backing connection's properties): false after a restart.
   */
  public static boolean isAlive(AvaticaConnection connection) {
    try {
      connection
          .getService()
          .apply(
              new Service.ConnectionSyncRequest(
                  connection.handle.id, new org.apache.calcite.avatica.ConnectionPropertiesImpl()));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Asks the server to stop what {@code statement} runs: its job, or its query in the backing
   * database. Sent straight on the connection's service, under the statement's own handle, because
   * a new statement would need the backing connection, which the running query holds.
   */
  public static void killStatement(
      AvaticaConnection connection, Meta.StatementHandle statement, boolean timedOut) {
    connection
        .getService()
        .apply(
            new Service.PrepareAndExecuteRequest(
                connection.handle.id,
                statement.id,
                "KILL JOB FOR STATEMENT " + statement.id + (timedOut ? " TIMEOUT" : ""),
                -1,
                -1));
  }
}
