package org.sqlflow.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code bin/bench} was asked to do.
 *
 * @param root the repository checkout (scripts, {@code src/python}, {@code bench/target})
 * @param output where the Markdown report goes
 * @param only benchmark names to run; empty runs all
 * @param database the MariaDB database holding the benchmark's tables; concurrent runs (another
 *     checkout, BenchSmokeIT) each need their own, or they refill each other's tables mid-run
 */
public record BenchOptions(
    Path root,
    Path output,
    Sizes sizes,
    String mysqlHost,
    int mysqlPort,
    String mysqlUser,
    String mysqlPassword,
    String database,
    Path python,
    Set<String> only,
    String command) {

  public static final String USAGE =
      String.join(
          "\n",
          "Usage: bin/bench [--quick] [--only name,...] [--out docs/benchmarks.md]",
          "",
          "Runs the benchmark suite on loopback (our server, stock Avatica, MariaDB, Python) and",
          "writes a Markdown report. Names: " + String.join(", ", BenchMain.NAMES),
          "",
          "  --quick            smaller sizes (a few minutes instead of about 15)",
          "  --only <names>     run only these benchmarks",
          "  --out <file>       report file (default docs/benchmarks.md)",
          "  --python <path>    interpreter with numpy and pymysql (default .venv/bin/python)",
          "  --mysql <host:port> MariaDB/MySQL server (default 127.0.0.1:3306, user sqlflow)",
          "  --database <name>  database for the benchmark's tables (default sqlflow_bench);",
          "                     concurrent runs need different names");

  /** The database {@code bin/bench} fills unless {@code --database} names another. */
  public static final String DEFAULT_DATABASE = "sqlflow_bench";

  public BenchOptions {
    requireNonNull(root, "root");
    requireNonNull(output, "output");
    requireNonNull(sizes, "sizes");
    requireNonNull(python, "python");
    if (database == null || !database.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
      // It is spliced into SQL and URLs: letters, digits and underscores only.
      throw new IllegalArgumentException(
          "--database wants letters, digits and underscores, got " + database);
    }
    only = Set.copyOf(only);
  }

  public boolean runs(String name) {
    return only.isEmpty() || only.contains(name);
  }

  public static BenchOptions parse(Path root, String... args) {
    Sizes sizes = Sizes.FULL;
    Path output = root.resolve("docs/benchmarks.md");
    Path python = root.resolve(".venv/bin/python");
    Set<String> only = Set.of();
    String host = "127.0.0.1";
    int port = 3306;
    String database = DEFAULT_DATABASE;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> sizes = Sizes.QUICK;
        case "--smoke" -> sizes = Sizes.SMOKE;
        case "--out" -> output = Path.of(value(args, ++i));
        case "--python" -> python = Path.of(value(args, ++i));
        case "--only" -> only = Set.of(value(args, ++i).split(","));
        case "--database" -> database = value(args, ++i);
        case "--mysql" -> {
          String[] hostPort = value(args, ++i).split(":");
          host = hostPort[0];
          port = hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 3306;
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    for (String name : only) {
      if (!BenchMain.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown benchmark " + name + "\n" + USAGE);
      }
    }
    if (!Files.isExecutable(python)) {
      python = Path.of("python3");
    }
    String command = ("bin/bench " + String.join(" ", args)).trim();
    return new BenchOptions(
        root, output, sizes, host, port, "sqlflow", "sqlflow", database, python, only, command);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }
}
