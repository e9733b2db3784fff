package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.testing.TestBackends;

/** Every MariaDB column type, at its extremes and NULL, reads as Connector/J reads it. */
class TypeConformanceMariaDbIT {
  static final String TABLE =
      "CREATE TABLE every_type ("
          + "id INT AUTO_INCREMENT PRIMARY KEY,"
          + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,"
          + "mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED,"
          + "bi BIGINT, biu BIGINT UNSIGNED, b1 BIT(1), b8 BIT(8), bo BOOLEAN,"
          + "f FLOAT, d DOUBLE, de DECIMAL(65,30),"
          + "c CHAR(10), vc VARCHAR(100), tt TINYTEXT, t TEXT, mt MEDIUMTEXT, lt LONGTEXT,"
          + "bn BINARY(4), vb VARBINARY(10), tb TINYBLOB, bl BLOB, mb MEDIUMBLOB, lb LONGBLOB,"
          + "j JSON, e ENUM('a','bc'), st SET('x','y'),"
          + "dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, y YEAR,"
          + "g GEOMETRY)";
  static final List<String> ROWS =
      List.of(
          "INSERT INTO every_type VALUES (NULL, -128, 255, -32768, 65535, -8388608, 16777215,"
              + " -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, b'1',"
              + " b'11111111', TRUE, 6.4, 1.7976931348623157E308,"
              + " '12345678901234567890123456789012345.123456789012345678901234567890',"
              + " 'ab', 'héllo', 'tiny', 'text', 'medium', 'long', x'00ff0102', x'0102', x'03',"
              + " x'0405', x'06', x'07', '{\"k\": [1, 2]}', 'bc', 'x,y', '9999-12-31',"
              + " '23:59:59.999999', '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999',"
              + " 2155, ST_GeomFromText('POINT(1 2)'))",
          "INSERT INTO every_type VALUES (NULL, 127, 0, 32767, 0, 8388607, 0, 2147483647, 0,"
              + " 9223372036854775807, 0, b'0', b'00000000', FALSE, -3.4e38, -2.2250738585072014E-308,"
              + " '-0.000000000000000000000000000001', '', '', '', '', '', '', x'00000000', x'',"
              + " x'', x'', x'', x'', 'null', 'a', '', '1000-01-01', '00:00:00.000000',"
              + " '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000000', 1901,"
              + " ST_GeomFromText('LINESTRING(0 0, 1 1)'))",
          "INSERT INTO every_type (id) VALUES (NULL)");

  /** What must differ, and why. Keys are {@code column.call}. */
  static final Set<String> ALLOWED =
      Set.of(
          // Connector/J's getBytes on a non-binary column hands over the raw bytes of MySQL's
          // protocol (the bit itself for BIT(1), 1.7976931348623157e308 with a small e, TIME
          // zeros it prints as 00:00:00.000000, YEAR as 2155); ours gives the UTF-8 of getString,
          // since the server reads the database through the binary protocol, not the text one.
          "b1.getBytes",
          "f.getBytes",
          "d.getBytes",
          "de.getBytes",
          "tm.getBytes",
          "dtm.getBytes",
          "ts.getBytes",
          "y.getBytes");

  private static TestBackends.Backend backend;

  @BeforeAll
  static void start() throws Exception {
    backend = TestBackends.MARIADB.start();
    TypeConformance.createDirectly(backend, TABLE, ROWS);
  }

  @AfterAll
  static void stop() throws Exception {
    backend.close();
  }

  /** A table the setters write, one column per kind of setter. */
  static final String SETTER_TABLE =
      " (id INT PRIMARY KEY, ld DATE, lt TIME(6), ldt DATETIME(6),"
          + " odt DATETIME(6), ts DATETIME(6), bi BIGINT UNSIGNED, bin_stream BLOB,"
          + " bin_stream_len VARBINARY(10), blob_stream LONGBLOB, char_stream TEXT,"
          + " char_stream_len VARCHAR(10), ascii_stream TEXT, clob_reader LONGTEXT,"
          + " nchar_stream TEXT, obj_typed DATETIME(6), obj_null INT, nclob_reader TEXT)";

  private static final java.time.OffsetDateTime ODT =
      java.time.OffsetDateTime.of(
          2024, 2, 29, 23, 59, 58, 654_321_000, java.time.ZoneOffset.ofHours(2));

  @Test
  void everySetterBindsItsValue() throws Exception {
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      ours.setCatalog(backend.database());
      try (Statement s = theirs.createStatement()) {
        s.execute("CREATE TABLE set_ours" + SETTER_TABLE);
        s.execute("CREATE TABLE set_theirs" + SETTER_TABLE);
      }
      writeWithEverySetter(ours, "set_ours");
      // The values the setters mean, as SQL literals. (Not Connector/J's own setters: talking
      // to MariaDB, which it takes for MySQL 5.5, it drops every fraction of a second.)
      String offsetAsLocal =
          ODT.atZoneSameInstant(java.time.ZoneId.systemDefault())
              .toLocalDateTime()
              .toString()
              .replace('T', ' ');
      try (Statement s = theirs.createStatement()) {
        s.execute(
            "INSERT INTO set_theirs VALUES (1, '2024-02-29', '23:59:58.123456',"
                + " '2024-02-29 23:59:58.123456', '"
                + offsetAsLocal
                + "',"
                + " '2001-02-03 04:05:06.789012', 18446744073709551615, x'000102ff', x'0908',"
                + " x'0505', 'héllo wörld', 'abc', 'plain ascii', 'a clob', 'ñ stream',"
                + " '1999-12-31 00:00:01.000001', NULL, 'n clob')");
      }
      List<String> differences =
          TypeConformance.differences(
              theirs,
              "SELECT * FROM set_ours ORDER BY id",
              theirs,
              "SELECT * FROM set_theirs ORDER BY id",
              Set.of());
      assertEquals(List.of(), differences, String.join("\n", differences));
      try (Statement s = theirs.createStatement();
          java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(ldt) FROM set_ours")) {
        rs.next();
        assertEquals(1, rs.getInt(1), "the row written through SQLFlow");
        assertEquals("2024-02-29 23:59:58.123456", rs.getString(2));
      }
    }
  }

  private static void writeWithEverySetter(Connection c, String table) throws Exception {
    String sql =
        "INSERT INTO "
            + table
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?)";
    try (java.sql.PreparedStatement p = c.prepareStatement(sql)) {
      p.setInt(1, 1);
      p.setObject(2, java.time.LocalDate.of(2024, 2, 29));
      p.setObject(3, java.time.LocalTime.of(23, 59, 58, 123_456_000));
      p.setObject(4, java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000));
      p.setObject(5, ODT);
      p.setTimestamp(6, java.sql.Timestamp.valueOf("2001-02-03 04:05:06.789012"));
      p.setObject(7, new java.math.BigInteger("18446744073709551615"));
      p.setBinaryStream(8, new java.io.ByteArrayInputStream(new byte[] {0, 1, 2, (byte) 255}));
      p.setBinaryStream(9, new java.io.ByteArrayInputStream(new byte[] {9, 8, 7, 6}), 2);
      p.setBlob(10, new java.io.ByteArrayInputStream(new byte[] {5, 5}));
      p.setCharacterStream(11, new java.io.StringReader("héllo wörld"));
      p.setCharacterStream(12, new java.io.StringReader("abcdef"), 3);
      p.setAsciiStream(
          13,
          new java.io.ByteArrayInputStream(
              "plain ascii".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
      p.setClob(14, new java.io.StringReader("a clob"));
      p.setNCharacterStream(15, new java.io.StringReader("ñ stream"));
      p.setObject(
          16, java.time.LocalDateTime.of(1999, 12, 31, 0, 0, 1, 1_000), java.sql.Types.TIMESTAMP);
      p.setObject(17, null, java.sql.Types.INTEGER);
      p.setNClob(18, new java.io.StringReader("n clob"));
      assertEquals(1, p.executeUpdate());
    }
  }

  @Test
  void everyTypeReadsAsConnectorJReadsIt() throws SQLException {
    try (Connection ours = backend.sqlflow();
        Connection theirs = backend.direct()) {
      ours.setCatalog(backend.database());
      List<String> differences =
          TypeConformance.differences(
              ours, theirs, "SELECT * FROM every_type ORDER BY id", ALLOWED);
      assertEquals(List.of(), differences, String.join("\n", differences));
    }
  }
}
