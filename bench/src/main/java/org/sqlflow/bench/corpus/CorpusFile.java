package org.sqlflow.bench.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlflow.parser.SqlScript;

/**
 * Reads a statements file: SQL statements ending with semicolons, each optionally preceded by note
 * lines {@code -- origin: <where it comes from>}, {@code -- needs: <table>, ...} and {@code --
 * expect: error}. Other comments are ignored; a note with another key is refused, so that a typo
 * does not silently drop what it says.
 */
public final class CorpusFile {
  private static final Pattern NOTE =
      Pattern.compile("^\\s*--\\s*(origin|needs|expect|[a-z]+)\\s*:\\s*(.*?)\\s*$");

  private CorpusFile() {}

  public static List<CorpusStatement> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The statements of {@code text} in order.
   *
   * @throws IllegalArgumentException naming the line of a note it does not understand
   */
  public static List<CorpusStatement> parse(String text) {
    List<CorpusStatement> statements = new ArrayList<>();
    for (SqlScript.Statement statement : SqlScript.split(text)) {
      String origin = "";
      List<String> needs = List.of();
      boolean expectsError = false;
      String[] lines = statement.leading().split("\n", -1);
      int firstLine = statement.line() - (lines.length - 1);
      for (int i = 0; i < lines.length; i++) {
        Matcher note = NOTE.matcher(lines[i]);
        if (!note.matches()) {
          continue;
        }
        String value = note.group(2);
        switch (note.group(1)) {
          case "origin" -> origin = value;
          case "needs" -> needs = names(value);
          case "expect" -> expectsError = expectation(value, firstLine + i);
          default ->
              throw new IllegalArgumentException(
                  "line "
                      + (firstLine + i)
                      + ": unknown note '"
                      + note.group(1)
                      + "' (origin, needs or expect)");
        }
      }
      statements.add(
          new CorpusStatement(
              statements.size() + 1,
              statement.line(),
              statement.text(),
              origin,
              needs,
              expectsError));
    }
    return List.copyOf(statements);
  }

  private static List<String> names(String value) {
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .toList();
  }

  private static boolean expectation(String value, int line) {
    if (!value.toLowerCase(Locale.ROOT).equals("error")) {
      throw new IllegalArgumentException(
          "line " + line + ": '-- expect:' takes only 'error', got '" + value + "'");
    }
    return true;
  }
}
