package org.sqlflow.parser;

import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Converts between character indexes and the 1-based line/column positions the generated parser
 * reports (tab size 1; {@code \r\n}, {@code \r} and {@code \n} each end a line, as in JavaCC's
 * character stream).
 */
final class TextPositions {
  record Position(int line, int column) {}

  private TextPositions() {}

  /** The index of {@code line}/{@code column}; the text's length when past its end. */
  static int index(String text, int line, int column) {
    int currentLine = 1;
    int i = 0;
    while (currentLine < line && i < text.length()) {
      char c = text.charAt(i++);
      if (c == '\n' || (c == '\r' && (i == text.length() || text.charAt(i) != '\n'))) {
        currentLine++;
      }
    }
    return Math.min(i + column - 1, text.length());
  }

  static int index(String text, SqlParserPos pos) {
    return index(text, pos.getLineNum(), pos.getColumnNum());
  }

  /** The position of the character at {@code index} (or just past the end). */
  static Position position(String text, int index) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < index && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return new Position(line, index - lineStart + 1);
  }
}
