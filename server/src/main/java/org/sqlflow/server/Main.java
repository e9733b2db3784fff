package org.sqlflow.server;

/** {@code java -jar sqlflow-server.jar}: starts the server and serves until stopped. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (ServerOptions.HelpRequested e) {
      System.out.println(ServerOptions.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("sqlflow-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    SqlflowServer server;
    try {
      server = SqlflowServer.start(options);
    } catch (Exception e) {
      // A port in use, an unreadable data directory: one line, not a stack trace.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      System.err.println("sqlflow-server: cannot start: " + root);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sqlflow-shutdown"));
    System.out.println("SQLFlow server listening on port " + server.port()
        + ", backing database " + server.databaseUrl());
    server.join();
  }
}
