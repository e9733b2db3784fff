package org.sqlflow.server.job.ray;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A job's files as one zip for Ray's runtime_env {@code working_dir}: the job directory (program,
 * fed data, a restored model) and the runtime package beside it, entries relative to the zip's root
 * as Ray unpacks a {@code gcs://} package. Named by content, as Ray names its own packages.
 *
 * @param name {@code _ray_pkg_<sha1>.zip}
 * @param bytes the zip
 */
record WorkingDirPackage(String name, byte[] bytes) {

  /** Zips every file under each of {@code roots}, each relative to its root (later roots win). */
  static WorkingDirPackage of(List<Path> roots) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
      Set<String> names = new HashSet<>();
      for (int i = roots.size() - 1; i >= 0; i--) {
        Path root = roots.get(i);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          String name = root.relativize(file).toString().replace('\\', '/');
          if (name.contains("__pycache__") || !names.add(name)) {
            continue;
          }
          zip.putNextEntry(new ZipEntry(name));
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
    }
    byte[] bytes = buffer.toByteArray();
    return new WorkingDirPackage("_ray_pkg_" + sha1(bytes) + ".zip", bytes);
  }

  /** Unpacks the program's outputs into {@code target}, refusing entries that leave it. */
  static void extract(byte[] zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        Path file = root.resolve(entry.getName()).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
          throw new IOException("the job's outputs hold a path outside its directory");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        copy(in, file);
      }
    }
  }

  private static void copy(InputStream in, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      in.transferTo(out);
    }
  }

  private static String sha1(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }
}
