package org.sqlflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.registry.RegistrySettings;

class ServerOptionsTest {

  @Test
  void defaultsServeTheEmbeddedDatabaseOnPort8765() throws Exception {
    ServerOptions options = ServerOptions.parse();
    assertEquals(8765, options.port());
    assertEquals(Optional.empty(), options.dbUrl());
    assertEquals("sa", options.dbUser());
    assertEquals(Path.of("data"), options.dataDir());
    assertEquals(Duration.ofSeconds(15), options.heartbeat());
    assertEquals(Duration.ofMinutes(30), options.idleTimeout());
  }

  @Test
  void everyOptionIsRead() throws Exception {
    ServerOptions options =
        ServerOptions.parse(
            Map.of(),
            List.of(
                "--port",
                "9000",
                "--db",
                "jdbc:mysql://h/",
                "--db-user",
                "u",
                "--db-password",
                "p",
                "--data-dir",
                "/tmp/d",
                "--python",
                "/bin/py",
                "--max-jobs",
                "3",
                "--heartbeat-seconds",
                "5",
                "--idle-timeout-minutes",
                "7",
                "--sample-data",
                "--bind",
                "0.0.0.0",
                "--python-check",
                "warn",
                "--max-connections",
                "9",
                "--max-connections-per-login",
                "4",
                "--client-idle-minutes",
                "2",
                "--max-request-mb",
                "3",
                "--request-read-seconds",
                "8",
                "--http-idle-seconds",
                "60",
                "--tls-keystore",
                "/k.p12",
                "--tls-keystore-password",
                "kp",
                "--job-memory-rows",
                "50",
                "--kill-grace-seconds",
                "2",
                "--job-retention-minutes",
                "11",
                "--fetch-size",
                "10",
                "--batch-size",
                "20",
                "--model-chunk-kb",
                "64",
                "--sample-rows",
                "30",
                "--log-level",
                "debug",
                "--log-level",
                "org.sqlflow.server.session=trace",
                "--job-registry",
                "jobs_here",
                "--server-name",
                "a1",
                "--job-retention",
                "12h",
                "--registry-poll-ms",
                "500",
                "--server-stale-seconds",
                "9"));
    assertEquals(
        new ServerOptions(
            9000,
            "0.0.0.0",
            Optional.of("jdbc:mysql://h/"),
            "u",
            "p",
            Path.of("/tmp/d"),
            Path.of("/bin/py"),
            ServerOptions.PythonCheck.WARN,
            true,
            false,
            false,
            9,
            4,
            Duration.ofMinutes(2),
            3L << 20,
            Duration.ofSeconds(8),
            Duration.ofSeconds(60),
            Optional.of(Path.of("/k.p12")),
            "kp",
            3,
            Optional.empty(),
            Duration.ofSeconds(5),
            Duration.ofMinutes(7),
            50,
            Duration.ofSeconds(2),
            Duration.ofMinutes(11),
            10,
            20,
            64 * 1024,
            30,
            List.of("debug", "org.sqlflow.server.session=trace"),
            new RegistrySettings(
                "jobs_here",
                "a1",
                Duration.ofMillis(500),
                Duration.ofSeconds(9),
                Duration.ofHours(12),
                Duration.ofMillis(100))),
        options);
  }

  @Test
  void theRegistryKeepsEndedJobsAWeekUnderADefaultNameOfHostAndDataDirectory() throws Exception {
    ServerOptions options = ServerOptions.parse(Map.of(), List.of("--data-dir", "/tmp/x"));
    assertEquals("sqlflow_jobs", options.registry().schema());
    assertEquals(Duration.ofDays(7), options.registry().retention());
    assertTrue(
        options.registry().serverName().endsWith(":/tmp/x"), options.registry().serverName());
  }

  @Test
  void badRegistryOptionsAreRefusedWithTheOptionsName() {
    IllegalArgumentException retention =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerOptions.parse(Map.of(), List.of("--job-retention", "7 days")));
    assertEquals(
        "--job-retention must be a number and a unit d, h, m or s (e.g. 7d), got '7 days'",
        retention.getMessage());
    IllegalArgumentException schema =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerOptions.parse(Map.of(), List.of("--job-registry", "a`b")));
    assertTrue(schema.getMessage().startsWith("--job-registry: invalid name"), schema.getMessage());
  }

  @Test
  void theServerListensOnLoopbackAndEveryClientLogsInByDefault() throws Exception {
    ServerOptions options = ServerOptions.parse(Map.of(), List.of());
    assertEquals("127.0.0.1", options.bind());
    assertFalse(options.allowAnonymous());
    assertEquals(Optional.empty(), options.tlsKeystore());
  }

  @Test
  void anonymousUseOnANetworkAddressNeedsToBeForced() throws Exception {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerOptions.parse(Map.of(), List.of("--bind", "0.0.0.0", "--allow-anonymous")));
    assertTrue(refused.getMessage().contains("--allow-anonymous-on-network"), refused.getMessage());
    assertTrue(
        ServerOptions.parse(
                Map.of(),
                List.of("--bind", "0.0.0.0", "--allow-anonymous", "--allow-anonymous-on-network"))
            .allowAnonymous());
    assertTrue(ServerOptions.parse(Map.of(), List.of("--allow-anonymous")).allowAnonymous());
  }

  @Test
  void theDatabasePasswordComesFromAFileOrTheEnvironmentAndIsNeverPrinted(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("pw"), "from-file\n");
    ServerOptions fromFile =
        ServerOptions.parse(
            Map.of(ServerOptions.DB_PASSWORD_VARIABLE, "from-env"),
            List.of("--db-password-file", file.toString()));
    assertEquals("from-file", fromFile.dbPassword());
    ServerOptions fromEnv =
        ServerOptions.parse(Map.of(ServerOptions.DB_PASSWORD_VARIABLE, "from-env"), List.of());
    assertEquals("from-env", fromEnv.dbPassword());
    assertFalse(fromEnv.toString().contains("from-env"), fromEnv.toString());
  }

  @Test
  void everyKnobHasItsLineInTheHelp() {
    for (String option :
        List.of(
            "--bind",
            "--allow-anonymous",
            "--max-connections",
            "--max-connections-per-login",
            "--client-idle-minutes",
            "--max-request-mb",
            "--request-read-seconds",
            "--http-idle-seconds",
            "--tls-keystore",
            "--tls-keystore-password",
            "--db-password-file",
            "--python-check",
            "--job-memory-rows",
            "--kill-grace-seconds",
            "--job-retention-minutes",
            "--fetch-size",
            "--batch-size",
            "--model-chunk-kb",
            "--sample-rows",
            "--log-level")) {
      assertTrue(ServerOptions.USAGE.contains(option + " "), option);
    }
  }

  @Test
  void helpIsAskedForAndBadInputIsExplained() {
    assertThrows(ServerOptions.HelpRequested.class, () -> ServerOptions.parse("--help"));
    assertTrue(ServerOptions.USAGE.contains("--db <jdbc url>"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--prot", "1"));
    assertEquals("unknown option '--prot' (see --help)", unknown.getMessage());
    IllegalArgumentException notNumber =
        assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--port", "x"));
    assertEquals("--port must be a number, got 'x'", notNumber.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--max-jobs", "0"));
    assertThrows(IllegalArgumentException.class, () -> ServerOptions.parse("--db"));
  }

  @Test
  void aRayAddressSendsJobsToTheClusterWhoseResourcesBoundThem() throws Exception {
    ServerOptions ray = ServerOptions.parse("--ray-address", "http://head:8265");
    assertEquals(Optional.of(URI.create("http://head:8265")), ray.rayAddress());
    assertEquals(ServerOptions.RAY_MAX_JOBS, ray.maxJobs());
    assertEquals(
        5, ServerOptions.parse("--ray-address", "http://h:1", "--max-jobs", "5").maxJobs());
    ServerOptions local = ServerOptions.parse();
    assertEquals(Optional.empty(), local.rayAddress());
    assertEquals(2, local.maxJobs());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerOptions.parse("--ray-address", "head:8265"));
    assertTrue(
        bad.getMessage().startsWith("--ray-address must be the Ray dashboard's"), bad.getMessage());
    assertTrue(ServerOptions.USAGE.contains("--ray-address <url>"));
  }
}
