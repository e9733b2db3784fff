package org.sqlflow.server.session;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;

/** Avatica's protobuf messages sent by hand, as an attacker would, not through a driver. */
final class RawAvatica {
  private static final ProtobufTranslation TRANSLATION = new ProtobufTranslationImpl();
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI uri;

  RawAvatica(int port) {
    this.uri = URI.create("http://127.0.0.1:" + port + "/");
  }

  Service.Response send(Service.Request request) throws IOException, InterruptedException {
    return send(request, Optional.empty());
  }

  /** Sends {@code request}, with HTTP BASIC credentials {@code user:password} if given. */
  Service.Response send(Service.Request request, Optional<String> basic)
      throws IOException, InterruptedException {
    return post(TRANSLATION.serializeRequest(request), basic);
  }

  Service.Response post(byte[] body, Optional<String> basic)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    basic.ifPresent(
        credentials ->
            builder.header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8))));
    HttpResponse<byte[]> response =
        http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    return TRANSLATION.parseResponse(response.body());
  }
}
