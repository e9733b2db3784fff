package org.sqlflow.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedRowsTest {

  @Test
  void everyValueClassComesBackAsTheSameValueOfTheSameClass() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(
        new Object[] {
          0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, null
        });
    rows.add(
        new Object[] {
          Double.NaN, -0.0d, Double.MIN_VALUE, Float.NaN, -0.0f, 6.4f, Double.NEGATIVE_INFINITY
        });
    rows.add(
        new Object[] {
          new BigDecimal("12345678.90"),
          new BigDecimal("-0.01"),
          new BigDecimal("123456789012345678901234567890.123456789"),
          new BigDecimal("-9.9E+400"),
          new BigDecimal("1E-30"),
          BigDecimal.ZERO,
          new BigDecimal("9223372036854775808")
        });
    rows.add(
        new Object[] {
          "",
          "ascii",
          "Grüße, 東京, \uD83D\uDE00",
          "nul\0inside",
          new byte[0],
          new byte[] {-1, 0, 127},
          Boolean.TRUE
        });
    rows.add(new Object[] {Boolean.FALSE, null, null, null, null, null, "last"});
    PackedRows.Writer writer = new PackedRows.Writer(7);
    for (Object[] row : rows) {
      for (Object value : row) {
        writer.add(value);
      }
    }
    assertEquals(rows.size(), writer.rows());

    byte[] packed = writer.finish();
    List<Object> read = PackedRows.read(packed);

    assertEquals(rows.size(), PackedRows.rowCount(packed), "the header's count alone");
    assertEquals(rows.size(), read.size());
    for (int r = 0; r < rows.size(); r++) {
      List<?> row = (List<?>) read.get(r);
      assertEquals(7, row.size());
      for (int c = 0; c < 7; c++) {
        Object expected = rows.get(r)[c];
        Object actual = row.get(c);
        String where = "row " + r + " column " + c;
        if (expected instanceof byte[] bytes) {
          assertArrayEquals(bytes, (byte[]) actual, where);
        } else {
          assertEquals(expected, actual, where);
          if (expected != null) {
            assertEquals(expected.getClass(), actual.getClass(), where);
          }
        }
      }
    }
  }

  @Test
  void noRowsAndNoColumnsPack() {
    assertEquals(List.of(), PackedRows.read(new PackedRows.Writer(3).finish()));
    PackedRows.Writer writer = new PackedRows.Writer(1);
    writer.add("only");
    assertEquals(List.of(Arrays.asList("only")), PackedRows.read(writer.finish()));
  }

  @Test
  void anIncompleteRowCannotBeFinished() {
    PackedRows.Writer writer = new PackedRows.Writer(2);
    writer.add(1L);
    assertThrows(IllegalStateException.class, writer::finish);
  }

  @Test
  void aValueOfAnotherClassIsRefused() {
    PackedRows.Writer writer = new PackedRows.Writer(1);
    var e = assertThrows(IllegalArgumentException.class, () -> writer.add(new StringBuilder()));
    assertTrue(e.getMessage().contains("StringBuilder"), e.getMessage());
  }

  @Test
  void truncatedOrPaddedPackingsFailWithAReason() {
    PackedRows.Writer writer = new PackedRows.Writer(2);
    writer.add("abcdef");
    writer.add(123456789L);
    byte[] packed = writer.finish();
    for (int cut = 0; cut < packed.length; cut++) {
      byte[] truncated = Arrays.copyOf(packed, cut);
      var e = assertThrows(IllegalArgumentException.class, () -> PackedRows.read(truncated));
      assertTrue(e.getMessage().startsWith("packed rows: "), e.getMessage());
    }
    byte[] padded = Arrays.copyOf(packed, packed.length + 1);
    var e = assertThrows(IllegalArgumentException.class, () -> PackedRows.read(padded));
    assertTrue(e.getMessage().contains("after the last row"), e.getMessage());
  }

  @Test
  void theRowCountIsReadFromTheHeaderAloneAndABrokenHeaderIsRefused() {
    PackedRows.Writer writer = new PackedRows.Writer(1);
    for (int i = 0; i < 300; i++) {
      writer.add((long) i);
    }
    byte[] packed = writer.finish();

    assertEquals(300, PackedRows.rowCount(packed));
    assertEquals(300, PackedRows.read(packed).size());
    assertThrows(IllegalArgumentException.class, () -> PackedRows.rowCount(new byte[0]));
    assertThrows(
        IllegalArgumentException.class, () -> PackedRows.rowCount(new byte[] {-128, -128}));
  }
}
