package org.apache.calcite.avatica.remote;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;

/**
 * Gives a request that never reached the server (refused, reset, timed out) SQLState 08S01,
 * "communication link failure", which pools read as "this connection is dead". Avatica's client
 * reports it as an exception with no SQLState at all.
 */
final class UnreachableServer {
  static final String COMMUNICATION_LINK_FAILURE = "08S01";

  private UnreachableServer() {}

  static Service guard(Service service) {
    return (Service)
        Proxy.newProxyInstance(
            Service.class.getClassLoader(),
            new Class<?>[] {Service.class},
            (proxy, method, args) -> {
              try {
                return method.invoke(service, args);
              } catch (InvocationTargetException e) {
                throw translate(e.getCause());
              }
            });
  }

  /** Sends {@code request} with {@code http}, a failure to reach the server translated as above. */
  static byte[] send(AvaticaHttpClient http, byte[] request) {
    try {
      return http.send(request);
    } catch (RuntimeException e) {
      throw translate(e) instanceof RuntimeException translated ? translated : e;
    }
  }

  private static Throwable translate(Throwable failure) {
    if (failure instanceof AvaticaClientRuntimeException) {
      return failure;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return new AvaticaClientRuntimeException(
            "cannot reach the SQLFlow server: " + t,
            -1,
            COMMUNICATION_LINK_FAILURE,
            AvaticaSeverity.ERROR,
            List.of(),
            null);
      }
    }
    return failure;
  }
}
