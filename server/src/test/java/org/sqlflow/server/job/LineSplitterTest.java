package org.sqlflow.server.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(lines::add);

  @Test
  void endsLinesAtNewlineCrLfAndLoneCarriageReturn() throws Exception {
    splitter.pump(new ByteArrayInputStream("a\nb\r\nc\rd\n\ne".getBytes(UTF_8)));
    assertEquals(List.of("a", "b", "c", "d", "", "e"), lines);
  }

  @Test
  void deliversEachLineAsSoonAsItIsComplete() {
    feed("epoch 0, train");
    assertEquals(List.of(), lines);
    feed("_loss = 1.0\nepoch 1");
    assertEquals(List.of("epoch 0, train_loss = 1.0"), lines);
    splitter.finish();
    assertEquals(List.of("epoch 0, train_loss = 1.0", "epoch 1"), lines);
  }

  @Test
  void crLfSplitAcrossReadsIsOneLineEnd() {
    feed("a\r");
    feed("\nb\n");
    assertEquals(List.of("a", "b"), lines);
  }

  @Test
  void multiByteCharactersSplitAcrossReadsAreDecoded() {
    byte[] bytes = "loss ✓ é\n".getBytes(UTF_8);
    for (byte b : bytes) {
      splitter.feed(new byte[] {b}, 0, 1);
    }
    assertEquals(List.of("loss ✓ é"), lines);
  }

  @Test
  void anOverlongLineArrivesInPiecesCutBetweenCharacters() {
    String line = "✓".repeat(LineSplitter.MAX_LINE_BYTES); // 3 bytes each
    feed(line + "\n");
    assertTrue(lines.size() > 1);
    assertEquals(line, String.join("", lines));
    lines.forEach(piece -> assertTrue(piece.getBytes(UTF_8).length <= LineSplitter.MAX_LINE_BYTES));
  }

  private void feed(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    splitter.feed(bytes, 0, bytes.length);
  }
}
