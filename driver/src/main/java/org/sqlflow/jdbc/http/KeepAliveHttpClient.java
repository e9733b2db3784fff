package org.sqlflow.jdbc.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.HttpClientPoolConfigurable;
import org.apache.calcite.avatica.remote.UsernamePasswordAuthenticateable;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;

/**
 * Avatica's one exchange, a POST of a protobuf request answered with a protobuf response, on
 * HTTP/1.1 sockets kept open between requests. Avatica's default client (HttpClient 5) spends on
 * its execution chain per request about as long as the server spends on a point query; this one
 * writes the request in one go and reads the answer by its length. Logins are BASIC, sent with
 * every request (the SQLFlow server knows no other scheme); TLS follows Avatica's truststore,
 * keystore and hostname_verification properties; http_connection_timeout and http_response_timeout
 * bound connecting and waiting for an answer.
 *
 * <p>Avatica builds one per connection and configures it before the first request. A connection's
 * requests may overlap (a cancel while a query runs, a prefetch while the application reads), so
 * each takes a socket of its own from the idle ones, or opens one.
 */
public final class KeepAliveHttpClient
    implements AvaticaHttpClient, HttpClientPoolConfigurable, UsernamePasswordAuthenticateable {
  private final URL url;
  private volatile HttpSockets sockets;
  // Built once per login rather than per request: only the body's length varies.
  private volatile HttpRequestHead head;

  public KeepAliveHttpClient(URL url) {
    String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("not an HTTP URL: " + url);
    }
    this.url = url;
    this.sockets = HttpSockets.plain(url, HttpSockets.DEFAULT_TIMEOUT, HttpSockets.DEFAULT_TIMEOUT);
    this.head = new HttpRequestHead(url, null);
  }

  /** Avatica hands over its connection pool too; this client keeps sockets of its own. */
  @Override
  public void setHttpClientPool(PoolingHttpClientConnectionManager pool, ConnectionConfig config) {
    sockets = HttpSockets.of(url, config);
  }

  @Override
  public void setUsernamePassword(AuthenticationType type, String username, String password) {
    if (type != AuthenticationType.BASIC) {
      throw new IllegalArgumentException(
          "authentication=" + type + " is not supported: the SQLFlow server takes BASIC logins");
    }
    String pair = username + ":" + password;
    head =
        new HttpRequestHead(
            url,
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends {@code request} and returns the server's answer: a response, or an error response (HTTP
   * 500). A kept-alive socket that the server closed meanwhile fails before any answer arrives; the
   * request then goes again on another socket, as Avatica's own client retries it.
   */
  @Override
  public byte[] send(byte[] request) {
    HttpSockets pool = sockets;
    HttpRequestHead head = this.head;
    while (true) {
      HttpSocket socket = null;
      try {
        socket = pool.take();
        boolean reused = socket.answered() > 0;
        HttpAnswer answer;
        try {
          answer = socket.exchange(head, request);
        } catch (HttpSocket.ClosedBeforeAnswerException e) {
          if (reused) {
            socket.close();
            continue;
          }
          throw e;
        }
        if (answer.keepAlive()) {
          pool.giveBack(socket);
        } else {
          socket.close();
        }
        return answer.avaticaBody();
      } catch (IOException e) {
        if (socket != null) {
          socket.close();
        }
        throw new UncheckedIOException(e);
      }
    }
  }
}
