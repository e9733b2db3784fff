package org.sqlflow.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
    ServerOptions options = ServerOptions.parse("--port", "9000", "--db", "jdbc:mysql://h/",
        "--db-user", "u", "--db-password", "p", "--data-dir", "/tmp/d", "--python", "/bin/py",
        "--max-jobs", "3", "--heartbeat-seconds", "5", "--idle-timeout-minutes", "7",
        "--sample-data");
    assertEquals(new ServerOptions(9000, Optional.of("jdbc:mysql://h/"), "u", "p",
        Path.of("/tmp/d"), Path.of("/bin/py"), 3, Duration.ofSeconds(5), Duration.ofMinutes(7),
        true), options);
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
}
