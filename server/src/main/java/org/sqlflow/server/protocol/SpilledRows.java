package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.sqlflow.wire.PackedRows;

/**
 * The rest of a streamed result that did not end in its first frame (see {@link CursorChoice}),
 * read off the database at once into a temporary file of packed frames: the database connection is
 * free again when the execute returns, and the heap holds one frame at a time. Fetches then read
 * the file in order, as packed frames or, for clients that read Avatica's frames, as rows.
 */
final class SpilledRows implements AutoCloseable {
  /** Rows asked of each spilled frame; a packed frame also grows to its byte size. */
  private static final int FRAME_ROWS = 1000;

  private final String connectionId;
  private final boolean packedClient;
  private final Path file;
  private final DataInputStream in;
  private int framesLeft;
  private Iterator<Object> rowsOfFrame = Collections.emptyIterator();

  private SpilledRows(String connectionId, boolean packedClient, Path file, int frames)
      throws IOException {
    this.connectionId = requireNonNull(connectionId, "connectionId");
    this.packedClient = packedClient;
    this.file = file;
    this.framesLeft = frames;
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  /**
   * Reads the rest of {@code rs} into a file in {@code directory} (which the server empties when it
   * starts, so a crash leaves no file for ever), encoded as {@code encoding} reads values.
   */
  static SpilledRows drain(
      Path directory, String connectionId, ResultEncoding encoding, ResultSet rs)
      throws SQLException {
    ResultEncoding packed = encoding.packed();
    Path file;
    try {
      file = Files.createTempFile(directory, "result-", ".rows");
    } catch (IOException e) {
      throw new SQLException("cannot spill a large result: " + e.getMessage(), "HY000", e);
    }
    try {
      int frames = 0;
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
        Meta.Frame frame;
        do {
          frame = packed.frame(null, rs, 0, FRAME_ROWS);
          byte[] bytes = PackedFrame.packedRowsOf(frame);
          if (bytes != null) {
            out.writeInt(bytes.length);
            out.write(bytes);
            frames++;
          }
        } while (!frame.done);
      }
      return new SpilledRows(connectionId, encoding.isPacked(), file, frames);
    } catch (IOException e) {
      delete(file);
      throw new SQLException("cannot spill a large result: " + e.getMessage(), "HY000", e);
    } catch (SQLException | RuntimeException | Error e) {
      delete(file);
      throw e;
    }
  }

  String connectionId() {
    return connectionId;
  }

  /** The next frame: one packed frame, or up to {@code maxRows} rows (all when negative). */
  Meta.Frame next(long offset, int maxRows) {
    try {
      if (packedClient) {
        if (framesLeft == 0) {
          return PackedFrame.frame(offset, true, null);
        }
        byte[] packed = readFrame();
        return PackedFrame.frame(offset, framesLeft == 0, packed);
      }
      List<Object> rows = new ArrayList<>();
      while (maxRows < 0 || rows.size() < maxRows) {
        if (!rowsOfFrame.hasNext()) {
          if (framesLeft == 0) {
            break;
          }
          rowsOfFrame = PackedRows.read(readFrame()).iterator();
        }
        rows.add(((List<?>) rowsOfFrame.next()).toArray());
      }
      return new Meta.Frame(offset, framesLeft == 0 && !rowsOfFrame.hasNext(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a spilled result", e);
    }
  }

  private byte[] readFrame() throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    framesLeft--;
    return bytes;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Deleting it is what matters.
    }
    delete(file);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
