package org.sqlflow.server.job.ray;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a Ray job is submitted with.
 *
 * @param submissionId the job's name in the cluster; enough to find it again later
 * @param entrypoint the shell command the cluster runs, in the unpacked working directory
 * @param packageName the uploaded zip holding the working directory ({@code _ray_pkg_*.zip})
 * @param environment variables the entrypoint runs with
 * @param entrypointCpus CPUs the cluster reserves for the entrypoint, so its resources bound jobs
 * @param metadata shown by Ray's dashboard beside the job
 */
public record RaySubmission(
    String submissionId,
    String entrypoint,
    String packageName,
    Map<String, String> environment,
    double entrypointCpus,
    Map<String, String> metadata) {

  public RaySubmission {
    requireNonNull(submissionId, "submissionId");
    requireNonNull(entrypoint, "entrypoint");
    requireNonNull(packageName, "packageName");
    environment = Map.copyOf(environment);
    metadata = Map.copyOf(metadata);
  }
}
