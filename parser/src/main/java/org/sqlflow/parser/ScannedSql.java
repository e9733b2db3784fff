package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * SQL text split into the tokens that matter for routing, by MySQL's lexical rules: text in '...'
 * and "..." strings ('' or a backslash escapes a quote), `back-quoted` identifiers and comments
 * ({@code -- }, {@code #}, {@code /* *}{@code /}) never produces a token. Each token records its
 * parenthesis depth, so that "top level" means depth 0.
 */
final class ScannedSql {
  enum Kind {
    /** Letters, digits, {@code _} and {@code $}: keywords, names and numbers. */
    WORD,
    /** A string or a back-quoted identifier, quotes included. */
    QUOTED,
    /** Any other single character. */
    SYMBOL
  }

  record Token(Kind kind, String text, int start, int end, int depth) {
    boolean isWord(String word) {
      return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(char c) {
      return kind == Kind.SYMBOL && text.charAt(0) == c;
    }
  }

  private record Range(int start, int end) {}

  private static final Set<String> EXTENDED_KEYWORDS =
      Set.of("TRAIN", "PREDICT", "EVALUATE", "EXPLAIN", "RUN", "MAXIMIZE", "MINIMIZE");

  private final String sql;
  private final List<Token> tokens;

  /** {@code #} comments: MySQL's, not Calcite's, so blanked before Calcite's lexer sees them. */
  private final List<Range> hashComments;

  /** A string or back-quoted identifier that runs to the end: it is always the last token. */
  private final boolean unterminatedQuote;

  private ScannedSql(
      String sql, List<Token> tokens, List<Range> hashComments, boolean unterminatedQuote) {
    this.sql = sql;
    this.tokens = List.copyOf(tokens);
    this.hashComments = List.copyOf(hashComments);
    this.unterminatedQuote = unterminatedQuote;
  }

  static ScannedSql scan(String sql) {
    requireNonNull(sql, "sql");
    List<Token> tokens = new ArrayList<>();
    List<Range> hashComments = new ArrayList<>();
    boolean unterminatedQuote = false;
    int depth = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '#') {
        int end = lineEnd(sql, i);
        hashComments.add(new Range(i, end));
        i = end;
      } else if (c == '-' && isDoubleDashComment(sql, i)) {
        i = lineEnd(sql, i);
      } else if (c == '/' && sql.startsWith("/*", i)) {
        int close = sql.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"' || c == '`') {
        int end = quoteEnd(sql, i, c);
        if (end < 0) {
          unterminatedQuote = true;
          end = n;
        }
        tokens.add(new Token(Kind.QUOTED, sql.substring(i, end), i, end, depth));
        i = end;
      } else if (isWordChar(c)) {
        int end = i;
        while (end < n && isWordChar(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end, depth));
        i = end;
      } else {
        if (c == ')' && depth > 0) {
          depth--;
        }
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i, i + 1, depth));
        if (c == '(') {
          depth++;
        }
        i++;
      }
    }
    return new ScannedSql(sql, tokens, hashComments, unterminatedQuote);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** MySQL wants a space or control character after {@code --}: {@code 1--1} is arithmetic. */
  private static boolean isDoubleDashComment(String sql, int i) {
    if (!sql.startsWith("--", i)) {
      return false;
    }
    if (i + 2 == sql.length()) {
      return true;
    }
    char next = sql.charAt(i + 2);
    return Character.isWhitespace(next) || Character.isISOControl(next);
  }

  private static int lineEnd(String sql, int from) {
    int i = from;
    while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** Index after the closing quote; -1 when the quote is never closed. */
  private static int quoteEnd(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  /** The string or back-quoted identifier that is never closed, if any. */
  Optional<Token> unterminatedQuote() {
    return unterminatedQuote ? Optional.of(tokens.get(tokens.size() - 1)) : Optional.empty();
  }

  String sql() {
    return sql;
  }

  List<Token> tokens() {
    return tokens;
  }

  /** The significant tokens, without trailing semicolons. */
  List<Token> statementTokens() {
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isSymbol(';')) {
      end--;
    }
    return tokens.subList(0, end);
  }

  /** Upper-case text of the i-th significant word, or "" when that token is not a word. */
  String word(int i) {
    return i < tokens.size() && tokens.get(i).kind() == Kind.WORD
        ? tokens.get(i).text().toUpperCase(Locale.ROOT)
        : "";
  }

  /** Where the top-level {@code TO TRAIN|PREDICT|EVALUATE|EXPLAIN} starts: the index of TO. */
  OptionalInt extendedClauseStart() {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token to = tokens.get(i);
      Token keyword = tokens.get(i + 1);
      if (to.depth() == 0
          && to.isWord("TO")
          && keyword.kind() == Kind.WORD
          && EXTENDED_KEYWORDS.contains(keyword.text().toUpperCase(Locale.ROOT))) {
        return OptionalInt.of(to.start());
      }
    }
    return OptionalInt.empty();
  }

  /** Whether a top-level semicolon separates statements before {@code index}. */
  boolean hasSemicolonBefore(int index) {
    return tokens.stream().anyMatch(t -> t.start() < index && t.isSymbol(';'));
  }

  /** The statement from its first token to its last, without trailing semicolons or comments. */
  String original() {
    List<Token> statement = statementTokens();
    return statement.isEmpty()
        ? ""
        : sql.substring(statement.get(0).start(), statement.get(statement.size() - 1).end());
  }

  /** Index where the statement's first token starts. */
  int start() {
    return tokens.isEmpty() ? 0 : tokens.get(0).start();
  }

  /** Index after the statement's last token (trailing semicolons excluded). */
  int end() {
    List<Token> statement = statementTokens();
    return statement.isEmpty() ? 0 : statement.get(statement.size() - 1).end();
  }

  /** Index after the last token that ends at or before {@code index}. */
  int endOfTokensBefore(int index) {
    int end = start();
    for (Token t : tokens) {
      if (t.end() <= index) {
        end = t.end();
      }
    }
    return end;
  }

  /** The token that starts at {@code index}, if any. */
  Optional<Token> tokenAt(int index) {
    return tokens.stream().filter(t -> t.start() == index).findFirst();
  }

  /**
   * The text for Calcite's lexer: MySQL's {@code #} comments and trailing semicolons become spaces,
   * so that every position stays that of the user's text.
   */
  String textForParser() {
    char[] text = sql.toCharArray();
    for (Range comment : hashComments) {
      blank(text, comment.start(), comment.end());
    }
    for (Token t : tokens.subList(statementTokens().size(), tokens.size())) {
      blank(text, t.start(), t.end());
    }
    return new String(text);
  }

  /** {@code text} with {@code [from, to)} blanked, line breaks kept. */
  static String blank(String text, int from, int to) {
    char[] chars = text.toCharArray();
    blank(chars, from, to);
    return new String(chars);
  }

  private static void blank(char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (text[i] != '\n' && text[i] != '\r') {
        text[i] = ' ';
      }
    }
  }
}
