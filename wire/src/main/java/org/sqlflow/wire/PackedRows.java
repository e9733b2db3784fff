package org.sqlflow.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one result frame packed into a single byte array, which SQLFlow's driver and server
 * negotiate instead of Avatica's frame of one protobuf message per value. Avatica writes every
 * value twice (as the scalar and as the deprecated list) inside three nested messages, and its
 * client finds out which by reflection; a frame of a thousand ten-column rows is then some forty
 * thousand messages on each side. Packed, it is one value, written and read in one pass, and the
 * server sends it as one protobuf bytes value (not through Avatica's serializer, which would write
 * it twice).
 *
 * <p>The values are the Java classes Avatica's own frame carries to the client (Long, Integer,
 * Double, Float, BigDecimal, String, byte[], Boolean, null), so the client's cursor reads them
 * exactly as it would have read Avatica's frame.
 */
public final class PackedRows {
  /** The connection property SQLFlow's driver sends to ask for packed frames. */
  public static final String PROPERTY = "sqlflow_frames";

  /**
   * Its value for packed frames, and for results of prepared statements sent without their
   * signature when it is the one the statement's prepare announced (the driver then reads them with
   * that one). The version is in the value: a driver and a server that do not speak the same
   * version fall back to Avatica's frames and signatures instead of misreading each other.
   */
  public static final String PACKED = "packed3";

  /** Its value for Avatica's own frames (what stock clients get). */
  public static final String AVATICA = "avatica";

  /**
   * The field name the server puts in a result signature's cursor factory when that result's frames
   * are packed: each frame then holds one row of one value, the packed string.
   */
  public static final String MARKER = "sqlflow:packed-rows:2";

  /** Whether a result's cursor field names carry {@link #MARKER}: its frames are packed. */
  public static boolean marks(List<String> cursorFieldNames) {
    return cursorFieldNames != null && cursorFieldNames.contains(MARKER);
  }

  private static final byte NULL = 0;
  private static final byte LONG = 1;
  private static final byte INT = 2;
  private static final byte DOUBLE = 3;
  private static final byte FLOAT = 4;
  private static final byte DECIMAL = 5;
  private static final byte BIG_DECIMAL = 6;
  private static final byte STRING = 7;
  private static final byte BYTES = 8;
  private static final byte TRUE = 9;
  private static final byte FALSE = 10;

  private PackedRows() {}

  /** Packs rows one value at a time; {@link #finish} returns the packed bytes. */
  public static final class Writer {
    private final int columns;

    /** Starts small: most frames of a point query's result hold one short row. */
    private byte[] buffer = new byte[256];

    private int length;
    private int rows;
    private int valuesInRow;

    public Writer(int columns) {
      if (columns < 0) {
        throw new IllegalArgumentException("columns " + columns);
      }
      this.columns = columns;
    }

    /** Appends the next value of the current row; the row ends after {@code columns} values. */
    public void add(Object value) {
      ensure(16);
      if (value == null) {
        buffer[length++] = NULL;
      } else if (value instanceof Long l) {
        buffer[length++] = LONG;
        writeVarLong(zigZag(l));
      } else if (value instanceof Double d) {
        buffer[length++] = DOUBLE;
        writeFixedLong(Double.doubleToRawLongBits(d));
      } else if (value instanceof String s) {
        writeBytes(STRING, s.getBytes(StandardCharsets.UTF_8));
      } else if (value instanceof BigDecimal d) {
        writeDecimal(d);
      } else if (value instanceof Integer i) {
        buffer[length++] = INT;
        writeVarLong(zigZag(i));
      } else if (value instanceof Float f) {
        buffer[length++] = FLOAT;
        writeFixedInt(Float.floatToRawIntBits(f));
      } else if (value instanceof byte[] b) {
        writeBytes(BYTES, b);
      } else if (value instanceof Boolean b) {
        buffer[length++] = b ? TRUE : FALSE;
      } else {
        throw new IllegalArgumentException("cannot pack a " + value.getClass().getName());
      }
      if (++valuesInRow == columns) {
        valuesInRow = 0;
        rows++;
      }
    }

    public int rows() {
      return rows;
    }

    /** Bytes packed so far, for frames sized by bytes. */
    public int size() {
      return length;
    }

    /** The packed rows: a header (row and column counts), then each value with its tag. */
    public byte[] finish() {
      if (valuesInRow != 0) {
        throw new IllegalStateException("row " + rows + " has " + valuesInRow + " values");
      }
      byte[] header = new byte[20];
      int headerLength = varLong(header, 0, rows);
      headerLength = varLong(header, headerLength, columns);
      byte[] packed = new byte[headerLength + length];
      System.arraycopy(header, 0, packed, 0, headerLength);
      System.arraycopy(buffer, 0, packed, headerLength, length);
      return packed;
    }

    private void writeDecimal(BigDecimal d) {
      BigInteger unscaled = d.unscaledValue();
      if (unscaled.bitLength() < 64) {
        buffer[length++] = DECIMAL;
        writeVarLong(zigZag(d.scale()));
        ensure(10);
        writeVarLong(zigZag(unscaled.longValue()));
      } else {
        buffer[length++] = BIG_DECIMAL;
        writeVarLong(zigZag(d.scale()));
        writeBytes(unscaled.toByteArray());
      }
    }

    private void writeBytes(byte tag, byte[] bytes) {
      buffer[length++] = tag;
      writeBytes(bytes);
    }

    private void writeBytes(byte[] bytes) {
      ensure(5 + bytes.length);
      writeVarLong(bytes.length);
      System.arraycopy(bytes, 0, buffer, length, bytes.length);
      length += bytes.length;
    }

    private void writeVarLong(long value) {
      length = varLong(buffer, length, value);
    }

    private void writeFixedLong(long value) {
      for (int shift = 0; shift < 64; shift += 8) {
        buffer[length++] = (byte) (value >>> shift);
      }
    }

    private void writeFixedInt(int value) {
      for (int shift = 0; shift < 32; shift += 8) {
        buffer[length++] = (byte) (value >>> shift);
      }
    }

    private void ensure(int more) {
      if (length + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
      }
    }
  }

  /**
   * The rows of packed bytes, each a list of its values. Fails with IllegalArgumentException on
   * anything that is not a complete packing (a server's bug, not a user's input).
   */
  public static List<Object> read(byte[] packed) {
    return new Reader(packed).rows();
  }

  /** How many rows packed bytes hold, read from their header alone. */
  public static int rowCount(byte[] packed) {
    long rows = 0;
    for (int i = 0, shift = 0; i < packed.length && shift < 64; i++, shift += 7) {
      int b = packed[i] & 0xFF;
      rows |= (long) (b & 0x7F) << shift;
      if (b < 0x80) {
        if (rows > Integer.MAX_VALUE) {
          break;
        }
        return (int) rows;
      }
    }
    throw new IllegalArgumentException("packed rows: bad header");
  }

  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    List<Object> rows() {
      int rows = count();
      int columns = count();
      List<Object> result = new ArrayList<>(rows);
      for (int r = 0; r < rows; r++) {
        Object[] row = new Object[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = value();
        }
        result.add(Arrays.asList(row));
      }
      if (position != bytes.length) {
        throw new IllegalArgumentException(
            "packed rows: " + (bytes.length - position) + " bytes after the last row");
      }
      return result;
    }

    private Object value() {
      byte tag = next();
      switch (tag) {
        case NULL:
          return null;
        case LONG:
          return unZigZag(readVarLong());
        case INT:
          return (int) unZigZag(readVarLong());
        case DOUBLE:
          return Double.longBitsToDouble(readFixed(8));
        case FLOAT:
          return Float.intBitsToFloat((int) readFixed(4));
        case DECIMAL:
          {
            int scale = (int) unZigZag(readVarLong());
            return BigDecimal.valueOf(unZigZag(readVarLong()), scale);
          }
        case BIG_DECIMAL:
          {
            int scale = (int) unZigZag(readVarLong());
            return new BigDecimal(new BigInteger(readBytes()), scale);
          }
        case STRING:
          {
            int n = count();
            return new String(bytes, take(n), n, StandardCharsets.UTF_8);
          }
        case BYTES:
          return readBytes();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        default:
          throw new IllegalArgumentException(
              "packed rows: unknown tag " + tag + " at byte " + (position - 1));
      }
    }

    private byte[] readBytes() {
      int n = count();
      int start = take(n);
      return Arrays.copyOfRange(bytes, start, start + n);
    }

    /** Advances past {@code n} bytes and returns where they start. */
    private int take(int n) {
      if (n < 0 || n > bytes.length - position) {
        throw new IllegalArgumentException("packed rows: truncated at byte " + position);
      }
      int start = position;
      position += n;
      return start;
    }

    private int count() {
      long n = readVarLong();
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("packed rows: bad count " + n);
      }
      return (int) n;
    }

    private long readFixed(int width) {
      int start = take(width);
      long value = 0;
      for (int i = width - 1; i >= 0; i--) {
        value = (value << 8) | (bytes[start + i] & 0xFF);
      }
      return value;
    }

    private long readVarLong() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = next();
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("packed rows: varint too long at byte " + position);
    }

    private byte next() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("packed rows: truncated at byte " + position);
      }
      return bytes[position++];
    }
  }

  private static int varLong(byte[] into, int at, long value) {
    while ((value & ~0x7FL) != 0) {
      into[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    into[at++] = (byte) value;
    return at;
  }

  private static long zigZag(long value) {
    return (value << 1) ^ (value >> 63);
  }

  private static long unZigZag(long value) {
    return (value >>> 1) ^ -(value & 1);
  }
}
