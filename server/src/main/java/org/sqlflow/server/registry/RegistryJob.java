package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.sqlflow.server.job.JobState;

/**
 * One job as the registry keeps it.
 *
 * @param owner the database account that submitted it; only that account sees it
 * @param serverId the server that runs it (its row in the registry's servers)
 * @param backendHandle where the job runs, in the runner's own terms: {@code local:<server name>},
 *     or {@code ray:<submission id>[@<node id>]} once its program runs on a Ray cluster
 * @param error what a reader is told when it FAILED or was CANCELLED
 * @param lastRow the newest log row, or "" when there is none
 * @param currentDatabase the submitting connection's current database, if it had one
 */
public record RegistryJob(
    long id,
    String owner,
    String connectionId,
    String statement,
    JobState state,
    long serverId,
    String backendHandle,
    Instant created,
    Optional<Instant> ended,
    Optional<String> error,
    String lastRow,
    Optional<String> currentDatabase) {

  public RegistryJob {
    requireNonNull(owner, "owner");
    requireNonNull(connectionId, "connectionId");
    requireNonNull(statement, "statement");
    requireNonNull(state, "state");
    requireNonNull(backendHandle, "backendHandle");
    requireNonNull(created, "created");
    requireNonNull(ended, "ended");
    requireNonNull(error, "error");
    requireNonNull(lastRow, "lastRow");
    requireNonNull(currentDatabase, "currentDatabase");
  }
}
