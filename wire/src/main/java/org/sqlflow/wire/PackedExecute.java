package org.sqlflow.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A prepared statement's execute, and a result of it that fits in one packed frame, in bytes of
 * SQLFlow's own instead of Avatica's protobuf envelope and messages: for a point query those cost
 * both sides more than the query's row. Both start with a zero byte, which no message of Avatica's
 * protobuf serialization starts with (its envelope opens with field 1, byte 0x0A), so the server
 * tells them from Avatica's requests and the driver from Avatica's answers: whatever the server
 * cannot answer this way (an update count, a result whose signature changed, an error) it answers
 * as Avatica does.
 */
public final class PackedExecute {
  private static final byte MARK = 0;
  private static final byte VERSION = 1;

  /** A parameter value as its own bytes (Avatica's TypedValue message), or null when unbound. */
  public record Request(
      String connectionId, int statementId, int maxRowsInFirstFrame, List<byte[]> parameters) {
    public Request {
      Objects.requireNonNull(connectionId, "connectionId");
      parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }
  }

  /**
   * A result's only frame, which starts at row 0.
   *
   * @param rows the frame's {@link PackedRows}
   */
  public record Answer(int statementId, boolean ownStatement, boolean done, byte[] rows) {
    public Answer {
      Objects.requireNonNull(rows, "rows");
    }
  }

  private PackedExecute() {}

  /** Whether {@code message} is one of these rather than one of Avatica's. */
  public static boolean isPacked(byte[] message) {
    return message.length >= 2 && message[0] == MARK && message[1] == VERSION;
  }

  public static byte[] write(Request request) {
    return written(
        out -> {
          writeBytes(out, request.connectionId().getBytes(StandardCharsets.UTF_8));
          out.writeInt(request.statementId());
          out.writeInt(request.maxRowsInFirstFrame());
          out.writeInt(request.parameters().size());
          for (byte[] parameter : request.parameters()) {
            writeBytes(out, parameter);
          }
        });
  }

  public static byte[] write(Answer answer) {
    return written(
        out -> {
          out.writeInt(answer.statementId());
          out.writeBoolean(answer.ownStatement());
          out.writeBoolean(answer.done());
          writeBytes(out, answer.rows());
        });
  }

  /** Fails with IllegalArgumentException on bytes that are not a whole request. */
  public static Request readRequest(byte[] message) {
    return read(
        message,
        in -> {
          String connectionId = new String(readBytes(in, false), StandardCharsets.UTF_8);
          int statementId = in.readInt();
          int maxRows = in.readInt();
          int count = in.readInt();
          if (count < 0 || count > in.available()) {
            throw new IllegalArgumentException("bad parameter count " + count);
          }
          List<byte[]> parameters = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            parameters.add(readBytes(in, true));
          }
          return new Request(connectionId, statementId, maxRows, parameters);
        });
  }

  /** Fails with IllegalArgumentException on bytes that are not a whole answer. */
  public static Answer readAnswer(byte[] message) {
    return read(
        message,
        in -> new Answer(in.readInt(), in.readBoolean(), in.readBoolean(), readBytes(in, false)));
  }

  private interface Writing {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reading<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] written(Writing writing) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(MARK);
      out.writeByte(VERSION);
      writing.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] message, Reading<T> reading) {
    if (!isPacked(message)) {
      throw new IllegalArgumentException("not a packed execute message");
    }
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(message, 2, message.length - 2))) {
      T value = reading.read(in);
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the message");
      }
      return value;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated packed execute message", e);
    }
  }

  /** Length, then the bytes; -1 for null. */
  private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputStream in, boolean nullable) throws IOException {
    int length = in.readInt();
    if (length == -1 && nullable) {
      return null;
    }
    if (length < 0 || length > in.available()) {
      throw new IllegalArgumentException("bad length " + length);
    }
    return in.readNBytes(length);
  }
}
