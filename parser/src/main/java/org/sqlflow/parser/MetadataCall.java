package org.sqlflow.parser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code SQLFLOW METADATA [method(argument, ...)]}: the SQLFlow driver's way to ask the backing
 * database's {@code java.sql.DatabaseMetaData} what Avatica's protocol has no request for. Without
 * a method it asks for every answer that takes no argument, in one round trip.
 *
 * <p>An argument is {@code NULL}, {@code TRUE}, {@code FALSE}, an integer, a string in single
 * quotes ({@code ''} or a backslash escapes a quote), or {@code ARRAY[...]} of those.
 *
 * @param method the {@code DatabaseMetaData} method's name, empty for "all scalar answers"
 * @param arguments {@code null}, {@code Boolean}, {@code Long}, {@code String} or a {@code List} of
 *     those (an unmodifiable list that may hold nulls)
 */
public record MetadataCall(Optional<String> method, List<Object> arguments) {

  public MetadataCall {
    arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  /**
   * Reads a {@code SQLFLOW METADATA} statement.
   *
   * @throws IllegalArgumentException with a message for the user when it is malformed
   */
  public static MetadataCall parse(String sql) {
    List<ScannedSql.Token> tokens = ScannedSql.scan(sql).statementTokens();
    if (tokens.size() < 2
        || !tokens.get(0).isWord("SQLFLOW")
        || !tokens.get(1).isWord("METADATA")) {
      throw malformed();
    }
    if (tokens.size() == 2) {
      return new MetadataCall(Optional.empty(), List.of());
    }
    Reader reader = new Reader(tokens, 2);
    String method = reader.word();
    reader.expect('(');
    List<Object> arguments = new ArrayList<>();
    if (!reader.nextIs(')')) {
      arguments.add(reader.value(true));
      while (reader.nextIs(',')) {
        reader.expect(',');
        arguments.add(reader.value(true));
      }
    }
    reader.expect(')');
    if (!reader.atEnd()) {
      throw malformed();
    }
    return new MetadataCall(Optional.of(method), arguments);
  }

  private static IllegalArgumentException malformed() {
    return new IllegalArgumentException(
        "SQLFLOW METADATA expects a DatabaseMetaData method and its literal arguments, "
            + "e.g. SQLFLOW METADATA getPrimaryKeys('db', NULL, 'orders')");
  }

  /** Reads the tokens of the argument list one by one. */
  private static final class Reader {
    private final List<ScannedSql.Token> tokens;
    private int next;

    Reader(List<ScannedSql.Token> tokens, int start) {
      this.tokens = tokens;
      this.next = start;
    }

    boolean atEnd() {
      return next >= tokens.size();
    }

    boolean nextIs(char symbol) {
      return !atEnd() && tokens.get(next).isSymbol(symbol);
    }

    void expect(char symbol) {
      if (!nextIs(symbol)) {
        throw malformed();
      }
      next++;
    }

    String word() {
      if (atEnd() || tokens.get(next).kind() != ScannedSql.Kind.WORD) {
        throw malformed();
      }
      return tokens.get(next++).text();
    }

    Object value(boolean arrayAllowed) {
      if (nextIs('-')) {
        next++;
        return -integer(word());
      }
      if (atEnd()) {
        throw malformed();
      }
      ScannedSql.Token token = tokens.get(next);
      if (token.kind() == ScannedSql.Kind.QUOTED && token.text().startsWith("'")) {
        next++;
        return unquote(token.text());
      }
      String word = word();
      if (word.equalsIgnoreCase("NULL")) {
        return null;
      }
      if (word.equalsIgnoreCase("TRUE") || word.equalsIgnoreCase("FALSE")) {
        return Boolean.valueOf(word);
      }
      if (word.equalsIgnoreCase("ARRAY") && arrayAllowed) {
        expect('[');
        List<Object> values = new ArrayList<>();
        if (!nextIs(']')) {
          values.add(value(false));
          while (nextIs(',')) {
            expect(',');
            values.add(value(false));
          }
        }
        expect(']');
        return Collections.unmodifiableList(values);
      }
      return integer(word);
    }

    private static long integer(String word) {
      try {
        return Long.parseLong(word);
      } catch (NumberFormatException e) {
        throw malformed();
      }
    }

    private static String unquote(String quoted) {
      if (quoted.length() < 2 || !quoted.endsWith("'")) {
        throw malformed();
      }
      StringBuilder text = new StringBuilder();
      for (int i = 1; i < quoted.length() - 1; i++) {
        char c = quoted.charAt(i);
        if (c == '\\' || (c == '\'' && quoted.charAt(i + 1) == '\'')) {
          i++;
          c = quoted.charAt(i);
        }
        text.append(c);
      }
      return text.toString();
    }
  }
}
