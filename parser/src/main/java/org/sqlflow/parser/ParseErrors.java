package org.sqlflow.parser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.sqlflow.parser.impl.TokenMgrError;

/** The messages of {@link SqlflowParseException}: one or two lines a person can act on. */
final class ParseErrors {
  /** More alternatives than this say little; the list is cut. */
  private static final int MAX_ALTERNATIVES = 6;

  /** SQLFlow's words come first, in the order a statement uses them. */
  private static final List<String> CLAUSE_ORDER =
      List.of(
          "TO",
          "TRAIN",
          "PREDICT",
          "EVALUATE",
          "EXPLAIN",
          "MAXIMIZE",
          "MINIMIZE",
          "RUN",
          "WITH",
          "COLUMN",
          "FOR",
          "LABEL",
          "USING",
          "INTO",
          "SELECT");

  private static final Pattern KEYWORD = Pattern.compile("[A-Z_][A-Z0-9_]*");
  private static final int MAX_NEAR_LENGTH = 40;
  private static final Pattern LEXICAL_AFTER = Pattern.compile("after : \"(.*)\"$");

  private ParseErrors() {}

  /** {@code <problem> at line L, column C}. */
  static SqlflowParseException at(String problem, SqlParserPos pos) {
    return at(problem, pos.getLineNum(), pos.getColumnNum());
  }

  static SqlflowParseException at(String problem, int line, int column) {
    return new SqlflowParseException(
        problem + " at line " + line + ", column " + column, line, column);
  }

  /** As {@link #at(String, SqlParserPos)}, with a second line that helps fix it. */
  static SqlflowParseException at(String problem, SqlParserPos pos, String hint) {
    SqlflowParseException first = at(problem, pos);
    return new SqlflowParseException(
        first.getMessage() + "\n" + hint, first.line(), first.column());
  }

  /** {@code Syntax error at line L, column C near "x": <detail>}, {@code index} into sql. */
  static SqlflowParseException syntax(String sql, int index, String near, String detail) {
    TextPositions.Position p = TextPositions.position(sql, index);
    return new SqlflowParseException(
        "Syntax error at line "
            + p.line()
            + ", column "
            + p.column()
            + " near "
            + near
            + ": "
            + detail,
        p.line(),
        p.column());
  }

  /** "end of statement", or the quoted text of the token at {@code index}. */
  static String near(ScannedSql scan, int index) {
    if (index >= scan.end()) {
      return "end of statement";
    }
    return quote(
        scan.tokenAt(index)
            .map(ScannedSql.Token::text)
            .orElse(scan.sql().substring(index, index + 1)));
  }

  /** A failure of the generated parser, {@code atEnd} when it wanted more input. */
  static SqlflowParseException fromParser(ScannedSql scan, SqlParseException e, boolean atEnd) {
    int index = index(scan, e, atEnd);
    String near = atEnd ? "end of statement" : near(scan, index);
    int[][] expected = e.getExpectedTokenSequences();
    String detail =
        expected != null ? "expected " + alternatives(expected, e.getTokenImages()) : cause(e);
    return syntax(scan.sql(), index, near, detail);
  }

  /**
   * Where the failure is, as an index into the statement: its end when the parser wanted more, the
   * start of the text the lexer gave up on for a lexical error, else the failing token.
   */
  static int index(ScannedSql scan, SqlParseException e, boolean atEnd) {
    if (atEnd) {
      return scan.end();
    }
    int index = TextPositions.index(scan.sql(), e.getPos());
    if (e.getCause() instanceof TokenMgrError lexical) {
      // JavaCC points past the characters it had read: "..., after : \"!\""
      Matcher after = LEXICAL_AFTER.matcher(String.valueOf(lexical.getMessage()));
      if (after.find()) {
        index = Math.max(0, index - after.group(1).length());
      }
    }
    return index;
  }

  private static String quote(String text) {
    String shown =
        text.length() > MAX_NEAR_LENGTH ? text.substring(0, MAX_NEAR_LENGTH) + "..." : text;
    return "\"" + shown + "\"";
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof TokenMgrError) {
      return "unexpected character";
    }
    String message = root.getMessage();
    return message == null
        ? root.getClass().getSimpleName()
        : message.lines().findFirst().orElse("");
  }

  /** The tokens that would have been valid, named plainly: LABEL, USING or INTO. */
  static String alternatives(int[][] sequences, String[] tokenImages) {
    Set<String> clauseWords = new LinkedHashSet<>();
    Set<String> kinds = new LinkedHashSet<>();
    Set<String> otherWords = new LinkedHashSet<>();
    Set<String> symbols = new LinkedHashSet<>();
    boolean end = false;
    for (int[] sequence : sequences) {
      String image = tokenImages[sequence[sequence.length - 1]];
      if (image.equals("<EOF>")) {
        end = true;
      } else if (image.length() > 2 && image.startsWith("\"") && image.endsWith("\"")) {
        String text = image.substring(1, image.length() - 1);
        if (!KEYWORD.matcher(text).matches()) {
          symbols.add(image);
        } else if (CLAUSE_ORDER.contains(text)) {
          clauseWords.add(text);
        } else {
          otherWords.add(text);
        }
      } else {
        String kind = describeKind(image);
        if (kind != null) {
          kinds.add(kind);
        }
      }
    }
    List<String> all = new ArrayList<>(clauseWords);
    all.sort(Comparator.comparingInt(CLAUSE_ORDER::indexOf));
    all.addAll(kinds);
    all.addAll(otherWords);
    all.addAll(symbols);
    if (end) {
      all.add("end of statement");
    }
    return join(all);
  }

  private static String describeKind(String image) {
    if (image.endsWith("IDENTIFIER>")) {
      return "an identifier";
    }
    if (image.endsWith("NUMERIC_LITERAL>") || image.equals("<UNSIGNED_INTEGER_LITERAL>")) {
      return "a number";
    }
    if (image.endsWith("STRING>") || image.endsWith("STRING_LITERAL>")) {
      return "a string";
    }
    return null;
  }

  private static String join(List<String> items) {
    if (items.isEmpty()) {
      return "something else";
    }
    if (items.size() == 1) {
      return items.get(0);
    }
    if (items.size() > MAX_ALTERNATIVES) {
      return String.join(", ", items.subList(0, MAX_ALTERNATIVES)) + ", ...";
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " or "
        + items.get(items.size() - 1);
  }
}
