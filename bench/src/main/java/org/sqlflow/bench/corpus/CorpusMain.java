package org.sqlflow.bench.corpus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;

/** {@code bin/sqlflow-corpus}: runs a statements file against a server and reports in Markdown. */
public final class CorpusMain {
  private CorpusMain() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(CorpusOptions.USAGE);
      return;
    }
    CorpusOptions options;
    try {
      options = CorpusOptions.parse(List.of(args), System.getenv("SQLFLOW_PASSWORD"));
    } catch (IllegalArgumentException e) {
      System.err.println("sqlflow-corpus: " + e.getMessage() + "\n\n" + CorpusOptions.USAGE);
      System.exit(2);
      return;
    }
    String report = run(options);
    if (options.out().isPresent()) {
      Path out = options.out().get().toAbsolutePath();
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
      System.err.println("sqlflow-corpus: report written to " + out);
    } else {
      System.out.print(report);
    }
  }

  /** Runs the chosen statements of the options' file and renders the report. */
  public static String run(CorpusOptions options) throws Exception {
    List<CorpusStatement> statements =
        CorpusFile.read(options.file()).stream()
            .filter(statement -> options.runs(statement.number()))
            .toList();
    List<StatementResult> results;
    try (Connection connection =
            DriverManager.getConnection(options.url(), options.user(), options.password());
        CorpusRunner runner = new CorpusRunner(connection, options.timeout())) {
      results = runner.runAll(statements, CorpusMain::progress);
    }
    return CorpusReport.render(results, "Corpus run: " + options.file().getFileName());
  }

  private static void progress(StatementResult result) {
    System.err.println(
        String.format(
            Locale.ROOT,
            "#%d %s %.1f s %s %s%s",
            result.statement().number(),
            result.outcome().label(),
            result.elapsed().toMillis() / 1000.0,
            result.statement().origin(),
            result.sqlState(),
            result.message().isEmpty() ? "" : ": " + result.message().replace('\n', ' ')));
  }
}
