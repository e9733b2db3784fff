package org.sqlflow.server.extended;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * TO MAXIMIZE / TO MINIMIZE on SQLFlow's own optimize cases (woodcarving, transportation), through
 * the real driver and server on MariaDB with the real runtime and solver; each optimum is checked
 * against a brute force over the same rows, read from the database by the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptimizeMariaDbIT {
  private static final String WOODCARVING_CONSTRAINTS =
      " CONSTRAINT SUM(finishing * amount)"
          + " <= 100, SUM(carpentry * amount) <= 80, amount <= max_num";

  private Backend backend;

  @BeforeAll
  void start() throws Exception {
    backend = TestBackends.MARIADB.start();
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      for (String sql : fixture().split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void woodcarvingMaximumMatchesBruteForceAndStreamsTheSolverLog() throws Exception {
    List<String> log =
        run(
            "SELECT * FROM woodcarving\n"
                + "TO MAXIMIZE SUM((price - materials_cost - other_cost) * amount)\n"
                + WOODCARVING_CONSTRAINTS
                + "\n"
                + "WITH variables = \"amount(product)\", var_type = \"NonNegativeIntegers\"\n"
                + "USING glpk INTO "
                + backend.database()
                + ".woodcarving_result;");

    long[] best = bestWoodcarvingPlan();
    assertEquals(
        List.of("Done parsing", "Done verifying", "Done code generation", "Start optimizing"),
        log.subList(0, 4),
        log.toString());
    assertTrue(
        log.get(4)
            .startsWith(
                "Solving: maximize SUM((price - materials_cost -"
                    + " other_cost) * amount) over 2 variables amount(product) of type NonNegativeIntegers,"
                    + " 4 constraint rows, solver glpk"),
        log.get(4));
    assertTrue(log.contains("Optimal objective value: " + best[0]), log.toString());
    assertTrue(
        log.contains("Wrote 2 rows into " + backend.database() + ".woodcarving_result"),
        log.toString());
    assertTrue(log.get(log.size() - 1).startsWith("Job finished."), log.toString());
    assertEquals(
        Map.of("soldier", best[1], "train", best[2]),
        rows("SELECT product, amount FROM woodcarving_result"));
    assertEquals("VARCHAR", columnType("woodcarving_result", "product"));
    assertEquals("BIGINT", columnType("woodcarving_result", "amount"));
  }

  @Test
  void groupedTransportMinimumMatchesBruteForce() throws Exception {
    List<String> log =
        run(
            "SELECT t.plants, t.markets, t.distance, p.capacity, m.demand"
                + " FROM transportation_table AS t"
                + " LEFT JOIN plants_table AS p ON t.plants = p.plants"
                + " LEFT JOIN markets_table AS m ON t.markets = m.markets"
                + " TO MINIMIZE SUM(shipment * distance * 90 / 1000)"
                + " CONSTRAINT SUM(shipment) <= capacity GROUP BY plants,"
                + " SUM(shipment) >= demand GROUP BY markets"
                + " WITH variables = \"shipment(plants, markets)\", var_type = \"NonNegativeIntegers\""
                + " INTO shipment_result");
    assertTrue(log.contains("Wrote 4 rows into shipment_result"), log.toString());

    double cost = 0;
    Map<String, Double> fromPlant = new LinkedHashMap<>();
    Map<String, Double> toMarket = new LinkedHashMap<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT r.plants, r.markets, r.shipment, t.distance"
                    + " FROM shipment_result r JOIN transportation_table t"
                    + " ON r.plants = t.plants AND r.markets = t.markets")) {
      while (rs.next()) {
        cost += rs.getLong(3) * rs.getLong(4) * 90 / 1000.0;
        fromPlant.merge(rs.getString(1), (double) rs.getLong(3), Double::sum);
        toMarket.merge(rs.getString(2), (double) rs.getLong(3), Double::sum);
      }
    }
    assertTrue(
        fromPlant.get("plantA") <= 100 && fromPlant.get("plantB") <= 90, fromPlant.toString());
    assertTrue(
        toMarket.get("marketA") >= 130 && toMarket.get("marketB") >= 60, toMarket.toString());
    assertEquals(bestTransportCost(), cost, 1e-6);
  }

  @Test
  void binaryPlanReplacesTheOldResultTable() throws Exception {
    String objective =
        "SELECT * FROM woodcarving TO MAXIMIZE SUM((price - materials_cost"
            + " - other_cost) * amount)"
            + WOODCARVING_CONSTRAINTS;
    run(objective + " WITH variables = \"amount(product)\" INTO replaced_result");
    run(
        objective
            + " WITH variables = \"amount(product)\", var_type = Binary INTO replaced_result");
    assertEquals(
        Map.of("soldier", 1L, "train", 1L), rows("SELECT product, amount FROM replaced_result"));
  }

  @Test
  void hostileExpressionsAreRefusedBeforeAnythingRuns() throws Exception {
    Path marker = Files.createTempDirectory("sqlflow-optimize-").resolve("marker");
    for (String objective :
        List.of(
            "SUM(amount) + shell('touch " + marker + "')",
            "SUM(amount) + __import__('os').system('touch " + marker + "')",
            "SUM(amount) + open('" + marker + "', 'w')")) {
      SQLException e =
          assertThrows(
              SQLException.class,
              () ->
                  run(
                      "SELECT * FROM woodcarving"
                          + " TO MAXIMIZE "
                          + objective
                          + " WITH variables = \"amount(product)\" INTO hostile"));
      assertEquals("42000", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().matches("(?s).*at line 1, column \\d+.*"), e.getMessage());
    }
    assertFalse(Files.exists(marker));
    assertFalse(tableExists("hostile"));
  }

  @Test
  void unknownColumnsAreNamedWithTheirPosition() {
    SQLException e =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM woodcarving"
                        + " TO MAXIMIZE SUM(price * amount) CONSTRAINT SUM(finishing * amout) <= 100"
                        + " WITH variables = \"amount(product)\" INTO r"));
    assertEquals("42S22", e.getSQLState());
    assertTrue(
        e.getMessage()
            .startsWith("unknown column 'amout' in constraint 1 at line 1," + " column 86"),
        e.getMessage());

    SQLException index =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM woodcarving"
                        + " TO MAXIMIZE SUM(price * amount) WITH variables = \"amount(produce)\" INTO r"));
    assertTrue(
        index.getMessage().startsWith("unknown column 'produce' of variables"), index.getMessage());

    SQLException type =
        assertThrows(
            SQLException.class,
            () ->
                run(
                    "SELECT * FROM woodcarving"
                        + " TO MAXIMIZE SUM(price * amount) WITH variables = \"amount(product)\","
                        + " var_type = \"Complex\" INTO r"));
    assertEquals("22023", type.getSQLState());
  }

  @Test
  void toRunIsRefusedAsUnsupportedWhereTheDatabaseSaysSyntaxError() throws Exception {
    String sql =
        "SELECT * FROM woodcarving TO RUN sqlflow/runnable:v0.0.1 CMD \"binning.py\","
            + " \"--dbname=x\" INTO binning_result";
    SQLException ours = assertThrows(SQLException.class, () -> run(sql));
    assertEquals("0A000", ours.getSQLState());
    assertTrue(ours.getMessage().startsWith("TO RUN is not supported: "), ours.getMessage());

    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      // execute: Connector/J refuses executeQuery on a statement with INTO before sending it.
      SQLException database = assertThrows(SQLException.class, () -> s.execute(sql));
      assertEquals(1064, database.getErrorCode(), database.getMessage());
    }
    assertFalse(tableExists("binning_result"));
  }

  private List<String> run(String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  private Map<String, Long> rows(String sql) throws SQLException {
    Map<String, Long> rows = new LinkedHashMap<>();
    try (Connection c = backend.sqlflow();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2));
      }
    }
    return rows;
  }

  private String columnType(String table, String column) throws SQLException {
    try (Connection c = backend.direct();
        ResultSet rs = c.getMetaData().getColumns(backend.database(), null, table, column)) {
      assertTrue(rs.next(), table + "." + column);
      return rs.getString("TYPE_NAME");
    }
  }

  private boolean tableExists(String table) throws SQLException {
    try (Connection c = backend.direct();
        ResultSet rs = c.getMetaData().getTables(backend.database(), null, table, null)) {
      return rs.next();
    }
  }

  /** (profit, soldiers, trains) over every integer plan the woodcarving rows allow. */
  private long[] bestWoodcarvingPlan() throws SQLException {
    Map<String, long[]> products = new LinkedHashMap<>();
    try (Connection c = backend.direct();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT product, price - materials_cost - other_cost,"
                    + " finishing, carpentry, max_num FROM woodcarving")) {
      while (rs.next()) {
        products.put(
            rs.getString(1),
            new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
      }
    }
    long[] soldier = products.get("soldier");
    long[] train = products.get("train");
    long[] best = null;
    for (long a = 0; a <= Math.min(soldier[3], 100); a++) {
      for (long b = 0; b <= Math.min(train[3], 100); b++) {
        if (soldier[1] * a + train[1] * b <= 100 && soldier[2] * a + train[2] * b <= 80) {
          long profit = soldier[0] * a + train[0] * b;
          if (best == null || profit > best[0]) {
            best = new long[] {profit, a, b};
          }
        }
      }
    }
    return best;
  }

  /** The cheapest integer shipments meeting capacities and demands, over every plan. */
  private double bestTransportCost() throws SQLException {
    Map<String, Long> distance = new LinkedHashMap<>();
    Map<String, Long> capacity = new LinkedHashMap<>();
    Map<String, Long> demand = new LinkedHashMap<>();
    try (Connection c = backend.direct();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery("SELECT plants, markets, distance FROM" + " transportation_table")) {
        while (rs.next()) {
          distance.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT plants, capacity FROM plants_table")) {
        while (rs.next()) {
          capacity.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT markets, demand FROM markets_table")) {
        while (rs.next()) {
          demand.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (long aa = 0; aa <= capacity.get("plantA"); aa++) {
      for (long ab = 0; aa + ab <= capacity.get("plantA"); ab++) {
        for (long ba = Math.max(0, demand.get("marketA") - aa);
            ba <= capacity.get("plantB");
            ba++) {
          long bb = Math.max(0, demand.get("marketB") - ab);
          if (ba + bb > capacity.get("plantB")) {
            continue;
          }
          // With non-negative distances, shipping more than the demand never helps.
          double cost =
              (aa * distance.get("plantA/marketA")
                      + ab * distance.get("plantA/marketB")
                      + ba * distance.get("plantB/marketA")
                      + bb * distance.get("plantB/marketB"))
                  * 90
                  / 1000.0;
          best = Math.min(best, cost);
        }
      }
    }
    return best;
  }

  private static String fixture() throws IOException {
    try (InputStream in =
        OptimizeMariaDbIT.class.getClassLoader().getResourceAsStream("datasets/optimize.sql")) {
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      return sql.toString();
    }
  }
}
