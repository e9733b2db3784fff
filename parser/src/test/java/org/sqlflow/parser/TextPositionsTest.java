package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextPositionsTest {
  private static final String TEXT = "ab\ncd\r\nef\rgh\tij";

  @Test
  void eachLineBreakKindEndsOneLine() {
    assertEquals(new TextPositions.Position(1, 1), TextPositions.position(TEXT, 0));
    assertEquals(new TextPositions.Position(2, 2), TextPositions.position(TEXT, TEXT.indexOf('d')));
    assertEquals(new TextPositions.Position(3, 1), TextPositions.position(TEXT, TEXT.indexOf('e')));
    assertEquals(new TextPositions.Position(4, 1), TextPositions.position(TEXT, TEXT.indexOf('g')));
  }

  @Test
  void aTabIsOneColumn() {
    assertEquals(new TextPositions.Position(4, 4), TextPositions.position(TEXT, TEXT.indexOf('i')));
  }

  @Test
  void indexIsTheInverseOfPosition() {
    for (int i = 0; i <= TEXT.length(); i++) {
      TextPositions.Position p = TextPositions.position(TEXT, i);
      if (i < TEXT.length() && (TEXT.charAt(i) == '\n' && i > 0 && TEXT.charAt(i - 1) == '\r')) {
        continue; // the \n of \r\n shares the line break with its \r
      }
      assertEquals(i, TextPositions.index(TEXT, p.line(), p.column()), "index " + i);
    }
  }
}
