package org.sqlflow.server.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.error.SqlflowException;

/**
 * Keeps trained models in the backing database. A model {@code db.m} is a table of ordered binary
 * rows: row 0 holds {@code metadata.json}, rows 1..n the model directory as a zip archive cut into
 * chunks. Saving writes a temporary table and swaps it in only once complete, so a failed or
 * cancelled save keeps the previous model.
 */
public final class ModelStore {
  private static final int DEFAULT_CHUNK_BYTES = 1 << 20;

  private final int chunkBytes;

  public ModelStore(int chunkBytes) {
    if (chunkBytes <= 0) {
      throw new IllegalArgumentException("chunkBytes must be positive");
    }
    this.chunkBytes = chunkBytes;
  }

  public ModelStore() {
    this(DEFAULT_CHUNK_BYTES);
  }

  /**
   * Stores {@code modelDir} (which must hold {@code metadata.json}) as model {@code name},
   * replacing any model of that name only after the new one is completely written.
   */
  public ModelMetadata save(
      ConnectionSource db, String name, Path modelDir, CancellationCheck cancellation)
      throws SqlflowException, SQLException, IOException, JobCancelledException {
    String json =
        Files.readString(modelDir.resolve(JobFiles.MODEL_METADATA), StandardCharsets.UTF_8);
    ModelMetadata metadata = ModelMetadata.parse(json);
    Path archive = Files.createTempFile(modelDir.getParent(), "model", ".zip");
    try {
      zip(modelDir, archive);
      SqlDialect dialect = db.dialect();
      String temporary = TableReplacer.temporaryName(name);
      try (Connection connection = db.open()) {
        connection.setAutoCommit(true);
        requireModelOrAbsent(connection, dialect, name);
        TableReplacer.ensureSchema(connection, dialect, name);
        TableReplacer.execute(
            connection,
            "CREATE TABLE "
                + dialect.quoteQualified(temporary)
                + " (id INT NOT NULL PRIMARY KEY, block "
                + dialect.blobType()
                + ")");
        try {
          writeChunks(connection, dialect, temporary, json, archive, cancellation);
          TableReplacer.replace(connection, dialect, temporary, name);
        } catch (SqlflowException
            | SQLException
            | IOException
            | JobCancelledException
            | RuntimeException e) {
          TableReplacer.dropQuietly(connection, dialect, temporary);
          throw e;
        }
      }
      return metadata;
    } finally {
      Files.deleteIfExists(archive);
    }
  }

  /**
   * Refuses to go on when {@code name} is a table that does not hold a model: TO TRAIN INTO
   * replaces models only, never a user's data table. Checked before a training starts and again
   * right before the save swaps its table in.
   */
  public void requireModelOrAbsent(ConnectionSource db, String name)
      throws SqlflowException, SQLException {
    try (Connection connection = db.open()) {
      requireModelOrAbsent(connection, db.dialect(), name);
    }
  }

  private static void requireModelOrAbsent(Connection connection, SqlDialect dialect, String name)
      throws SqlflowException {
    if (!Tables.exists(connection, dialect, name)) {
      return;
    }
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT block FROM " + dialect.quoteQualified(name) + " WHERE id = 0");
        ResultSet row = select.executeQuery()) {
      if (row.next()) {
        ModelMetadata.parse(new String(row.getBytes(1), StandardCharsets.UTF_8));
        return;
      }
    } catch (SQLException | RuntimeException e) {
      // Not the shape of a model table, or not its metadata: a user's table.
    }
    throw new SqlflowException(
        ErrorCode.NOT_A_MODEL,
        "table "
            + name
            + " exists and is not a"
            + " SQLFlow model; TO TRAIN INTO replaces models only: choose another name or drop the"
            + " table first");
  }

  /** Restores model {@code name} into {@code dir} (created when missing). */
  public ModelMetadata load(ConnectionSource db, String name, Path dir)
      throws SqlflowException, SQLException, IOException {
    ModelMetadata metadata = metadata(db, name);
    Files.createDirectories(dir);
    SqlDialect dialect = db.dialect();
    try (Connection connection = db.open();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT block FROM "
                    + dialect.quoteQualified(name)
                    + " WHERE id > 0 ORDER BY id")) {
      select.setFetchSize(1);
      try (ResultSet chunks = select.executeQuery()) {
        unzip(new ChunkStream(chunks), dir);
      }
    }
    return metadata;
  }

  /** Reads the metadata of model {@code name}. */
  public ModelMetadata metadata(ConnectionSource db, String name)
      throws SqlflowException, SQLException {
    SqlDialect dialect = db.dialect();
    String table = dialect.quoteQualified(name);
    try (Connection connection = db.open()) {
      byte[] block;
      try (PreparedStatement select =
          connection.prepareStatement("SELECT block FROM " + table + " WHERE id = 0")) {
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            throw notAModel(name);
          }
          block = row.getBytes(1);
        }
      } catch (SQLException e) {
        throw new SqlflowException(
            ErrorCode.UNKNOWN_MODEL,
            "model " + name + " does not exist (" + e.getMessage() + ")",
            e);
      }
      try {
        return ModelMetadata.parse(new String(block, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw notAModel(name);
      }
    }
  }

  /** SHOW TRAIN: the model's name and the statement that trained it. */
  public ModelDescription describe(ConnectionSource db, String name)
      throws SqlflowException, SQLException {
    return new ModelDescription(name, metadata(db, name).statement());
  }

  private static SqlflowException notAModel(String name) {
    return new SqlflowException(
        ErrorCode.UNKNOWN_MODEL, "table " + name + " exists but does not hold a SQLFlow model");
  }

  private void writeChunks(
      Connection connection,
      SqlDialect dialect,
      String table,
      String json,
      Path archive,
      CancellationCheck cancellation)
      throws SqlflowException, SQLException, IOException, JobCancelledException {
    try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO " + dialect.quoteQualified(table) + " (id, block) VALUES (?, ?)");
        InputStream in = Files.newInputStream(archive)) {
      insert.setInt(1, 0);
      insert.setBytes(2, json.getBytes(StandardCharsets.UTF_8));
      insert.executeUpdate();
      byte[] chunk = new byte[chunkBytes];
      int id = 1;
      int length;
      while ((length = in.readNBytes(chunk, 0, chunkBytes)) > 0) {
        cancellation.check();
        insert.setInt(1, id++);
        insert.setBytes(2, length == chunkBytes ? chunk : java.util.Arrays.copyOf(chunk, length));
        insert.executeUpdate();
      }
    }
  }

  private static void zip(Path dir, Path archive) throws IOException {
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive))) {
      for (Path file : files) {
        out.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
  }

  private static void unzip(InputStream archive, Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    try (ZipInputStream in = new ZipInputStream(archive)) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        Path target = root.resolve(entry.getName()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IOException("model archive entry escapes its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          in.transferTo(out);
        }
      }
    }
  }

  /** The model's chunks, in order, read one row at a time as one stream. */
  private static final class ChunkStream extends SequenceInputStream {
    ChunkStream(ResultSet chunks) {
      super(
          new Enumeration<InputStream>() {
            private Boolean hasNext;

            @Override
            public boolean hasMoreElements() {
              if (hasNext == null) {
                try {
                  hasNext = chunks.next();
                } catch (SQLException e) {
                  throw new java.io.UncheckedIOException(new IOException(e));
                }
              }
              return hasNext;
            }

            @Override
            public InputStream nextElement() {
              if (!hasMoreElements()) {
                throw new java.util.NoSuchElementException();
              }
              hasNext = null;
              try {
                return new java.io.ByteArrayInputStream(chunks.getBytes(1));
              } catch (SQLException e) {
                throw new java.io.UncheckedIOException(new IOException(e));
              }
            }
          });
    }
  }
}
