package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.sqlflow.server.job.ExitExplainer;

/**
 * How generated programs run: the Python interpreter and the directory holding the {@code
 * sqlflow_runtime} package, put on {@code PYTHONPATH}.
 */
public record PythonRuntime(Path python, Path runtimeDir) {
  static final String PACKAGE = "sqlflow_runtime";

  /** Python buffers stdout into a pipe; log rows must reach the client as they are printed. */
  public static final Map<String, String> UNBUFFERED = Map.of("PYTHONUNBUFFERED", "1");

  private static final String TRACEBACK = "Traceback (most recent call last):";

  public PythonRuntime {
    requireNonNull(python, "python");
    requireNonNull(runtimeDir, "runtimeDir");
  }

  /**
   * Copies the {@code sqlflow_runtime} package bundled in the server's jar (or classes directory)
   * into {@code target} and returns a runtime using it, so the jar alone suffices.
   */
  public static PythonRuntime bundled(Path python, Path target) throws IOException {
    URL marker = PythonRuntime.class.getClassLoader().getResource(PACKAGE + "/__init__.py");
    if (marker == null) {
      throw new IOException(PACKAGE + " is not bundled in the server's classpath");
    }
    Path packageDir = target.resolve(PACKAGE);
    Files.createDirectories(packageDir);
    if ("jar".equals(marker.getProtocol())) {
      JarFile jar = ((JarURLConnection) marker.openConnection()).getJarFile();
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.startsWith(PACKAGE + "/") && name.endsWith(".py") && !name.contains("..")) {
          Path file = target.resolve(name);
          Files.createDirectories(file.getParent());
          try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } else {
      Path source;
      try {
        source = Paths.get(marker.toURI()).getParent();
      } catch (URISyntaxException e) {
        throw new IOException(e);
      }
      List<Path> files;
      try (var walk = Files.walk(source)) {
        files = walk.filter(p -> p.toString().endsWith(".py")).toList();
      }
      for (Path file : files) {
        Path copy = packageDir.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new PythonRuntime(python, target);
  }

  /** {@code python -u <program>}: unbuffered, so every printed line is logged as printed. */
  public List<String> command(String program) {
    return List.of(python.toString(), "-u", program);
  }

  /** Variables added to the program's environment. */
  public Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PYTHONPATH", runtimeDir.toAbsolutePath().toString());
    environment.putAll(UNBUFFERED);
    environment.put("PYTHONDONTWRITEBYTECODE", "1");
    // TensorFlow's C++ start-up chatter is not useful in a user's log.
    environment.put("TF_CPP_MIN_LOG_LEVEL", "2");
    return Map.copyOf(environment);
  }

  /**
   * Why a Python program failed, in one line: the exception line of the last traceback in its
   * stderr if there is one, otherwise its exit status and last stderr line.
   */
  public static String causeOf(String stderr, int exitStatus) {
    String[] lines = stderr.split("\r\n|\r|\n");
    int traceback = -1;
    for (int i = lines.length - 1; i >= 0 && traceback < 0; i--) {
      if (lines[i].strip().equals(TRACEBACK)) {
        traceback = i;
      }
    }
    if (traceback >= 0) {
      // Frames are indented; the exception line is the first line after them that is not.
      for (int i = traceback + 1; i < lines.length; i++) {
        String line = lines[i];
        if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
          return ExitExplainer.shorten(line.strip());
        }
      }
    }
    return ExitExplainer.statusAndLastLine(stderr, exitStatus);
  }
}
