package org.sqlflow.server.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.error.CancellationCheck;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.error.SqlflowException;

class ModelStoreTest {
  private H2Source db;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  static String metadataJson(String statement) {
    return "{\"statement\": \""
        + statement
        + "\", \"model_class\": \"DNNClassifier\","
        + " \"attributes\": {}, \"features\": {}, \"label\": {\"column\": \"class\","
        + " \"kind\": \"class\"}, \"feature_columns_in_select\": [{\"name\": \"x\","
        + " \"type\": \"float64\"}, {\"name\": \"s\", \"type\": \"string\"}],"
        + " \"metrics\": {\"accuracy\": 0.9}, \"created\": \"2025-01-01T00:00:00+00:00\"}";
  }

  static Path modelDir(Path parent, String statement, int weightBytes, long seed) throws Exception {
    Path dir = Files.createDirectories(parent.resolve("model"));
    Files.writeString(dir.resolve("metadata.json"), metadataJson(statement));
    byte[] weights = new byte[weightBytes];
    new Random(seed).nextBytes(weights);
    Files.write(dir.resolve("model.keras"), weights);
    Files.createDirectories(dir.resolve("assets"));
    Files.writeString(dir.resolve("assets/vocab.txt"), "a\nb\n");
    return dir;
  }

  @Test
  void aSaveNeverReplacesADataTable(@TempDir Path tmp) throws Exception {
    try (Connection c = db.open();
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS shop");
      s.execute("CREATE TABLE shop.orders (id INT, block VARCHAR(10))");
      s.execute("INSERT INTO shop.orders VALUES (0, 'not json'), (1, 'x')");
    }
    Path dir = modelDir(tmp, "SELECT 1 TO TRAIN DNNClassifier", 100, 3);
    ModelStore store = new ModelStore();
    SqlflowException refused =
        assertThrows(
            SqlflowException.class,
            () -> store.save(db, "shop.orders", dir, CancellationCheck.NEVER));
    assertEquals(ErrorCode.NOT_A_MODEL, refused.code());
    try (Connection c = db.open();
        ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM shop.orders")) {
      rs.next();
      assertEquals(2, rs.getInt(1));
    }
    // A model of that name is replaced as before.
    store.save(db, "shop.m", dir, CancellationCheck.NEVER);
    store.save(db, "shop.m", dir, CancellationCheck.NEVER);
  }

  @Test
  void savesAndLoadsAModelInChunks(@TempDir Path tmp) throws Exception {
    Path dir = modelDir(tmp.resolve("a"), "SELECT 1 TO TRAIN DNNClassifier", 50_000, 1);
    ModelStore store = new ModelStore(4096);
    store.save(db, "sqlflow_models.m", dir, CancellationCheck.NEVER);
    assertTrue(chunkCount("sqlflow_models.m") > 10, "the archive is cut into many rows");

    Path restored = tmp.resolve("restored");
    ModelMetadata metadata = store.load(db, "sqlflow_models.m", restored);
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("model.keras")),
        Files.readAllBytes(restored.resolve("model.keras")));
    assertEquals("a\nb\n", Files.readString(restored.resolve("assets/vocab.txt")));
    assertEquals("DNNClassifier", metadata.modelClass());
    assertEquals("class", metadata.labelColumn());
    assertTrue(metadata.isClassifier());
    assertEquals(
        List.of(
            new ModelMetadata.InputColumn("x", FeedType.FLOAT64),
            new ModelMetadata.InputColumn("s", FeedType.STRING)),
        metadata.inputs());
    assertEquals(0.9, metadata.metrics().get("accuracy"));
    assertEquals(
        new ModelDescription("sqlflow_models.m", "SELECT 1 TO TRAIN DNNClassifier"),
        store.describe(db, "sqlflow_models.m"));
  }

  @Test
  void replacesAnExistingModelOnlyWhenTheNewOneIsComplete(@TempDir Path tmp) throws Exception {
    ModelStore store = new ModelStore(1024);
    store.save(
        db,
        "sqlflow_models.m",
        modelDir(tmp.resolve("old"), "old", 10_000, 1),
        CancellationCheck.NEVER);
    AtomicInteger chunks = new AtomicInteger();
    Path replacement = modelDir(tmp.resolve("new"), "new", 10_000, 2);
    assertThrows(
        JobCancelledException.class,
        () ->
            store.save(
                db,
                "sqlflow_models.m",
                replacement,
                () -> {
                  if (chunks.incrementAndGet() == 5) {
                    throw new JobCancelledException("cancelled");
                  }
                }));
    assertEquals("old", store.describe(db, "sqlflow_models.m").trainStatement());
    assertEquals(List.of("m"), tables("sqlflow_models"), "no temporary table is left behind");

    store.save(db, "sqlflow_models.m", replacement, CancellationCheck.NEVER);
    assertEquals("new", store.describe(db, "sqlflow_models.m").trainStatement());
    Path restored = tmp.resolve("restored");
    store.load(db, "sqlflow_models.m", restored);
    assertArrayEquals(
        Files.readAllBytes(replacement.resolve("model.keras")),
        Files.readAllBytes(restored.resolve("model.keras")));
    assertEquals(List.of("m"), tables("sqlflow_models"));
  }

  @Test
  void reportsMissingModelsAndTablesThatAreNotModels() throws Exception {
    ModelStore store = new ModelStore();
    SqlflowException missing =
        assertThrows(SqlflowException.class, () -> store.metadata(db, "sqlflow_models.nope"));
    assertEquals(ErrorCode.UNKNOWN_MODEL, missing.code());
    assertTrue(missing.getMessage().startsWith("model sqlflow_models.nope does not exist"));
    db.execute("CREATE TABLE notmodel (id INT, block BLOB)");
    SqlflowException other =
        assertThrows(SqlflowException.class, () -> store.metadata(db, "notmodel"));
    assertEquals("table notmodel exists but does not hold a SQLFlow model", other.getMessage());
    assertThrows(SqlflowException.class, () -> store.metadata(db, "a.b`; DROP TABLE x"));
  }

  @Test
  void refusesArchivesThatEscapeTheirDirectory(@TempDir Path tmp) throws Exception {
    ModelStore store = new ModelStore();
    Path dir = modelDir(tmp.resolve("a"), "s", 10, 1);
    store.save(db, "m", dir, CancellationCheck.NEVER);
    java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
      out.putNextEntry(new java.util.zip.ZipEntry("../escaped.txt"));
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    try (Connection connection = db.open();
        var update = connection.prepareStatement("UPDATE m SET block = ? WHERE id = 1")) {
      update.setBytes(1, zip.toByteArray());
      update.executeUpdate();
    }
    assertThrows(java.io.IOException.class, () -> store.load(db, "m", tmp.resolve("out")));
    assertTrue(Files.notExists(tmp.resolve("escaped.txt")));
  }

  private int chunkCount(String table) throws Exception {
    try (Connection connection = db.open();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery("SELECT COUNT(*) FROM " + db.dialect().quoteQualified(table))) {
      rows.next();
      return rows.getInt(1) - 1;
    }
  }

  private List<String> tables(String schema) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection connection = db.open();
        ResultSet rows = connection.getMetaData().getTables(null, schema, "%", null)) {
      while (rows.next()) {
        names.add(rows.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
