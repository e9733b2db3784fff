package org.apache.calcite.avatica.remote;

import java.util.Map;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Builds the SQLFlow driver's client {@link Meta}. Lives in Avatica's package because
 * {@code RemoteMeta} and the driver's service construction are package-private.
 */
public final class SqlflowRemoteMetaFactory {
  private SqlflowRemoteMetaFactory() {}

  public static Meta create(Driver driver, AvaticaConnection connection) {
    Service service = driver.createService(connection, connection.config());
    connection.setService(service);
    return new SqlflowRemoteMeta(connection, service);
  }

  /** The server's database properties (the backing database's product name among them). */
  public static Map<Meta.DatabaseProperty, Object> databaseProperties(
      AvaticaConnection connection) {
    Service.DatabasePropertyResponse response = connection.getService()
        .apply(new Service.DatabasePropertyRequest(connection.handle.id));
    return response.map;
  }
}
