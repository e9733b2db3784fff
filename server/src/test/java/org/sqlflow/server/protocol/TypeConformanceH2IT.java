package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;

/** H2's types, on the embedded default, read as H2's own driver reads them. */
class TypeConformanceH2IT {
  private static final String TABLE =
      "CREATE TABLE every_type ("
          + "id INT AUTO_INCREMENT PRIMARY KEY, ti TINYINT, si SMALLINT, i INTEGER, bi BIGINT,"
          + " r REAL, d DOUBLE PRECISION, df DECFLOAT, n NUMERIC(65,30), bo BOOLEAN,"
          + " c CHAR(10), vc VARCHAR(100), cl CLOB, bn BINARY(4), vb VARBINARY(10), bl BLOB,"
          + " dt DATE, tm TIME(6), ts TIMESTAMP(6), tstz TIMESTAMP(6) WITH TIME ZONE,"
          + " ttz TIME WITH TIME ZONE, u UUID, j JSON, e ENUM('a','bc'),"
          + " iv INTERVAL DAY TO SECOND)";
  private static final List<String> ROWS =
      List.of(
          "INSERT INTO every_type VALUES (DEFAULT, -128, -32768, -2147483648,"
              + " -9223372036854775808, 6.4, 1.7976931348623157E308, 1.5E-300,"
              + " 12345678901234567890123456789012345.123456789012345678901234567890, TRUE,"
              + " 'ab', 'héllo', 'long text', X'00ff0102', X'0102', X'03', DATE '9999-12-31',"
              + " TIME '23:59:59.999999', TIMESTAMP '9999-12-31 23:59:59.999999',"
              + " TIMESTAMP WITH TIME ZONE '2024-01-02 03:04:05.123456+02:00',"
              + " TIME WITH TIME ZONE '03:04:05+02:00', '123e4567-e89b-12d3-a456-426614174000',"
              + " JSON '{\"k\":[1,2]}', 'bc', INTERVAL '1 02:03:04' DAY TO SECOND)",
          "INSERT INTO every_type VALUES (DEFAULT, 127, 32767, 2147483647, 9223372036854775807,"
              + " -3.4E38, -2.2250738585072014E-308, 0, -0.000000000000000000000000000001, FALSE,"
              + " '', '', '', X'00000000', X'', X'', DATE '1000-01-01', TIME '00:00:00',"
              + " TIMESTAMP '1000-01-01 00:00:00', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z',"
              + " TIME WITH TIME ZONE '00:00:00Z', '00000000-0000-0000-0000-000000000000',"
              + " JSON 'null', 'a', INTERVAL '0 00:00:00' DAY TO SECOND)",
          "INSERT INTO every_type (id) VALUES (DEFAULT)");

  /**
   * What must differ, and why. The driver's lenient conversions (getBytes of a number or a date,
   * getLong of text, java.time values of a lone time or date) follow Connector/J, the production
   * database's driver; H2's own differ and are not what a MySQL user expects.
   */
  private static final Set<String> ALLOWED =
      Set.of(
          // H2 gives a number's big-endian bytes or fails; the driver gives its text, as
          // Connector/J.
          "*.getBytes",
          // H2 fails on text that is not a number, even empty; the driver reads empty text as 0 and
          // a float as its shortest decimal (6.4, not 6.400000095367432), as Connector/J does.
          "*.getLong",
          "*.getDouble",
          // Avatica carries values, not LOB locators: getObject gives the text and the bytes.
          "cl.getObject",
          "bl.getObject",
          // H2 puts a lone time on today's date and refuses a date as a time; the driver puts it on
          // 1970-01-01 and reads a date as midnight, as Connector/J does.
          "dt.getObject(LocalTime)",
          "tm.getObject(LocalDate)",
          "tm.getObject(LocalDateTime)",
          "tm.getObject(OffsetDateTime)",
          "ttz.getObject(LocalDate)",
          "ttz.getObject(LocalDateTime)",
          "ttz.getObject(OffsetDateTime)",
          // H2 builds java.sql.Date and Timestamp of years before the 1582 calendar reform from
          // proleptic-Gregorian milliseconds (1000-01-01 shows as 0999-12-27); the driver from the
          // calendar fields, as Connector/J does.
          "dt.getObject",
          "ts.getObject",
          // H2's own Interval class has no counterpart on Avatica's wire; the driver gives its
          // text.
          "iv.getObject",
          // H2 prints NUMERIC in plain notation; the driver prints BigDecimal as Connector/J does.
          "n.getString");

  private static TestBackends.Backend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = TestBackends.H2.start();
    TypeConformance.createDirectly(backend, TABLE, ROWS);
  }

  @AfterAll
  static void stop() throws Exception {
    backend.close();
  }

  @Test
  void everyTypeReadsAsH2ReadsIt() throws SQLException {
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      List<String> differences =
          TypeConformance.differences(
              ours, theirs, "SELECT * FROM every_type ORDER BY id", ALLOWED);
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }
}
