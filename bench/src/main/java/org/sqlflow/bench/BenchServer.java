package org.sqlflow.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.sqlflow.server.ServerOptions;
import org.sqlflow.server.SqlflowServer;

/**
 * Our server as the benchmark runs it, in a JVM of its own like the peers: {@code BenchServer
 * --stamps <stamps.py> <server options>} plugs in {@link BenchTrainingHandler}; without {@code
 * --stamps} it is the server exactly as shipped.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    SqlflowServer server;
    if (args.length >= 2 && args[0].equals("--stamps")) {
      Path script = Path.of(args[1]);
      ServerOptions options = ServerOptions.parse(Arrays.copyOfRange(args, 2, args.length));
      server =
          SqlflowServer.start(
              options,
              (opts, database, dataDir) -> new BenchTrainingHandler(opts.python(), script));
    } else {
      server = SqlflowServer.start(ServerOptions.parse(args));
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-server-shutdown"));
    System.out.println("SQLFlow bench server listening on port " + server.port());
    server.join();
  }
}
