package org.sqlflow.server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.registry.RegistrySettings;

/**
 * Every setting of the server, in one place: each knob with its default and its line in {@code
 * --help}. Nothing else in the server hard-codes a limit an operator may want to change.
 *
 * @param dbUrl the backing database; empty means the embedded H2 database in {@code dataDir}
 * @param dbPassword the server's database password (from the command line, a file, or {@code
 *     SQLFLOW_DB_PASSWORD}); never printed
 * @param idleTimeout a running job whose log nobody reads for this long is stopped
 * @param clientIdle a client connection unused for this long is closed with its database connection
 * @param rayAddress the Ray cluster's Jobs API (dashboard) that runs every job; empty: local
 *     processes
 */
public record ServerOptions(
    int port,
    String bind,
    Optional<String> dbUrl,
    String dbUser,
    String dbPassword,
    Path dataDir,
    Path python,
    PythonCheck pythonCheck,
    boolean sampleData,
    boolean allowAnonymous,
    boolean allowAnonymousOnNetwork,
    int maxConnections,
    int maxConnectionsPerLogin,
    Duration clientIdle,
    long maxRequestBytes,
    Duration requestReadTimeout,
    Duration httpIdle,
    Optional<Path> tlsKeystore,
    String tlsKeystorePassword,
    int maxJobs,
    Optional<URI> rayAddress,
    Duration heartbeat,
    Duration idleTimeout,
    int jobMemoryRows,
    Duration killGrace,
    Duration jobRetention,
    int fetchSize,
    int batchSize,
    int modelChunkBytes,
    int sampleRows,
    List<String> logLevels,
    RegistrySettings registry) {

  /** What the server does at start when its Python runtime is missing or lacks TensorFlow. */
  public enum PythonCheck {
    REQUIRE,
    WARN,
    SKIP
  }

  /** The environment variable the database password may come from. */
  public static final String DB_PASSWORD_VARIABLE = "SQLFLOW_DB_PASSWORD";

  public static final String TLS_PASSWORD_VARIABLE = "SQLFLOW_TLS_KEYSTORE_PASSWORD";

  /**
   * --max-jobs with a Ray cluster: jobs wait in the cluster's queue for its resources, so the
   * server's own limit is only a backstop.
   */
  static final int RAY_MAX_JOBS = 64;

  public static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar server/target/sqlflow-server.jar [options]",
          "",
          "SQLFlow server: an Avatica HTTP server (protobuf) for jdbc:sqlflow: clients. Standard SQL",
          "goes to the backing database; TO TRAIN/PREDICT/EVALUATE/EXPLAIN and SHOW TRAIN run as",
          "TensorFlow jobs whose log streams back as rows. See docs/security.md for who can do what.",
          "",
          "Network:",
          "  --port <n>                  HTTP(S) port (default 8765; 0 picks a free one)",
          "  --bind <address>            address to listen on (default 127.0.0.1; 0.0.0.0 = all)",
          "  --tls-keystore <file>       serve HTTPS with this PKCS12/JKS keystore (default: HTTP)",
          "  --tls-keystore-password <s> its password (or --tls-keystore-password-file <file>, or",
          "                              $" + TLS_PASSWORD_VARIABLE + ")",
          "",
          "Backing database:",
          "  --db <jdbc url>             e.g. jdbc:mysql://127.0.0.1:3306/",
          "                              (default: embedded H2 in MySQL mode under --data-dir)",
          "  --db-user <name>            the server's database account (default: sa for H2)",
          "  --db-password-file <file>   its password, first line of the file (or $"
              + DB_PASSWORD_VARIABLE
              + ";",
          "                              --db-password <secret> works too but shows in ps)",
          "  --data-dir <dir>            embedded database and job directories (default ./data)",
          "  --sample-data               load the sample datasets (iris, ...) when missing",
          "",
          "Logins and limits:",
          "  --allow-anonymous           clients that give no user name work as the server's",
          "                              client account (default: every client logs in)",
          "  --allow-anonymous-on-network  permit --allow-anonymous with a non-loopback --bind",
          "  --max-connections <n>       open client connections in total (default 100)",
          "  --max-connections-per-login <n>  ... per login (default 20)",
          "  --client-idle-minutes <n>   close a client connection unused this long (default 5)",
          "  --max-request-mb <n>        largest request body (default 16)",
          "  --request-read-seconds <n>  a request body must arrive within this (default 30)",
          "  --http-idle-seconds <n>     close an idle HTTP connection (default 120; must exceed",
          "                              the heartbeat)",
          "",
          "Jobs:",
          "  --python <path>             interpreter for generated programs (default: the",
          "                              installation's .venv/bin/python, else python3)",
          "  --python-check <mode>       require | warn | skip: at start, check the interpreter",
          "                              and that TensorFlow imports (default require)",
          "  --max-jobs <n>              jobs running at once; more wait (default 2, with",
          "                              --ray-address "
              + RAY_MAX_JOBS
              + ": the cluster's resources bound them)",
          "  --ray-address <url>         run every job on this Ray cluster, e.g. http://head:8265",
          "                              (its dashboard's Jobs API; default: local processes)",
          "  --heartbeat-seconds <n>     longest a fetch waits for a log row (default 15)",
          "  --idle-timeout-minutes <n>  stop a job whose client stopped reading (default 30)",
          "  --job-memory-rows <n>       log rows per job kept in memory, more spill (default 10000)",
          "  --kill-grace-seconds <n>    a cancelled program's time before SIGKILL (default 1)",
          "  --job-retention-minutes <n> an ended statement's job stays in memory this long",
          "                              (default 10)",
          "  --fetch-size <n>            rows per database round trip when feeding (default 1000)",
          "  --batch-size <n>            rows per INSERT batch of PREDICT INTO (default 1000)",
          "  --model-chunk-kb <n>        size of a stored model's rows (default 1024)",
          "  --sample-rows <n>           rows read to learn a SELECT's columns (default 1000)",
          "",
          "Job registry (SUBMIT, SHOW JOB LOG; shared by servers in front of one database):",
          "  --job-registry <name>       the registry's own database/schema (default sqlflow_jobs;",
          "                              on H2 it lives in a file of its own under --data-dir)",
          "  --server-name <name>        this server's lasting name (default <host>:<data dir>);",
          "                              a restart fails the jobs its former life left running",
          "  --job-retention <duration>  ended jobs and their logs are removed after this, e.g.",
          "                              7d, 12h, 30m, 45s (default 7d)",
          "  --registry-poll-ms <n>      heartbeat and KILL JOB requests from other servers",
          "                              (default 1000)",
          "  --server-stale-seconds <n>  a server silent this long is dead: its jobs fail",
          "                              (default 30)",
          "",
          "Other:",
          "  --log-level <level>         error|warn|info|debug for the server's log (default info);",
          "                              <package>=<level> sets one package, e.g.",
          "                              org.sqlflow.server.session=debug (repeatable)",
          "  --help                      print this help");

  public ServerOptions {
    requireNonNull(bind, "bind");
    requireNonNull(dbUrl, "dbUrl");
    requireNonNull(dbUser, "dbUser");
    requireNonNull(dbPassword, "dbPassword");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(python, "python");
    requireNonNull(pythonCheck, "pythonCheck");
    requireNonNull(clientIdle, "clientIdle");
    requireNonNull(requestReadTimeout, "requestReadTimeout");
    requireNonNull(httpIdle, "httpIdle");
    requireNonNull(tlsKeystore, "tlsKeystore");
    requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
    requireNonNull(rayAddress, "rayAddress");
    requireNonNull(heartbeat, "heartbeat");
    requireNonNull(idleTimeout, "idleTimeout");
    requireNonNull(killGrace, "killGrace");
    requireNonNull(jobRetention, "jobRetention");
    requireNonNull(registry, "registry");
    logLevels = List.copyOf(logLevels);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0..65535, got " + port);
    }
    atLeast("--max-jobs", maxJobs, 1);
    atLeast("--max-connections", maxConnections, 1);
    atLeast("--max-connections-per-login", maxConnectionsPerLogin, 1);
    atLeast("--max-request-mb", maxRequestBytes, 1);
    atLeast("--job-memory-rows", jobMemoryRows, 2);
    atLeast("--fetch-size", fetchSize, 1);
    atLeast("--batch-size", batchSize, 1);
    atLeast("--model-chunk-kb", modelChunkBytes, 1);
    atLeast("--sample-rows", sampleRows, 1);
    if (httpIdle.compareTo(heartbeat) <= 0) {
      throw new IllegalArgumentException(
          "--http-idle-seconds ("
              + httpIdle.toSeconds()
              + ") must exceed --heartbeat-seconds ("
              + heartbeat.toSeconds()
              + "): a fetch waits that long without sending a byte");
    }
    if (allowAnonymous && !allowAnonymousOnNetwork && !isLoopback(bind)) {
      throw new IllegalArgumentException(
          "--allow-anonymous with --bind "
              + bind
              + " lets anyone on the network use the server's account; bind 127.0.0.1, or add"
              + " --allow-anonymous-on-network if that is really meant");
    }
  }

  /** Thrown for {@code --help}: the caller prints {@link #USAGE} and exits normally. */
  public static final class HelpRequested extends Exception {
    public HelpRequested() {
      super("help");
    }
  }

  public static ServerOptions parse(String... args) throws HelpRequested {
    return parse(System.getenv(), List.of(args));
  }

  /** Parses {@code args}; {@code environment} supplies the passwords not given as options. */
  public static ServerOptions parse(Map<String, String> environment, List<String> args)
      throws HelpRequested {
    int port = 8765;
    String bind = "127.0.0.1";
    String dbUrl = null;
    String dbUser = null;
    String dbPassword = null;
    Path dataDir = Path.of("data");
    Path python = null;
    PythonCheck pythonCheck = PythonCheck.REQUIRE;
    boolean sampleData = false;
    boolean allowAnonymous = false;
    boolean anonymousOnNetwork = false;
    int maxConnections = 100;
    int maxPerLogin = 20;
    Duration clientIdle = Duration.ofMinutes(5);
    long maxRequestBytes = 16L << 20;
    Duration requestRead = Duration.ofSeconds(30);
    Duration httpIdle = Duration.ofSeconds(120);
    Path keystore = null;
    String keystorePassword = null;
    Integer maxJobs = null;
    URI rayAddress = null;
    Duration heartbeat = Duration.ofSeconds(15);
    Duration idle = Duration.ofMinutes(30);
    int memoryRows = 10_000;
    Duration killGrace = Duration.ofSeconds(1);
    Duration retention = Duration.ofMinutes(10);
    int fetchSize = 1000;
    int batchSize = 1000;
    int chunkBytes = 1 << 20;
    int sampleRows = 1000;
    List<String> logLevels = new java.util.ArrayList<>();
    String registrySchema = "sqlflow_jobs";
    String serverName = null;
    Duration registryRetention = Duration.ofDays(7);
    Duration registryPoll = Duration.ofSeconds(1);
    Duration staleAfter = Duration.ofSeconds(30);
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      switch (arg) {
        case "--help", "-h" -> throw new HelpRequested();
        case "--sample-data" -> sampleData = true;
        case "--allow-anonymous" -> allowAnonymous = true;
        case "--allow-anonymous-on-network" -> anonymousOnNetwork = true;
        case "--port" -> port = intValue(arg, value(args, ++i, arg));
        case "--bind" -> bind = value(args, ++i, arg);
        case "--db" -> dbUrl = value(args, ++i, arg);
        case "--db-user" -> dbUser = value(args, ++i, arg);
        case "--db-password" -> dbPassword = value(args, ++i, arg);
        case "--db-password-file" -> dbPassword = firstLine(arg, value(args, ++i, arg));
        case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
        case "--python" -> python = Path.of(value(args, ++i, arg));
        case "--python-check" -> pythonCheck = pythonCheck(value(args, ++i, arg));
        case "--max-connections" -> maxConnections = intValue(arg, value(args, ++i, arg));
        case "--max-connections-per-login" -> maxPerLogin = intValue(arg, value(args, ++i, arg));
        case "--client-idle-minutes" -> clientIdle = minutes(arg, value(args, ++i, arg));
        case "--max-request-mb" ->
            maxRequestBytes = ((long) intValue(arg, value(args, ++i, arg))) << 20;
        case "--request-read-seconds" -> requestRead = seconds(arg, value(args, ++i, arg));
        case "--http-idle-seconds" -> httpIdle = seconds(arg, value(args, ++i, arg));
        case "--tls-keystore" -> keystore = Path.of(value(args, ++i, arg));
        case "--tls-keystore-password" -> keystorePassword = value(args, ++i, arg);
        case "--tls-keystore-password-file" ->
            keystorePassword = firstLine(arg, value(args, ++i, arg));
        case "--max-jobs" -> maxJobs = intValue(arg, value(args, ++i, arg));
        case "--ray-address" -> rayAddress = rayAddress(value(args, ++i, arg));
        case "--heartbeat-seconds" -> heartbeat = seconds(arg, value(args, ++i, arg));
        case "--idle-timeout-minutes" -> idle = minutes(arg, value(args, ++i, arg));
        case "--job-memory-rows" -> memoryRows = intValue(arg, value(args, ++i, arg));
        case "--kill-grace-seconds" -> killGrace = seconds(arg, value(args, ++i, arg));
        case "--job-retention-minutes" -> retention = minutes(arg, value(args, ++i, arg));
        case "--fetch-size" -> fetchSize = intValue(arg, value(args, ++i, arg));
        case "--batch-size" -> batchSize = intValue(arg, value(args, ++i, arg));
        case "--model-chunk-kb" -> chunkBytes = intValue(arg, value(args, ++i, arg)) * 1024;
        case "--sample-rows" -> sampleRows = intValue(arg, value(args, ++i, arg));
        case "--log-level" -> logLevels.add(logLevel(value(args, ++i, arg)));
        case "--job-registry" -> registrySchema = value(args, ++i, arg);
        case "--server-name" -> serverName = value(args, ++i, arg);
        case "--job-retention" -> registryRetention = duration(arg, value(args, ++i, arg));
        case "--registry-poll-ms" ->
            registryPoll = Duration.ofMillis(intValue(arg, value(args, ++i, arg)));
        case "--server-stale-seconds" -> staleAfter = seconds(arg, value(args, ++i, arg));
        default -> throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
      }
    }
    if (dbUser == null) {
      dbUser = dbUrl == null ? "sa" : "";
    }
    if (dbPassword == null) {
      dbPassword = environment.getOrDefault(DB_PASSWORD_VARIABLE, "");
    }
    if (keystorePassword == null) {
      keystorePassword = environment.getOrDefault(TLS_PASSWORD_VARIABLE, "");
    }
    return new ServerOptions(
        port,
        bind,
        Optional.ofNullable(dbUrl),
        dbUser,
        dbPassword,
        dataDir,
        python == null ? defaultPython() : python,
        pythonCheck,
        sampleData,
        allowAnonymous,
        anonymousOnNetwork,
        maxConnections,
        maxPerLogin,
        clientIdle,
        maxRequestBytes,
        requestRead,
        httpIdle,
        Optional.ofNullable(keystore),
        keystorePassword,
        maxJobs != null ? maxJobs : rayAddress != null ? RAY_MAX_JOBS : 2,
        Optional.ofNullable(rayAddress),
        heartbeat,
        idle,
        memoryRows,
        killGrace,
        retention,
        fetchSize,
        batchSize,
        chunkBytes,
        sampleRows,
        logLevels,
        new RegistrySettings(
            registrySchema,
            serverName == null ? defaultServerName(dataDir) : serverName,
            positive("--registry-poll-ms", registryPoll),
            staleAfter,
            positive("--job-retention", registryRetention),
            REGISTRY_WRITE_EVERY));
  }

  /** How often log rows of detached jobs go to the registry, in one batch. */
  private static final Duration REGISTRY_WRITE_EVERY = Duration.ofMillis(100);

  /** The host and data directory: what stays the same when this installation restarts. */
  private static String defaultServerName(Path dataDir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + dataDir.toAbsolutePath().normalize();
  }

  private static Duration positive(String option, Duration value) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(option + " must be positive");
    }
    return value;
  }

  /** {@code 7d}, {@code 12h}, {@code 30m} or {@code 45s}. */
  private static Duration duration(String option, String value) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{1,9})([dhms])").matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option + " must be a number and a unit d, h, m or s (e.g. 7d), got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** The password never appears in logs or test failure messages. */
  @Override
  public String toString() {
    return "ServerOptions[port="
        + port
        + ", bind="
        + bind
        + ", db="
        + dbUrl.orElse("embedded")
        + ", dbUser="
        + dbUser
        + ", dataDir="
        + dataDir
        + ", python="
        + python
        + ", allowAnonymous="
        + allowAnonymous
        + ", tls="
        + tlsKeystore.isPresent()
        + "]";
  }

  /**
   * The interpreter of the installation, not of the current directory: the server jar lives in
   * {@code <checkout>/server/target/}, {@code bin/setup-python} makes {@code <checkout>/.venv}.
   */
  static Path defaultPython() {
    try {
      Path code =
          Path.of(ServerOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = code.getParent() == null ? null : code.getParent().getParent();
      if (root != null && root.getParent() != null) {
        Path venv = root.getParent().resolve(".venv").resolve("bin").resolve("python");
        if (Files.isExecutable(venv)) {
          return venv.toAbsolutePath();
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // No code source (an unusual class loader): fall back to PATH.
    }
    return Path.of("python3");
  }

  static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static void atLeast(String option, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(
          option + " must be at least " + minimum + ", got " + value);
    }
  }

  private static String firstLine(String option, String file) {
    try {
      List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : lines.get(0);
    } catch (IOException e) {
      throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e + ")");
    }
  }

  private static URI rayAddress(String value) {
    try {
      URI address = new URI(value);
      if (("http".equals(address.getScheme()) || "https".equals(address.getScheme()))
          && address.getHost() != null) {
        return address;
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(
        "--ray-address must be the Ray dashboard's http(s) address, e.g. http://head:8265, got '"
            + value
            + "'");
  }

  private static PythonCheck pythonCheck(String value) {
    try {
      return PythonCheck.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--python-check must be require, warn or skip, got '" + value + "'");
    }
  }

  private static String logLevel(String value) {
    String level = value.substring(value.indexOf('=') + 1).toLowerCase(Locale.ROOT);
    if (!List.of("error", "warn", "info", "debug", "trace", "off").contains(level)) {
      throw new IllegalArgumentException(
          "--log-level must be error, warn, info, debug or"
              + " <package>=<level>, got '"
              + value
              + "'");
    }
    return value;
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value (see --help)");
    }
    return args.get(i);
  }

  private static Duration seconds(String option, String value) {
    return Duration.ofSeconds(intValue(option, value));
  }

  private static Duration minutes(String option, String value) {
    return Duration.ofMinutes(intValue(option, value));
  }

  private static int intValue(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a number, got '" + value + "'");
    }
  }
}
