package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the registry's tests do through a client connection, in one place. */
final class JobClient {
  private JobClient() {}

  /** The first column of every row. */
  static List<String> readAll(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  /** SUBMITs {@code statement}; returns the job id. */
  static long submit(Connection c, String statement) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SUBMIT " + statement)) {
      assertTrue(rs.next(), "SUBMIT answered no row");
      return rs.getLong("job_id");
    }
  }

  /** The job's SHOW JOBS row as "state: last line", or "absent". */
  static String listing(Connection c, long id) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet jobs = s.executeQuery("SHOW JOBS")) {
      while (jobs.next()) {
        if (jobs.getLong("id") == id) {
          return jobs.getString("state") + ": " + jobs.getString("last_line");
        }
      }
    }
    return "absent";
  }

  /** The job's state in SHOW JOBS, or "absent". */
  static String stateOf(Connection c, long id) throws SQLException {
    String listing = listing(c, id);
    return listing.equals("absent") ? listing : listing.substring(0, listing.indexOf(':'));
  }

  static String fake(String args) {
    return "SELECT 1 TO TRAIN Fake WITH fake.args = \"" + args + "\" INTO m";
  }
}
