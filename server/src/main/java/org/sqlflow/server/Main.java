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
    // Before the first logger exists: slf4j-simple reads its levels once.
    for (String level : options.logLevels()) {
      int equals = level.indexOf('=');
      if (equals < 0) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
      } else {
        System.setProperty(
            "org.slf4j.simpleLogger.log." + level.substring(0, equals),
            level.substring(equals + 1));
      }
    }
    SqlflowServer server;
    try {
      server = SqlflowServer.start(options);
    } catch (Exception e) {
      // A port in use, an unreadable data directory, no TensorFlow: one line, not a trace.
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      System.err.println(
          "sqlflow-server: cannot start: "
              + (root instanceof IllegalStateException ? root.getMessage() : root.toString()));
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sqlflow-shutdown"));
    System.out.println(
        "SQLFlow server listening on port "
            + server.port()
            + " of "
            + options.bind()
            + ", backing database "
            + server.databaseUrl()
            + "; connect with "
            + server.clientUrl(options.bind().equals("0.0.0.0") ? "localhost" : options.bind()));
    server.join();
  }
}
