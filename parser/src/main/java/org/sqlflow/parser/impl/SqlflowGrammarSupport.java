package org.sqlflow.parser.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.sqlflow.parser.ast.SqlflowNames;

/** Helpers the SQLFlow productions in parserImpls.ftl call; plain Java is easier to read there. */
final class SqlflowGrammarSupport {
  /** How a keyword token looks: keywords are plain ASCII words. */
  private static final Pattern KEYWORD_IMAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SqlflowGrammarSupport() {}

  /**
   * An identifier, a back-quoted identifier or any keyword: usable as part of a name. A word that
   * starts a name may not be a clause keyword such as INTO, which ends the previous part.
   */
  static boolean isWord(Token t, boolean nameStart) {
    if (t.kind == SqlflowParserImplConstants.IDENTIFIER
        || t.kind == SqlflowParserImplConstants.BACK_QUOTED_IDENTIFIER) {
      return true;
    }
    String image = SqlflowParserImplConstants.tokenImage[t.kind];
    return image.startsWith("\"")
        && KEYWORD_IMAGE.matcher(t.image).matches()
        && !(nameStart && SqlflowNames.isClauseKeyword(t.image));
  }

  /** {@code word (}: a feature-column call such as {@code CROSS(...)}. */
  static boolean startsCall(Token first, Token second) {
    return isWord(first, false) && second.kind == SqlflowParserImplConstants.LPAREN;
  }

  /**
   * Whether {@code next} continues a program name such as {@code sqlflow/runnable:v0.0.1}: it
   * touches {@code previous} (no space between), as the parts of one name do.
   */
  static boolean continuesProgram(Token previous, Token next) {
    return next.kind != SqlflowParserImplConstants.EOF
        && next.kind != SqlflowParserImplConstants.SEMICOLON
        && next.beginLine == previous.endLine
        && next.beginColumn == previous.endColumn + 1;
  }

  /**
   * The text of the tokens from {@code first} to {@code last} as written: each token's image,
   * separated by the spaces that stood between them on their line (one space across lines or where
   * a comment stood: comments are not tokens, so they drop out).
   */
  static String text(Token first, Token last) {
    StringBuilder out = new StringBuilder(first.image);
    Token previous = first;
    for (Token t = first; t != last && t.next != null; ) {
      t = t.next;
      int gap =
          t.beginLine == previous.endLine && t.specialToken == null
              ? t.beginColumn - previous.endColumn - 1
              : 1;
      out.append(" ".repeat(Math.max(0, gap))).append(t.image);
      previous = t;
    }
    return out.toString();
  }

  static SqlParserPos position(Token first, Token last) {
    return new SqlParserPos(first.beginLine, first.beginColumn, last.endLine, last.endColumn);
  }

  /** Segments as read (back quotes removed, case kept) with their positions. */
  static SqlIdentifier name(List<Token> segments) {
    List<String> names = new ArrayList<>(segments.size());
    List<SqlParserPos> positions = new ArrayList<>(segments.size());
    for (Token t : segments) {
      SqlParserPos pos = position(t, t);
      if (t.kind == SqlflowParserImplConstants.BACK_QUOTED_IDENTIFIER) {
        names.add(SqlParserUtil.stripQuotes(t.image, "`", "`", "``", Casing.UNCHANGED));
        positions.add(pos.withQuoting(true));
      } else {
        names.add(t.image);
        positions.add(pos);
      }
    }
    return new SqlIdentifier(names, null, SqlParserPos.sum(positions), positions);
  }

  /** A name written as a string, e.g. {@code LABEL 'class'}. */
  static SqlIdentifier quotedName(String name, Token token) {
    return new SqlIdentifier(name, position(token, token).withQuoting(true));
  }

  /** MySQL's rules for "...": {@code ""} and backslash escapes. */
  static String unquoteDoubleQuoted(String image) {
    String body = image.substring(1, image.length() - 1);
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        out.append(unescape(body.charAt(++i)));
      } else if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
        out.append('"');
        i++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static char unescape(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 't' -> '\t';
      case 'r' -> '\r';
      case '0' -> '\0';
      default -> c;
    };
  }

  /** The number exactly as written ({@code 1e-3} keeps its scale), negated if signed. */
  static SqlNumericLiteral number(String image, boolean negative, SqlParserPos pos) {
    String signed = negative ? "-" + image : image;
    return image.indexOf('e') >= 0 || image.indexOf('E') >= 0
        ? SqlLiteral.createApproxNumeric(signed, pos)
        : SqlLiteral.createExactNumeric(signed, pos);
  }
}
