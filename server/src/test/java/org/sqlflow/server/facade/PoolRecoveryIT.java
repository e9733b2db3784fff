package org.sqlflow.server.facade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.SqlflowServer;
import org.sqlflow.server.testing.TestBackends;
import org.sqlflow.server.testing.TestBackends.Backend;

/**
 * A HikariCP pool in front of a server that stops and starts again on the same port: dead
 * connections say so (isValid false, SQLState 08xxx) and the pool recovers by itself.
 */
class PoolRecoveryIT {

  private static int answer(Connection c, int n) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + n)) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  private static SqlflowServer restart(Backend backend) throws Exception {
    int port = backend.server().port();
    backend.server().close();
    return startAgain(backend, port);
  }

  private static SqlflowServer startAgain(Backend backend, int port) throws Exception {
    return backend.startAgainOn(port);
  }

  @Test
  void aConnectionFromBeforeARestartIsInvalidAndFailsWith08() throws Exception {
    try (Backend backend = TestBackends.MARIADB.start()) {
      Connection old = backend.sqlflow();
      assertEquals(1, answer(old, 1));
      assertTrue(old.isValid(5));
      int port = backend.server().port();
      String url = backend.url();
      backend.server().close();
      assertFalse(old.isValid(5), "a stopped server");
      SQLException down = assertThrows(SQLException.class, () -> answer(old, 2));
      assertNotNull(down.getSQLState(), down.toString());
      assertTrue(down.getSQLState().startsWith("08"), down.getSQLState() + " " + down);
      try (SqlflowServer again = startAgain(backend, port)) {
        assertFalse(old.isValid(5), "a restarted server that forgot the connection");
        SQLException forgotten = assertThrows(SQLException.class, () -> answer(old, 3));
        assertEquals("08003", forgotten.getSQLState(), forgotten.toString());
        SQLException prepare =
            assertThrows(SQLException.class, () -> old.prepareStatement("SELECT 1"));
        assertEquals("08003", prepare.getSQLState(), prepare.toString());
        SQLException create = assertThrows(SQLException.class, old::createStatement);
        assertTrue(create.getSQLState().startsWith("08"), create.toString());
        try (Connection fresh = DriverManager.getConnection(url)) {
          assertEquals(4, answer(fresh, 4));
        }
      }
    }
  }

  @Test
  void aPoolRecoversByItselfAfterARestart() throws Exception {
    try (Backend backend = TestBackends.MARIADB.start()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(backend.url());
      config.setMaximumPoolSize(3);
      config.setMinimumIdle(3);
      config.setConnectionTimeout(10_000);
      config.setValidationTimeout(2_000);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        for (int i = 0; i < 6; i++) {
          try (Connection c = pool.getConnection()) {
            assertEquals(i, answer(c, i));
          }
        }
        try (SqlflowServer again = restart(backend)) {
          // Hikari skips the validity check of a connection used in the last 500 ms; a
          // query on such a connection fails with 08003, and the pool evicts it.
          int answered = 0;
          for (int i = 0; i < 10; i++) {
            try (Connection c = pool.getConnection()) {
              answered += answer(c, 1);
            } catch (SQLException e) {
              assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), e.toString());
            }
          }
          assertTrue(answered >= 7, "answered " + answered + " of 10");
          Thread.sleep(600);
          for (int i = 0; i < 5; i++) {
            try (Connection c = pool.getConnection()) {
              assertEquals(40 + i, answer(c, 40 + i));
            }
          }
        }
      }
    }
  }
}
