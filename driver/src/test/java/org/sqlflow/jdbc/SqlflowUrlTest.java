package org.sqlflow.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlflowUrlTest {

  @Test
  void shortFormBecomesAvaticasWithProtobuf() throws SQLException {
    assertEquals(
        "jdbc:sqlflow:url=http://db.example:9000;serialization=protobuf",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow://db.example:9000"));
    assertEquals(
        "jdbc:sqlflow:url=http://localhost:8765;serialization=protobuf",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow://localhost/"));
  }

  @Test
  void shortFormQueryBecomesAvaticaProperties() throws SQLException {
    assertEquals(
        "jdbc:sqlflow:url=http://h:1;fetch_size=10;serialization=json",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow://h:1?fetch_size=10&serialization=json"));
  }

  @Test
  void httpsFormServesTlsWithAvaticasTruststoreProperties() throws SQLException {
    assertEquals(
        "jdbc:sqlflow:url=https://db.example:9443;truststore=/t.p12;"
            + "truststore_password=pw;serialization=protobuf",
        SqlflowUrl.toAvaticaForm(
            "jdbc:sqlflow:https://db.example:9443?truststore=/t.p12&truststore_password=pw"));
    assertEquals(
        "jdbc:sqlflow:url=https://h:8765;serialization=protobuf",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow:https://h/"));
  }

  @Test
  void avaticaFormIsKeptAndGetsProtobufByDefault() throws SQLException {
    assertEquals(
        "jdbc:sqlflow:url=http://h:1;serialization=protobuf",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow:url=http://h:1"));
    assertEquals(
        "jdbc:sqlflow:url=http://h:1;serialization=JSON",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow:url=http://h:1;serialization=JSON"));
  }

  @Test
  void shortFormPathNamesTheDatabase() throws SQLException {
    assertEquals(
        "jdbc:sqlflow:url=http://h:1;fetch_size=10;serialization=protobuf",
        SqlflowUrl.toAvaticaForm("jdbc:sqlflow://h:1/iris?fetch_size=10"));
    assertEquals(
        java.util.Optional.of("iris"),
        SqlflowUrl.databaseOf("jdbc:sqlflow://h:1/iris?fetch_size=10"));
    assertEquals(java.util.Optional.of("iris"), SqlflowUrl.databaseOf("jdbc:sqlflow://h/iris/"));
    assertEquals(java.util.Optional.empty(), SqlflowUrl.databaseOf("jdbc:sqlflow://h:1/"));
    assertEquals(java.util.Optional.empty(), SqlflowUrl.databaseOf("jdbc:sqlflow:url=http://h:1"));
  }

  @Test
  void malformedShortFormIsRejected() {
    SQLException e =
        assertThrows(
            SQLException.class, () -> SqlflowUrl.toAvaticaForm("jdbc:sqlflow://h:1/some/path"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("expected jdbc:sqlflow://host:port"));
  }

  @Test
  void driverAcceptsOnlyItsPrefix() throws SQLException {
    Driver driver = new Driver();
    assertTrue(driver.acceptsURL("jdbc:sqlflow://localhost:8765"));
    assertEquals(false, driver.acceptsURL("jdbc:avatica:remote:url=http://h:1"));
    assertEquals("SQLFlow", driver.getDriverVersion().productName);
  }
}
