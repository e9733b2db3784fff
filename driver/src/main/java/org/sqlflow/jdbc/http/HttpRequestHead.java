package org.sqlflow.jdbc.http;

import java.net.URL;
import java.nio.charset.StandardCharsets;

/** The request line and headers of Avatica's POST, for a body of a given length. */
final class HttpRequestHead {
  private final String fixed;

  HttpRequestHead(URL url, String authorization) {
    String path = url.getPath().isEmpty() ? "/" : url.getPath();
    int port = url.getPort() < 0 ? url.getDefaultPort() : url.getPort();
    fixed =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + url.getHost()
            + ":"
            + port
            + "\r\nContent-Type: application/octet-stream\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "Content-Length: ";
  }

  byte[] bytes(int bodyLength) {
    return (fixed + bodyLength + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }
}
