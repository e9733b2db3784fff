package org.sqlflow.server.registry;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.SqlflowException;

/**
 * How a server takes part in the job registry.
 *
 * @param schema the registry's own database (MySQL/MariaDB) or schema (H2)
 * @param serverName this server's lasting name: a server that starts under the name of one that
 *     crashed fails that one's unfinished jobs at once
 * @param poll how often the server beats its heart and looks for kill requests
 * @param staleAfter a server silent this long is taken for dead and its jobs fail
 * @param retention ended jobs and their logs are removed this long after they ended
 * @param writeEvery how often log rows are written, in one batch
 */
public record RegistrySettings(
    String schema,
    String serverName,
    Duration poll,
    Duration staleAfter,
    Duration retention,
    Duration writeEvery) {

  public RegistrySettings {
    requireNonNull(schema, "schema");
    requireNonNull(serverName, "serverName");
    requireNonNull(poll, "poll");
    requireNonNull(staleAfter, "staleAfter");
    requireNonNull(retention, "retention");
    requireNonNull(writeEvery, "writeEvery");
    try {
      SqlDialect.parseName(schema);
    } catch (SqlflowException e) {
      throw new IllegalArgumentException("--job-registry: " + e.getMessage(), e);
    }
    if (schema.contains(".")) {
      throw new IllegalArgumentException("--job-registry names one database: " + schema);
    }
    if (staleAfter.compareTo(poll.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "--server-stale-seconds must be at least twice the registry poll, or live servers"
              + " would be taken for dead");
    }
  }
}
