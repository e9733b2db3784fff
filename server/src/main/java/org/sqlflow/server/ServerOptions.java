package org.sqlflow.server;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's settings, from its command line.
 *
 * @param dbUrl the backing database; empty means the embedded H2 database in {@code dataDir}
 */
public record ServerOptions(
    int port,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    Path dataDir,
    Path python,
    int maxJobs,
    Duration heartbeat,
    Duration idleTimeout,
    boolean sampleData) {

  public static final String USAGE = String.join("\n",
      "Usage: java -jar server/target/sqlflow-server.jar [options]",
      "",
      "SQLFlow server: an Avatica HTTP server (protobuf) for jdbc:sqlflow: clients. Standard SQL",
      "goes to the backing database; TO TRAIN/PREDICT/EVALUATE/EXPLAIN and SHOW TRAIN run as",
      "TensorFlow jobs whose log streams back as rows.",
      "",
      "Options:",
      "  --port <n>               HTTP port (default 8765; 0 picks a free one)",
      "  --db <jdbc url>          backing database, e.g. jdbc:mysql://127.0.0.1:3306/",
      "                           (default: embedded H2 in MySQL mode under --data-dir)",
      "  --db-user <name>         the server's database account (default: sa for H2)",
      "  --db-password <secret>   its password",
      "  --data-dir <dir>         embedded database and job directories (default ./data)",
      "  --python <path>          interpreter for generated programs",
      "                           (default .venv/bin/python if present, else python3)",
      "  --max-jobs <n>           jobs running at once; more wait (default 2)",
      "  --heartbeat-seconds <n>  longest a fetch waits for a log row (default 15)",
      "  --idle-timeout-minutes <n>  stop a job whose client stopped reading (default 30)",
      "  --sample-data            load the sample datasets (iris, ...) when missing",
      "  --help                   print this help");

  public ServerOptions {
    requireNonNull(dbUrl, "dbUrl");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(python, "python");
    requireNonNull(heartbeat, "heartbeat");
    requireNonNull(idleTimeout, "idleTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + port);
    }
    if (maxJobs < 1) {
      throw new IllegalArgumentException("--max-jobs must be at least 1, got " + maxJobs);
    }
  }

  /** Thrown for {@code --help}: the caller prints {@link #USAGE} and exits normally. */
  public static final class HelpRequested extends Exception {
    public HelpRequested() {
      super("help");
    }
  }

  public static ServerOptions parse(String... args) throws HelpRequested {
    int port = 8765;
    String dbUrl = null;
    String dbUser = null;
    String dbPassword = "";
    Path dataDir = Path.of("data");
    Path python = defaultPython();
    int maxJobs = 2;
    Duration heartbeat = Duration.ofSeconds(15);
    Duration idle = Duration.ofMinutes(30);
    boolean sampleData = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--help", "-h" -> throw new HelpRequested();
        case "--sample-data" -> sampleData = true;
        case "--port" -> port = intValue(arg, value(args, ++i, arg));
        case "--db" -> dbUrl = value(args, ++i, arg);
        case "--db-user" -> dbUser = value(args, ++i, arg);
        case "--db-password" -> dbPassword = value(args, ++i, arg);
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--python" -> python = Path.of(value(args, ++i, arg));
        case "--max-jobs" -> maxJobs = intValue(arg, value(args, ++i, arg));
        case "--heartbeat-seconds" ->
            heartbeat = Duration.ofSeconds(intValue(arg, value(args, ++i, arg)));
        case "--idle-timeout-minutes" ->
            idle = Duration.ofMinutes(intValue(arg, value(args, ++i, arg)));
        default -> throw new IllegalArgumentException(
            "unknown option '" + arg + "' (see --help)");
      }
    }
    if (dbUser == null) {
      dbUser = dbUrl == null ? "sa" : "";
    }
    return new ServerOptions(port, Optional.ofNullable(dbUrl), dbUser, dbPassword, dataDir,
        python, maxJobs, heartbeat, idle, sampleData);
  }

  private static Path defaultPython() {
    Path venv = Path.of(".venv", "bin", "python");
    return Files.isExecutable(venv) ? venv.toAbsolutePath() : Path.of("python3");
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value (see --help)");
    }
    return args[i];
  }

  private static int intValue(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
    }
  }
}
