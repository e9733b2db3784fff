package org.sqlflow.server.registry;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.JobState;

/**
 * The jobs of every server in front of one database, in a schema of the servers' own: who submitted
 * each job, its state, the server that runs it, and its log rows. Every SQL statement on the
 * registry lives here. Times are the servers' clocks in epoch milliseconds.
 */
public final class JobRegistry implements AutoCloseable {
  /** The reason a job of a server that stopped without finishing it is FAILED with. */
  public static final String SERVER_STOPPED = "server stopped";

  private static final String NOT_ENDED = "state IN ('QUEUED', 'RUNNING')";

  /**
   * Jobs whose program ran in their server's process tree: they end with it. Other placements (a
   * cluster's job) outlive it, and another server takes them over.
   */
  private static final String DIES_WITH_SERVER = "backend_handle LIKE 'local:%'";

  private final RegistryConnections connections;
  private final String servers;
  private final String jobs;
  private final String log;
  private final String ids;

  private JobRegistry(RegistryConnections connections, SqlDialect dialect, String schema)
      throws SqlflowException {
    this.connections = connections;
    this.servers = dialect.quoteQualified(schema + ".servers");
    this.jobs = dialect.quoteQualified(schema + ".jobs");
    this.log = dialect.quoteQualified(schema + ".job_log");
    this.ids = dialect.quoteQualified(schema + ".ids");
  }

  /**
   * The registry in {@code schema} (a database on MySQL/MariaDB, a schema on H2), its tables and id
   * sequence created when missing.
   *
   * @throws SqlflowException for a schema name that is not a plain identifier
   */
  static JobRegistry open(RegistryConnections.Opener opener, SqlDialect dialect, String schema)
      throws SQLException, SqlflowException {
    RegistryConnections connections = new RegistryConnections(opener);
    JobRegistry registry = new JobRegistry(connections, dialect, schema);
    String text = dialect.textType();
    List<String> ddl =
        List.of(
            dialect.createSchemaIfMissing(schema),
            "CREATE TABLE IF NOT EXISTS "
                + registry.servers
                + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(500) NOT NULL,"
                + " started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS "
                + registry.jobs
                + " (id BIGINT NOT NULL PRIMARY KEY, owner VARCHAR(255) NOT NULL,"
                + " connection_id VARCHAR(255) NOT NULL, statement "
                + text
                + " NOT NULL, state VARCHAR(16) NOT NULL, server_id BIGINT NOT NULL,"
                + " backend_handle VARCHAR(255) NOT NULL, created_at BIGINT NOT NULL,"
                + " ended_at BIGINT, error "
                + text
                + ", kill_request VARCHAR(1000), current_database VARCHAR(255))",
            "CREATE TABLE IF NOT EXISTS "
                + registry.log
                + " (job_id BIGINT NOT NULL, row_no BIGINT NOT NULL, text "
                + text
                + " NOT NULL, PRIMARY KEY (job_id, row_no))",
            "CREATE SEQUENCE IF NOT EXISTS " + registry.ids);
    connections.with(
        connection -> {
          try (Statement statement = connection.createStatement()) {
            for (String sql : ddl) {
              statement.execute(sql);
            }
            // Registries created before jobs could be taken over lack the column.
            if (!hasColumn(connection, dialect, schema, "jobs", "current_database")) {
              statement.execute(
                  "ALTER TABLE " + registry.jobs + " ADD COLUMN current_database VARCHAR(255)");
            }
          }
          return null;
        });
    return registry;
  }

  private static boolean hasColumn(
      Connection connection, SqlDialect dialect, String schema, String table, String column)
      throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    boolean mysql = dialect == SqlDialect.MYSQL;
    try (ResultSet columns =
        metadata.getColumns(mysql ? schema : null, mysql ? null : schema, table, column)) {
      return columns.next();
    }
  }

  /** {@link #nextId()} for the job manager; a registry that cannot answer fails the submit. */
  public LongSupplier ids() {
    return () -> {
      try {
        return nextId();
      } catch (SQLException e) {
        throw new IllegalStateException("the job registry gives no job id: " + e.getMessage(), e);
      }
    };
  }

  /** A fresh id, unique among all servers of this registry (job ids and server ids alike). */
  public long nextId() throws SQLException {
    return connections.with(
        connection -> {
          try (Statement statement = connection.createStatement();
              ResultSet next = statement.executeQuery("SELECT NEXT VALUE FOR " + ids)) {
            next.next();
            return next.getLong(1);
          }
        });
  }

  /**
   * Registers a starting server under {@code name}; the jobs a former server of the same name left
   * unfinished (it crashed) fail with {@link #SERVER_STOPPED} when their programs died with it
   * (those that outlive it are for {@link #orphans} to find). Returns the new server's id.
   */
  long registerServer(String name, long now) throws SQLException {
    long id = nextId();
    update(
        failJobsWhere("server_id IN (SELECT id FROM " + servers + " WHERE name = ?)"),
        SERVER_STOPPED,
        now,
        name);
    update(
        "INSERT INTO " + servers + " (id, name, started_at, heartbeat_at) VALUES (?, ?, ?, ?)",
        id,
        name,
        now,
        now);
    return id;
  }

  void heartbeat(long serverId, long now) throws SQLException {
    update("UPDATE " + servers + " SET heartbeat_at = ? WHERE id = ?", now, serverId);
  }

  /**
   * Fails the unfinished jobs of servers whose heartbeat is older than {@code staleBefore}, when
   * their programs died with the server; returns how many.
   */
  int failJobsOfStaleServers(long staleBefore, long now) throws SQLException {
    return update(
        failJobsWhere("server_id IN (SELECT id FROM " + servers + " WHERE heartbeat_at < ?)"),
        SERVER_STOPPED,
        now,
        staleBefore);
  }

  private String failJobsWhere(String condition) {
    return "UPDATE "
        + jobs
        + " SET state = 'FAILED', error = ?, ended_at = ? WHERE "
        + NOT_ENDED
        + " AND "
        + DIES_WITH_SERVER
        + " AND "
        + condition;
  }

  /**
   * The unfinished jobs whose programs outlive their server, of servers that stopped: an earlier
   * life of server {@code serverName}, or servers silent since {@code staleBefore}. Server {@code
   * serverId} (this one) may take them over with {@link #claim}.
   */
  List<RegistryJob> orphans(long serverId, String serverName, long staleBefore)
      throws SQLException {
    return select(
        "j."
            + NOT_ENDED
            + " AND NOT j."
            + DIES_WITH_SERVER
            + " AND j.server_id <> ? AND j.server_id IN (SELECT id FROM "
            + servers
            + " WHERE name = ? OR heartbeat_at < ?)",
        serverId,
        serverName,
        staleBefore);
  }

  /**
   * Makes server {@code to} the one that runs the unfinished job, if server {@code from} still is:
   * of several servers that try, one succeeds. Returns whether this call did.
   */
  boolean claim(long jobId, long from, long to) throws SQLException {
    return update(
            "UPDATE " + jobs + " SET server_id = ? WHERE id = ? AND server_id = ? AND " + NOT_ENDED,
            to,
            jobId,
            from)
        == 1;
  }

  /** Records where an unfinished job's program runs, as its backend names it. */
  void place(long jobId, String placement) throws SQLException {
    update(
        "UPDATE " + jobs + " SET backend_handle = ? WHERE id = ? AND " + NOT_ENDED,
        placement,
        jobId);
  }

  /**
   * Removes jobs that ended before {@code endedBefore} with their logs, and servers silent since
   * then; returns how many jobs.
   */
  int removeEndedBefore(long endedBefore) throws SQLException {
    return connections.with(
        connection -> {
          String old = "SELECT id FROM " + jobs + " WHERE ended_at < ?";
          try (PreparedStatement rows =
                  connection.prepareStatement(
                      "DELETE FROM " + log + " WHERE job_id IN (" + old + ")");
              PreparedStatement ended =
                  connection.prepareStatement("DELETE FROM " + jobs + " WHERE ended_at < ?");
              PreparedStatement silent =
                  connection.prepareStatement(
                      "DELETE FROM "
                          + servers
                          + " WHERE heartbeat_at < ? AND id NOT IN (SELECT server_id FROM "
                          + jobs
                          + ")")) {
            rows.setLong(1, endedBefore);
            rows.executeUpdate();
            ended.setLong(1, endedBefore);
            int removed = ended.executeUpdate();
            silent.setLong(1, endedBefore);
            silent.executeUpdate();
            return removed;
          }
        });
  }

  /**
   * Records a job that was just submitted, QUEUED; {@code currentDatabase} is the submitting
   * connection's, which a server that takes the job over resolves the statement's names in.
   */
  void insertJob(
      long id,
      String owner,
      String connectionId,
      String statement,
      long serverId,
      String backendHandle,
      Optional<String> currentDatabase,
      long now)
      throws SQLException {
    update(
        "INSERT INTO "
            + jobs
            + " (id, owner, connection_id, statement, state, server_id, backend_handle,"
            + " created_at, current_database) VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)",
        id,
        owner,
        connectionId,
        statement,
        serverId,
        backendHandle,
        now,
        currentDatabase.orElse(null));
  }

  /** Stores log rows; a row already stored (a retried batch) is kept as it was. */
  void appendRows(List<LogRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    connections.with(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT IGNORE INTO " + log + " (job_id, row_no, text) VALUES (?, ?, ?)")) {
            for (LogRow row : rows) {
              insert.setLong(1, row.jobId());
              insert.setLong(2, row.row());
              insert.setString(3, row.text());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  /**
   * Moves a job that has not ended to {@code state}; an ended job keeps its end (a job failed as
   * {@link #SERVER_STOPPED} stays so when its server comes back to life).
   */
  void changeState(long id, JobState state, Optional<String> error, long now) throws SQLException {
    connections.with(
        connection -> {
          try (PreparedStatement change =
              connection.prepareStatement(
                  "UPDATE "
                      + jobs
                      + " SET state = ?, error = ?, ended_at = ? WHERE id = ? AND "
                      + NOT_ENDED)) {
            change.setString(1, state.name());
            change.setString(2, error.orElse(null));
            if (state.isFinal()) {
              change.setLong(3, now);
            } else {
              change.setNull(3, Types.BIGINT);
            }
            change.setLong(4, id);
            change.executeUpdate();
          }
          return null;
        });
  }

  /** Asks the server that runs the job to stop it; false when it has ended or does not exist. */
  boolean requestKill(long id, String reason) throws SQLException {
    return update(
            "UPDATE " + jobs + " SET kill_request = ? WHERE id = ? AND " + NOT_ENDED, reason, id)
        > 0;
  }

  /** The kill requests for the unfinished jobs of a server, by job id. */
  Map<Long, String> killRequests(long serverId) throws SQLException {
    return connections.with(
        connection -> {
          Map<Long, String> requests = new LinkedHashMap<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, kill_request FROM "
                      + jobs
                      + " WHERE server_id = ? AND kill_request IS NOT NULL AND "
                      + NOT_ENDED)) {
            query.setLong(1, serverId);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                requests.put(rows.getLong(1), rows.getString(2));
              }
            }
          }
          return requests;
        });
  }

  public Optional<RegistryJob> find(long id) throws SQLException {
    List<RegistryJob> found = select("j.id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The jobs of an account, oldest first. */
  public List<RegistryJob> listOf(String owner) throws SQLException {
    return select("j.owner = ?", owner);
  }

  private List<RegistryJob> select(String condition, Object... values) throws SQLException {
    String sql =
        "SELECT j.id, j.owner, j.connection_id, j.statement, j.state, j.server_id,"
            + " j.backend_handle, j.created_at, j.ended_at, j.error, j.current_database,"
            + " (SELECT l.text FROM "
            + log
            + " l WHERE l.job_id = j.id ORDER BY l.row_no DESC LIMIT 1)"
            + " FROM "
            + jobs
            + " j WHERE "
            + condition
            + " ORDER BY j.id";
    return connections.with(
        connection -> {
          List<RegistryJob> found = new ArrayList<>();
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
              query.setObject(i + 1, values[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                long ended = rows.getLong(9);
                boolean hasEnded = !rows.wasNull();
                String last = rows.getString(12);
                found.add(
                    new RegistryJob(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        JobState.valueOf(rows.getString(5)),
                        rows.getLong(6),
                        rows.getString(7),
                        Instant.ofEpochMilli(rows.getLong(8)),
                        hasEnded ? Optional.of(Instant.ofEpochMilli(ended)) : Optional.empty(),
                        Optional.ofNullable(rows.getString(10)),
                        last == null ? "" : last,
                        Optional.ofNullable(rows.getString(11))));
              }
            }
          }
          return found;
        });
  }

  /** Up to {@code max} stored rows of a job from row {@code from} on, in order. */
  List<LogRow> rows(long jobId, long from, int max) throws SQLException {
    return connections.with(
        connection -> {
          List<LogRow> rows = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT row_no, text FROM "
                      + log
                      + " WHERE job_id = ? AND row_no >= ? ORDER BY row_no LIMIT ?")) {
            query.setLong(1, jobId);
            query.setLong(2, from);
            query.setInt(3, max);
            try (ResultSet result = query.executeQuery()) {
              while (result.next()) {
                rows.add(new LogRow(jobId, result.getLong(1), result.getString(2)));
              }
            }
          }
          return rows;
        });
  }

  /** How many rows of the job's log are stored. */
  long rowCount(long jobId) throws SQLException {
    return connections.with(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement("SELECT COUNT(*) FROM " + log + " WHERE job_id = ?")) {
            query.setLong(1, jobId);
            try (ResultSet result = query.executeQuery()) {
              result.next();
              return result.getLong(1);
            }
          }
        });
  }

  private int update(String sql, Object... values) throws SQLException {
    return connections.with(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
              statement.setObject(i + 1, values[i]);
            }
            return statement.executeUpdate();
          }
        });
  }

  @Override
  public void close() {
    connections.close();
  }
}
