package org.sqlflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs one of the benchmark's Python scripts, which answer {@code rows <n> seconds <s> ...}. */
final class PythonScript {
  private PythonScript() {}

  record Timing(long rows, double seconds) {}

  static Timing run(Path python, Path script, Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    String[] parts = last.split(" ");
    if (status != 0 || parts.length < 4 || !parts[0].equals("rows")) {
      throw new IOException(
          script.getFileName()
              + " failed (status "
              + status
              + "): "
              + output.strip().lines().reduce((a, b) -> b).orElse("no output"));
    }
    return new Timing(Long.parseLong(parts[1]), Double.parseDouble(parts[3]));
  }

  /** Whether the interpreter can import a module. */
  static boolean canImport(Path python, String module) throws InterruptedException {
    try {
      Process process =
          new ProcessBuilder(python.toString(), "-c", "import " + module)
              .redirectErrorStream(true)
              .start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
