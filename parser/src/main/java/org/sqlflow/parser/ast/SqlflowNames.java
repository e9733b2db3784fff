package org.sqlflow.parser.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * How names read and print in SQLFlow's clauses. Any word may be part of a name, except that a name
 * cannot begin with a clause keyword, which ends the previous part instead.
 */
public final class SqlflowNames {
  private static final Set<String> CLAUSE_KEYWORDS =
      Set.of("TO", "WITH", "COLUMN", "FOR", "LABEL", "USING", "INTO");

  /** Read back as booleans where a value is expected, so printed quoted when they are names. */
  private static final Set<String> BOOLEAN_WORDS = Set.of("TRUE", "FALSE");

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SqlflowNames() {}

  public static boolean isClauseKeyword(String word) {
    return CLAUSE_KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** {@code iris.predict.class}: segments joined by dots, as the later stages use names. */
  public static String dotted(SqlIdentifier id) {
    return String.join(".", id.names);
  }

  /** The name as SQLFlow text that reads back as the same segments. */
  public static String render(SqlIdentifier id) {
    List<String> out = new ArrayList<>(id.names.size());
    for (int i = 0; i < id.names.size(); i++) {
      out.add(renderSegment(id.names.get(i), i == 0));
    }
    return String.join(".", out);
  }

  private static String renderSegment(String segment, boolean first) {
    String upper = segment.toUpperCase(Locale.ROOT);
    boolean plain =
        PLAIN.matcher(segment).matches()
            && !(first && (CLAUSE_KEYWORDS.contains(upper) || BOOLEAN_WORDS.contains(upper)));
    return plain ? segment : "`" + segment.replace("`", "``") + "`";
  }
}
