package org.sqlflow.server.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real Python interpreter to check what generated code means. */
public final class PythonChecks {
  /** Test interpreter: system property sqlflow.test.python, else python3. */
  public static final String PYTHON = System.getProperty("sqlflow.test.python.plain", "python3");

  private PythonChecks() {}

  /** Runs {@code python -c script args...}; returns stdout, or throws with stderr. */
  public static String run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("python failed: " + new String(err, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * Parses {@code program} and checks that every top-level assignment to an UPPER_CASE name holds a
   * pure literal (ast.literal_eval accepts it); executes only those assignments and prints their
   * names. Fails on a syntax error or a non-literal value.
   */
  public static String checkLiteralSection(Path program) throws IOException, InterruptedException {
    String script =
        String.join(
            "\n",
            "import ast, sys",
            "tree = ast.parse(open(sys.argv[1], encoding='utf-8').read())",
            "names = []",
            "for node in tree.body:",
            "    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) \\",
            "            and node.targets[0].id.isupper():",
            "        ast.literal_eval(node.value)",
            "        names.append(node.targets[0].id)",
            "print(' '.join(names))");
    return run(script, program.toString()).trim();
  }

  public static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
