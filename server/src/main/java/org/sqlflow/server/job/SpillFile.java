package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Log rows moved out of memory, stored as length-prefixed UTF-8 records in one file. The byte
 * position of every {@value #STRIDE}th row is kept so any row can be found again by reading at most
 * {@value #STRIDE} records. Appends come from one writer; reads may run concurrently with it
 * because they only touch rows that were completely written before.
 */
final class SpillFile implements Closeable {
  static final int STRIDE = 128;

  private final Path path;
  private final FileChannel channel;
  private long[] positions = new long[64];
  private long rows;
  private long end;

  SpillFile(Path path) throws IOException {
    this.path = path;
    this.channel =
        FileChannel.open(
            path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
  }

  Path path() {
    return path;
  }

  /** Appends rows after those already stored. */
  void append(List<String> batch) throws IOException {
    List<byte[]> encoded = new ArrayList<>(batch.size());
    int size = 0;
    for (String row : batch) {
      byte[] bytes = row.getBytes(UTF_8);
      encoded.add(bytes);
      size += Integer.BYTES + bytes.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    long[] newPositions = new long[encoded.size()];
    int count = 0;
    for (byte[] bytes : encoded) {
      newPositions[count++] = end + buffer.position();
      buffer.putInt(bytes.length).put(bytes);
    }
    buffer.flip();
    long at = end;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
    synchronized (this) {
      for (int i = 0; i < count; i++) {
        long row = rows + i;
        if (row % STRIDE == 0) {
          int slot = Math.toIntExact(row / STRIDE);
          if (slot == positions.length) {
            positions = Arrays.copyOf(positions, positions.length * 2);
          }
          positions[slot] = newPositions[i];
        }
      }
      rows += count;
      end = at;
    }
  }

  /** Rows {@code [first, first + count)}, all of which must have been appended. */
  List<String> read(long first, int count) throws IOException {
    long position;
    synchronized (this) {
      if (first < 0 || count < 0 || first + count > rows) {
        throw new IllegalArgumentException(
            "rows [" + first + ", " + (first + count) + ") are not all in " + path);
      }
      position = positions[Math.toIntExact(first / STRIDE)];
    }
    List<String> result = new ArrayList<>(count);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(new ChannelInput(channel, position), 65536))) {
      for (long skip = first % STRIDE; skip > 0; skip--) {
        in.skipNBytes(in.readInt());
      }
      for (int i = 0; i < count; i++) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        result.add(new String(bytes, UTF_8));
      }
    } catch (EOFException e) {
      throw new IOException("spill file " + path + " is shorter than its index", e);
    }
    return result;
  }

  /** Closes and deletes the file. */
  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(path);
    }
  }

  /** Reads the channel from a position of its own, leaving the channel's position alone. */
  private static final class ChannelInput extends InputStream {
    private final FileChannel channel;
    private long position;

    ChannelInput(FileChannel channel, long position) {
      this.channel = channel;
      this.position = position;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      int n = channel.read(ByteBuffer.wrap(target, offset, length), position);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public void close() {
      // The channel belongs to the spill file.
    }
  }
}
