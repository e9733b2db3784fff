package org.sqlflow.server.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.job.JobState;

/** The order in which one batch of the log writer reaches the registry. */
class RegistryLogWriterTest {
  /** The job's state when each of its log rows was stored, in order. */
  private static final List<String> STATES_AT_INSERT = new CopyOnWriteArrayList<>();

  /** Records, for each stored log row, the state its job then had. */
  public static final class StateAtInsert implements Trigger {
    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
      try (PreparedStatement state =
          connection.prepareStatement("SELECT state FROM \"reg\".\"jobs\" WHERE id = ?")) {
        state.setObject(1, newRow[0]);
        try (ResultSet rs = state.executeQuery()) {
          rs.next();
          STATES_AT_INSERT.add(rs.getString(1));
        }
      }
    }
  }

  @Test
  void aJobsRowsAreStoredAfterItsStartAndBeforeItsEnd() throws Exception {
    String url = "jdbc:h2:mem:writer-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
    try (Connection keepAlive = DriverManager.getConnection(url, "sa", "");
        JobRegistry registry =
            JobRegistry.open(
                () -> DriverManager.getConnection(url, "sa", ""), SqlDialect.H2, "reg")) {
      registry.insertJob(7, "alice", "c1", "SELECT 1", 1, "local:1", Optional.empty(), 0);
      try (Statement s = keepAlive.createStatement()) {
        s.execute(
            "CREATE TRIGGER state_at_insert AFTER INSERT ON \"reg\".\"job_log\" FOR EACH ROW CALL '"
                + StateAtInsert.class.getName()
                + "'");
      }
      STATES_AT_INSERT.clear();
      // An hour between rounds: everything below is written in the one round that close() runs.
      try (RegistryLogWriter writer = new RegistryLogWriter(registry, Duration.ofHours(1))) {
        writer.changed(7, JobState.RUNNING, Optional.empty());
        writer.appended(7, 0, "epoch 0");
        writer.appended(7, 1, "epoch 1");
        writer.changed(7, JobState.SUCCEEDED, Optional.empty());
      }
      assertEquals(List.of("RUNNING", "RUNNING"), STATES_AT_INSERT);
      assertEquals(JobState.SUCCEEDED, registry.find(7).orElseThrow().state());
    }
  }
}
