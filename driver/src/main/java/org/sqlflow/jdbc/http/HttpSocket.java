package org.sqlflow.jdbc.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

  /** Bytes read from the socket and not yet used: {@code buffer[position..limit)}. */
  private final byte[] buffer = new byte[16 * 1024];

  private int position;
  private int limit;
  private long idleSince = System.nanoTime();
  private long answered;

  HttpSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
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
    boolean arrived;
    try {
      arrived = fill();
    } catch (IOException e) {
      throw new ClosedBeforeAnswerException("the server closed the connection", e);
    }
    if (!arrived) {
      throw new ClosedBeforeAnswerException("the server closed the connection", null);
    }
    HttpAnswer answer = readAnswer(line());
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
    for (String header = line(); !header.isEmpty(); header = line()) {
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
      body = readToEnd();
      keepAlive = false;
    }
    return new HttpAnswer(status, parts.length > 2 ? parts[2] : "", body, keepAlive);
  }

  private byte[] readChunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int extension = size.indexOf(';');
      long n = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {
          // trailers
        }
        return body.toByteArray();
      }
      body.write(readExactly(n));
      line();
    }
  }

  private byte[] readExactly(long length) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("answer of " + length + " bytes is too large");
    }
    byte[] bytes = new byte[(int) length];
    int buffered = Math.min(bytes.length, limit - position);
    System.arraycopy(buffer, position, bytes, 0, buffered);
    position += buffered;
    int read = buffered + in.readNBytes(bytes, buffered, bytes.length - buffered);
    if (read != length) {
      throw new EOFException("answer ended after " + read + " of " + length + " bytes");
    }
    return bytes;
  }

  private byte[] readToEnd() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(buffer, position, limit - position);
    position = limit;
    in.transferTo(body);
    return body.toByteArray();
  }

  /**
   * A header line without its CRLF, read from the buffer: headers arrive in one or two socket
   * reads, so reading them a byte at a time through a stream would cost more than the answer's
   * body.
   */
  private String line() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = position + scanned; i < limit; i++) {
        if (buffer[i] == '\n') {
          int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
          position = i + 1;
          return line;
        }
      }
      scanned = limit - position;
      if (scanned >= MAX_LINE) {
        throw new IOException("answer header line longer than " + MAX_LINE + " characters");
      }
      if (!fill()) {
        throw new EOFException("answer ended inside its headers");
      }
    }
  }

  /**
   * Reads more bytes after those not yet used, first moving those to the buffer's start; false at
   * the end of the stream.
   */
  private boolean fill() throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      limit -= position;
      position = 0;
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      return false;
    }
    limit += n;
    return true;
  }
}
