package org.sqlflow.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedExecuteTest {

  @Test
  void aRequestReadsBackWithItsParametersUnboundOnesIncluded() {
    byte[] written =
        PackedExecute.write(
            new PackedExecute.Request(
                "c-1ü", 42, -1, Arrays.asList(new byte[] {1, 2, 3}, null, new byte[0])));

    PackedExecute.Request read = PackedExecute.readRequest(written);

    assertTrue(PackedExecute.isPacked(written));
    assertEquals("c-1ü", read.connectionId());
    assertEquals(42, read.statementId());
    assertEquals(-1, read.maxRowsInFirstFrame());
    assertEquals(3, read.parameters().size());
    assertArrayEquals(new byte[] {1, 2, 3}, read.parameters().get(0));
    assertNull(read.parameters().get(1));
    assertArrayEquals(new byte[0], read.parameters().get(2));
  }

  @Test
  void anAnswerReadsBack() {
    byte[] rows = "packed".getBytes(StandardCharsets.UTF_8);
    PackedExecute.Answer read =
        PackedExecute.readAnswer(
            PackedExecute.write(new PackedExecute.Answer(7, true, false, rows)));

    assertEquals(7, read.statementId());
    assertTrue(read.ownStatement());
    assertFalse(read.done());
    assertArrayEquals(rows, read.rows());
  }

  @Test
  void avaticasMessagesAndDamagedOnesAreNotRead() {
    // Avatica's protobuf envelope starts with field 1's tag.
    assertFalse(PackedExecute.isPacked(new byte[] {0x0A, 5, 'h', 'e', 'l', 'l', 'o'}));
    assertFalse(PackedExecute.isPacked(new byte[0]));
    byte[] whole =
        PackedExecute.write(new PackedExecute.Request("c", 1, 10, List.of(new byte[] {9, 9})));
    for (int cut = 2; cut < whole.length; cut++) {
      byte[] part = Arrays.copyOf(whole, cut);
      assertThrows(IllegalArgumentException.class, () -> PackedExecute.readRequest(part));
    }
    byte[] longer = Arrays.copyOf(whole, whole.length + 1);
    assertThrows(IllegalArgumentException.class, () -> PackedExecute.readRequest(longer));
    byte[] hugeCount = whole.clone();
    // The parameter count follows the connection id (4 + 1 bytes) and two ints.
    hugeCount[2 + 5 + 8] = 0x7f;
    assertThrows(IllegalArgumentException.class, () -> PackedExecute.readRequest(hugeCount));
  }
}
