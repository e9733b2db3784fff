package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.sqlflow.wire.PackedRows;

/**
 * The one value of the one row of a frame of {@link PackedRows}, as the server holds it until
 * {@link PackedFrameTranslation} writes it as a single protobuf bytes value. Avatica's own
 * serializer does not know this class, so a packed frame can never go out any other way.
 */
final class PackedFrame {
  private final byte[] rows;

  private PackedFrame(byte[] rows) {
    this.rows = requireNonNull(rows, "rows");
  }

  /** A frame holding {@code packed} rows (none at all when it is null). */
  static Meta.Frame frame(long offset, boolean done, byte[] packed) {
    // One row holding one value; List.of would spread the array into values.
    List<Object> rows =
        packed == null
            ? List.of()
            : Collections.singletonList(new Object[] {new PackedFrame(packed)});
    return new Meta.Frame(offset, done, rows);
  }

  /** The packed rows of {@code frame}, or null when it is not a frame of packed rows. */
  static byte[] packedRowsOf(Meta.Frame frame) {
    if (frame == null) {
      return null;
    }
    Iterator<Object> rows = frame.rows.iterator();
    Object first = rows.hasNext() ? rows.next() : null;
    if (rows.hasNext()
        || !(first instanceof Object[] row)
        || row.length != 1
        || !(row[0] instanceof PackedFrame packed)) {
      return null;
    }
    return packed.rows;
  }
}
