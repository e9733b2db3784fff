package org.apache.calcite.avatica.remote;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.sqlflow.wire.PackedExecute;

/**
 * Sends a prepared statement's execute as a {@link PackedExecute} request, on the same HTTP client
 * as the connection's other requests, and reads an answer that is not packed as Avatica's client
 * does (an error response thrown as its exception).
 */
final class PackedExecuteClient {
  private final AvaticaHttpClient http;
  private final ProtobufTranslation translation = new ProtobufTranslationImpl();

  PackedExecuteClient(AvaticaHttpClient http) {
    this.http = requireNonNull(http, "http");
  }

  /** The server's answer: {@link PackedExecute#isPacked packed}, or Avatica's protobuf. */
  byte[] send(Meta.StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame) {
    List<byte[]> parameters = new ArrayList<>(parameterValues.size());
    for (TypedValue value : parameterValues) {
      parameters.add(value == null ? null : value.toProto().toByteArray());
    }
    return UnreachableServer.send(
        http,
        PackedExecute.write(
            new PackedExecute.Request(h.connectionId, h.id, maxRowsInFirstFrame, parameters)));
  }

  /** An answer that is not packed, as Avatica's: an execute response, or its error thrown. */
  Service.ExecuteResponse avaticaAnswer(byte[] answer) {
    Service.Response response;
    try {
      response = translation.parseResponse(answer);
    } catch (IOException e) {
      throw new IllegalStateException("the server's answer to an execute is not readable", e);
    }
    if (response instanceof Service.ErrorResponse error) {
      throw error.toException();
    }
    if (!(response instanceof Service.ExecuteResponse execute)) {
      throw new IllegalStateException(
          "the server answered an execute with a " + response.getClass().getSimpleName());
    }
    return execute;
  }
}
