package org.sqlflow.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server JVM of the benchmark (ours or a peer) on a loopback port, with its output in a log. */
final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private JavaProcess(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmOptions> <-Dsqlflow.bench.serverJvmOptions> -cp <classpath> <mainClass>
   * <args>}, where {@code args} may contain {@code {port}}, and waits until the port accepts
   * connections.
   */
  static JavaProcess start(
      String name,
      List<String> jvmOptions,
      String classpath,
      String mainClass,
      List<String> args,
      Path logDir)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : jvmOptions) {
      command.add(option.replace("{name}", name));
    }
    String extra = System.getProperty("sqlflow.bench.serverJvmOptions", "").trim();
    if (!extra.isEmpty()) {
      // e.g. -XX:StartFlightRecording=filename=bench/target/{name}.jfr to profile the servers
      for (String option : extra.split("\\s+")) {
        command.add(option.replace("{name}", name));
      }
    }
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    for (String arg : args) {
      command.add(arg.replace("{port}", Integer.toString(port)));
    }
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    JavaProcess started = new JavaProcess(name, process, port, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!started.accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IOException(name + " did not start; its output:\n" + tail(log));
      }
      sleep(100);
    }
    return started;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ", port " + port + ", log " + log + ")";
  }
}
