package org.sqlflow.bench.corpus;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code bin/sqlflow-corpus} was asked to do.
 *
 * @param only statement numbers to run (ranges allowed); empty runs all
 * @param out where the Markdown report goes; empty prints it
 */
public record CorpusOptions(
    Path file,
    String url,
    String user,
    String password,
    Duration timeout,
    List<int[]> only,
    Optional<Path> out) {

  public static final String USAGE =
      String.join(
          "\n",
          "Usage: bin/sqlflow-corpus [options] <statements file>",
          "",
          "Runs each statement of the file through SQLFlow's JDBC driver against a running server,",
          "one after another, and reports per statement and in total how far it got: parsed,",
          "verified, ran to the end, or failed with which SQLState and message (Markdown).",
          "",
          "The file holds statements ending with ';'. Comment lines just above a statement may",
          "say where it comes from and what it needs:",
          "  -- origin: <source of the statement>",
          "  -- needs: <table>, <table>",
          "  -- expect: error      (its source expects it to fail)",
          "",
          "Options:",
          "  --url <jdbc url>        server to run on (default jdbc:sqlflow://localhost:8765)",
          "  --user <name>           database user (default: none, for --allow-anonymous)",
          "  --timeout <seconds>     per statement; then it is cancelled (default 600)",
          "  --only <n,m-k,...>      run only these statement numbers (default: all)",
          "  --out <file>            write the report there (default: print it)",
          "",
          "The password comes from $SQLFLOW_PASSWORD. Progress goes to standard error.");

  public CorpusOptions {
    requireNonNull(file, "file");
    requireNonNull(url, "url");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(timeout, "timeout");
    only = List.copyOf(only);
    requireNonNull(out, "out");
  }

  /** Whether statement {@code number} is to run. */
  public boolean runs(int number) {
    return only.isEmpty() || only.stream().anyMatch(r -> r[0] <= number && number <= r[1]);
  }

  /**
   * @throws IllegalArgumentException with a message for the user on a bad option
   */
  public static CorpusOptions parse(List<String> args, String password) {
    String url = "jdbc:sqlflow://localhost:8765";
    String user = "";
    Duration timeout = Duration.ofSeconds(600);
    List<int[]> only = List.of();
    Optional<Path> out = Optional.empty();
    Path file = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--url" -> url = value(args, ++i, arg);
        case "--user" -> user = value(args, ++i, arg);
        case "--timeout" -> timeout = Duration.ofSeconds(positive(arg, value(args, ++i, arg)));
        case "--only" -> only = ranges(value(args, ++i, arg));
        case "--out" -> out = Optional.of(Path.of(value(args, ++i, arg)));
        default -> {
          if (arg.startsWith("--") || file != null) {
            throw new IllegalArgumentException("unexpected argument '" + arg + "'");
          }
          file = Path.of(arg);
        }
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("no statements file given");
    }
    return new CorpusOptions(file, url, user, password == null ? "" : password, timeout, only, out);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive integer, got '" + value + "'");
  }

  private static List<int[]> ranges(String value) {
    List<int[]> ranges = new ArrayList<>();
    for (String part : value.split(",")) {
      String[] bounds = part.trim().split("-", 2);
      int from = positive("--only", bounds[0].trim());
      int to = bounds.length == 2 ? positive("--only", bounds[1].trim()) : from;
      if (to < from) {
        throw new IllegalArgumentException("--only: empty range '" + part.trim() + "'");
      }
      ranges.add(new int[] {from, to});
    }
    return ranges;
  }
}
