package org.sqlflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What the numbers were measured on, for the report's first table. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe(BenchEnvironment env) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "CPU",
        cpuModel()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores available to the JVM");
    facts.put("Memory", memTotal());
    facts.put(
        "OS",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")");
    facts.put(
        "JDK",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    facts.put("Database", database(env));
    facts.put("Python", python(env.options().python(), env.options().root()));
    Properties versions = versions();
    facts.put(
        "Versions",
        "our Avatica "
            + versions.getProperty("avatica")
            + ", stock Avatica server "
            + versions.getProperty("avatica.standalone")
            + ", mysql-connector-j "
            + versions.getProperty("mysql")
            + ", H2 "
            + versions.getProperty("h2")
            + ", PyMySQL (baseline) "
            + versions.getProperty("pymysql"));
    facts.put(
        "JVMs",
        "benchmark client "
            + Runtime.getRuntime().maxMemory() / 1048576
            + " MiB max heap; each server "
            + String.join(" ", BenchEnvironment.SERVER_JVM));
    return facts;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith("MemTotal"))
          .findFirst()
          .map(
              l ->
                  String.format("%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String database(BenchEnvironment env) {
    try (Connection c = env.direct();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT VERSION()")) {
      rs.next();
      return "MariaDB/MySQL "
          + rs.getString(1)
          + " on "
          + env.options().mysqlHost()
          + ":"
          + env.options().mysqlPort()
          + " (same machine)";
    } catch (Exception e) {
      return "unreachable: " + e.getMessage();
    }
  }

  /**
   * The version, and the interpreter's path relative to the checkout so the report names no
   * machine.
   */
  private static String python(Path python, Path root) {
    try {
      Process p =
          new ProcessBuilder(python.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      Path absolute = python.toAbsolutePath().normalize();
      Path checkout = root.toAbsolutePath().normalize();
      return out
          + " ("
          + (absolute.startsWith(checkout) ? checkout.relativize(absolute) : python.getFileName())
          + ")";
    } catch (IOException e) {
      return "unavailable: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  static Properties versions() {
    Properties versions = new Properties();
    try (InputStream in = Machine.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    } catch (IOException e) {
      // the report then says null: nothing to measure depends on it
    }
    return versions;
  }
}
