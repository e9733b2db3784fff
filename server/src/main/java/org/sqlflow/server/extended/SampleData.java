package org.sqlflow.server.extended;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.SqlflowException;

/**
 * Sample data for tutorials and tests, created when missing on H2 (MySQL mode) or MySQL: {@code
 * iris.train} (110 rows) and {@code iris.test} (40) from {@code datasets/iris.sql}, and a synthetic
 * regression set {@code housing.train} (400) / {@code housing.test} (100) generated
 * deterministically: {@code price} depends linearly on the other columns plus noise.
 */
public final class SampleData {
  static final String IRIS_SCRIPT = "datasets/iris.sql";
  static final List<String> HOUSING_COLUMNS =
      List.of("rooms", "age", "distance", "tax", "crime", "price");
  private static final long HOUSING_SEED = 20240611L;

  private SampleData() {}

  /** Creates the sample databases/schemas and tables that are missing; leaves others alone. */
  public static void load(Connection connection, SqlDialect dialect)
      throws SQLException, SqlflowException, IOException {
    for (String schema : List.of("iris", "housing")) {
      execute(connection, dialect.createSchemaIfMissing(schema));
    }
    for (Map.Entry<String, List<String>> table : irisStatements().entrySet()) {
      if (!Tables.exists(connection, dialect, table.getKey())) {
        for (String sql : table.getValue()) {
          execute(connection, sql);
        }
      }
    }
    List<double[]> housing = housingRows();
    writeHousing(connection, dialect, "housing.train", housing.subList(0, 400));
    writeHousing(connection, dialect, "housing.test", housing.subList(400, 500));
  }

  /** The script's statements grouped by the table they create or fill, in order. */
  static Map<String, List<String>> irisStatements() throws IOException {
    String script;
    try (InputStream in = SampleData.class.getClassLoader().getResourceAsStream(IRIS_SCRIPT)) {
      if (in == null) {
        throw new IOException(IRIS_SCRIPT + " is missing from the classpath");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    Map<String, List<String>> byTable = new LinkedHashMap<>();
    for (String statement : code.toString().split(";")) {
      String sql = statement.trim();
      if (sql.isEmpty()) {
        continue;
      }
      String[] words = sql.split("\\s+", 4);
      String table = words[2];
      byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(sql);
    }
    return byTable;
  }

  /** 500 rows of (rooms, age, distance, tax, crime, price), the same on every JVM. */
  static List<double[]> housingRows() {
    Random random = new Random(HOUSING_SEED);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      double rooms = round(4 + 5 * random.nextDouble());
      double age = round(100 * random.nextDouble());
      double distance = round(1 + 11 * random.nextDouble());
      double tax = round(200 + 500 * random.nextDouble());
      double u = random.nextDouble();
      double crime = round(10 * u * u);
      double price =
          round(
              20
                  + 6 * (rooms - 6.5)
                  - 0.05 * age
                  - 0.8 * distance
                  - 0.01 * (tax - 450)
                  - 0.7 * crime
                  + 1.5 * random.nextGaussian());
      rows.add(new double[] {rooms, age, distance, tax, crime, price});
    }
    return rows;
  }

  private static double round(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
  }

  private static void writeHousing(
      Connection connection, SqlDialect dialect, String table, List<double[]> rows)
      throws SQLException, SqlflowException {
    if (Tables.exists(connection, dialect, table)) {
      return;
    }
    StringBuilder create =
        new StringBuilder("CREATE TABLE ").append(dialect.quoteQualified(table)).append(" (");
    StringBuilder insert =
        new StringBuilder("INSERT INTO ").append(dialect.quoteQualified(table)).append(" VALUES (");
    for (int i = 0; i < HOUSING_COLUMNS.size(); i++) {
      create
          .append(i > 0 ? ", " : "")
          .append(dialect.quote(HOUSING_COLUMNS.get(i)))
          .append(' ')
          .append(dialect.doubleType());
      insert.append(i > 0 ? ", ?" : "?");
    }
    execute(connection, create.append(')').toString());
    try (PreparedStatement statement = connection.prepareStatement(insert.append(')').toString())) {
      for (double[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          statement.setDouble(i + 1, row[i]);
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
