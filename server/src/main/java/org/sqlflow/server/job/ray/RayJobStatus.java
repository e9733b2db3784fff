package org.sqlflow.server.job.ray;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Ray job's state as the Jobs API reports it.
 *
 * @param status PENDING, RUNNING, STOPPED, SUCCEEDED or FAILED
 * @param message Ray's explanation (for a job that failed before its entrypoint ran, the only one)
 * @param rayJobId the driver's Ray job id once it runs (empty before)
 * @param driverNodeId the node that runs the entrypoint (empty before it is placed)
 * @param exitCode the entrypoint's exit code once it ended
 * @param metadata what the job was submitted with as metadata
 */
public record RayJobStatus(
    String status,
    String message,
    String rayJobId,
    String driverNodeId,
    Optional<Integer> exitCode,
    Map<String, String> metadata) {
  private static final Set<String> TERMINAL = Set.of("STOPPED", "SUCCEEDED", "FAILED");

  public RayJobStatus {
    requireNonNull(status, "status");
    requireNonNull(message, "message");
    requireNonNull(rayJobId, "rayJobId");
    requireNonNull(driverNodeId, "driverNodeId");
    requireNonNull(exitCode, "exitCode");
    metadata = Map.copyOf(metadata);
  }

  public boolean isTerminal() {
    return TERMINAL.contains(status);
  }
}
