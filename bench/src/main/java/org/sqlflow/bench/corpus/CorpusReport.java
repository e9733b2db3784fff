package org.sqlflow.bench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The corpus run as Markdown: totals by stage over SQLFlow's own statements (statements the
 * database answers, kept in a corpus to set up data, are listed but not counted), failures grouped
 * by SQLState, then one row per statement.
 */
public final class CorpusReport {
  /** Messages are cut to this many characters in the tables; the log keeps them whole. */
  static final int MESSAGE_CHARS = 200;

  private CorpusReport() {}

  /** Counts over the extended statements of a run. */
  public record Totals(
      int statements,
      int parsed,
      int verified,
      int ran,
      int expectedErrors,
      int refusedAsExpected) {

    public static Totals of(List<StatementResult> results) {
      int statements = 0;
      int parsed = 0;
      int verified = 0;
      int ran = 0;
      int expected = 0;
      int refused = 0;
      for (StatementResult result : results) {
        if (!result.statement().isExtended()) {
          continue;
        }
        statements++;
        parsed += result.outcome().parsed() ? 1 : 0;
        verified += result.outcome().verified() ? 1 : 0;
        ran += result.outcome() == Outcome.RAN ? 1 : 0;
        if (result.statement().expectsError()) {
          expected++;
          refused += result.asExpected() ? 1 : 0;
        }
      }
      return new Totals(statements, parsed, verified, ran, expected, refused);
    }
  }

  public static String render(List<StatementResult> results, String title) {
    Totals totals = Totals.of(results);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("| SQLFlow statements | count |\n|---|---|\n");
    row(md, "in the file", totals.statements());
    row(md, "parsed", totals.parsed());
    row(md, "verified", totals.verified());
    row(md, "ran to the end", totals.ran());
    row(
        md,
        "of which the source expects an error: refused as expected",
        totals.refusedAsExpected() + " of " + totals.expectedErrors());
    md.append("\n## Failures by SQLState\n\n")
        .append(
            "| outcome | SQLState | vendor code | statements | numbers |\n|---|---|---|---|---|\n");
    for (Map.Entry<String, List<StatementResult>> group : failureGroups(results).entrySet()) {
      StatementResult first = group.getValue().get(0);
      md.append("| ")
          .append(first.outcome().label())
          .append(" | ")
          .append(first.sqlState().isEmpty() ? "–" : first.sqlState())
          .append(" | ")
          .append(first.vendorCode())
          .append(" | ")
          .append(group.getValue().size())
          .append(" | ")
          .append(
              String.join(
                  ", ",
                  group.getValue().stream()
                      .map(result -> String.valueOf(result.statement().number()))
                      .toList()))
          .append(" |\n");
    }
    md.append("\n## Statements\n\n")
        .append("| # | origin | outcome | SQLState | code | seconds | message |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (StatementResult result : results) {
      CorpusStatement statement = result.statement();
      String outcome = result.outcome().label();
      if (!statement.isExtended()) {
        outcome += " (set-up, not counted)";
      } else if (statement.expectsError()) {
        outcome += result.asExpected() ? " (error expected)" : " (**error expected**)";
      }
      md.append("| ")
          .append(statement.number())
          .append(" | ")
          .append(
              cell(statement.origin().isEmpty() ? "line " + statement.line() : statement.origin()))
          .append(" | ")
          .append(outcome)
          .append(" | ")
          .append(result.sqlState())
          .append(" | ")
          .append(result.vendorCode() == 0 ? "" : String.valueOf(result.vendorCode()))
          .append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", result.elapsed().toMillis() / 1000.0))
          .append(" | ")
          .append(cell(result.message()))
          .append(" |\n");
    }
    return md.toString();
  }

  /** The failed extended statements by outcome, SQLState and vendor code, most frequent first. */
  static Map<String, List<StatementResult>> failureGroups(List<StatementResult> results) {
    Map<String, List<StatementResult>> groups = new TreeMap<>();
    for (StatementResult result : results) {
      if (result.outcome() == Outcome.RAN || !result.statement().isExtended()) {
        continue;
      }
      String key = result.outcome().ordinal() + " " + result.sqlState() + " " + result.vendorCode();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
    }
    Map<String, List<StatementResult>> ordered = new LinkedHashMap<>();
    groups.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
        .forEachOrdered(entry -> ordered.put(entry.getKey(), entry.getValue()));
    return ordered;
  }

  private static void row(StringBuilder md, String label, Object value) {
    md.append("| ").append(label).append(" | ").append(value).append(" |\n");
  }

  private static String cell(String text) {
    String flat = text.replace("|", "\\|").replaceAll("\\s+", " ").trim();
    return flat.length() > MESSAGE_CHARS ? flat.substring(0, MESSAGE_CHARS) + "…" : flat;
  }
}
