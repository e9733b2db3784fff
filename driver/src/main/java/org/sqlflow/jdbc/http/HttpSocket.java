package org.sqlflow.jdbc.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Locale;

/** One open connection to the server: writes a request, reads its answer, and knows its age. */
final class HttpSocket {
  /** The socket failed before any byte of an answer: the server closed it while it was idle. */
  static final class ClosedBeforeAnswerException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedBeforeAnswerException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A request this size or smaller leaves in one write, headers and body together. */
  private static final int ONE_WRITE_BYTES = 64 * 1024;

  private static final int MAX_LINE = 8192;

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private long idleSince = System.nanoTime();
  private long answered;

  HttpSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = socket.getOutputStream();
  }

  /** How many answers this socket has carried. */
  long answered() {
    return answered;
  }

  long idleNanos() {
    return System.nanoTime() - idleSince;
  }

  HttpAnswer exchange(HttpRequestHead head, byte[] body) throws IOException {
    write(head.bytes(body.length), body);
    int first;
    try {
      first = in.read();
    } catch (IOException e) {
      throw new ClosedBeforeAnswerException("the server closed the connection", e);
    }
    if (first < 0) {
      throw new ClosedBeforeAnswerException("the server closed the connection", null);
    }
    String status = line((char) first + "");
    HttpAnswer answer = readAnswer(status);
    idleSince = System.nanoTime();
    answered++;
    return answer;
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is all that is left to do with it.
    }
  }

  private void write(byte[] head, byte[] body) throws IOException {
    try {
      if (head.length + body.length <= ONE_WRITE_BYTES) {
        byte[] both = new byte[head.length + body.length];
        System.arraycopy(head, 0, both, 0, head.length);
        System.arraycopy(body, 0, both, head.length, body.length);
        out.write(both);
      } else {
        out.write(head);
        out.write(body);
      }
      out.flush();
    } catch (IOException e) {
      // Nothing of the request can have been acted on: the server reads a body whole first.
      throw new ClosedBeforeAnswerException("the server closed the connection", e);
    }
  }

  private HttpAnswer readAnswer(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK"
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line: " + statusLine, e);
    }
    long length = -1;
    boolean chunked = false;
    boolean keepAlive = !parts[0].equals("HTTP/1.0");
    for (String header = line(""); !header.isEmpty(); header = line("")) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" -> keepAlive = !value.contains("close");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunks();
    } else if (length >= 0) {
      body = readExactly(length);
    } else {
      body = in.readAllBytes();
      keepAlive = false;
    }
    return new HttpAnswer(status, parts.length > 2 ? parts[2] : "", body, keepAlive);
  }

  private byte[] readChunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line("");
      int extension = size.indexOf(';');
      long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      if (n == 0) {
        while (!line("").isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(readExactly(n));
      line("");
    }
  }

  private byte[] readExactly(long length) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("answer of " + length + " bytes is too large");
    }
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length) {
      throw new EOFException("answer ended after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** A header line without its CRLF; {@code start} is what was already read of it. */
  private String line(String start) throws IOException {
    StringBuilder line = new StringBuilder(start);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("answer ended inside its headers");
      }
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r'
            ? line.substring(0, end - 1)
            : line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("answer header line longer than " + MAX_LINE + " characters");
      }
      line.append((char) c);
    }
  }
}
