package org.apache.calcite.avatica.remote;

import com.google.protobuf.Message;

/**
 * What the protocol layer uses of Avatica's package-private response serialization: a response's
 * protobuf message, which the protocol layer amends before it is written.
 */
public final class ResponseMessages {
  private ResponseMessages() {}

  public static Message of(Service.Response response) {
    return response.serialize();
  }
}
