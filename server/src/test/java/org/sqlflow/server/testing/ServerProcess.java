package org.sqlflow.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server jar, started as its own process, as a user would run it. */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static Path jar() {
    Path jar = Path.of("target", "sqlflow-server.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException("package the server first: " + jar.toAbsolutePath());
    }
    return jar;
  }

  /**
   * Starts {@code java <jvmOptions> -jar sqlflow-server.jar --port 0 --python-check skip <args>}.
   */
  public static ServerProcess start(List<String> jvmOptions, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.add("--port");
    command.add("0");
    // Tests that need Python ask for the check explicitly (later options win).
    command.add("--python-check");
    command.add("skip");
    command.addAll(args);
    return launch(command);
  }

  /**
   * Starts {@code mainClass} of the test class path in a JVM of its own, e.g. {@link
   * FakeServerMain}; it must print "listening on port N".
   */
  public static ServerProcess startMain(Class<?> mainClass, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(mainClass.getName());
    command.addAll(args);
    return launch(command);
  }

  private static ServerProcess launch(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                  System.out.println("[server] " + line);
                  Matcher m = LISTENING.matcher(line);
                  if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                  }
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(
                  new IllegalStateException("server exited before listening"));
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(process, port.get(60, TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("server did not start", e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "jdbc:sqlflow://localhost:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: the server gets no chance to tidy up, as in a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
