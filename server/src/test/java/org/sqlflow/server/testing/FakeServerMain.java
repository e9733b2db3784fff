package org.sqlflow.server.testing;

import java.util.List;
import java.util.Map;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;

/**
 * A server of its own JVM that runs the fake training program, for tests that kill a server
 * process: {@code java -cp <test class path> FakeServerMain <server options>}.
 */
public final class FakeServerMain {
  private FakeServerMain() {}

  public static void main(String[] args) throws Exception {
    ServerOptions options = ServerOptions.parse(Map.of(), List.of(args));
    SqlflowServer server =
        SqlflowServer.start(options, (o, database, dataDir) -> new FakeTrainingHandler(o.python()));
    System.out.println("fake server listening on port " + server.port());
    server.join();
  }
}
