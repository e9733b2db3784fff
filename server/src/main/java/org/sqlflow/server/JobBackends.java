package org.sqlflow.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.job.JobBackend;
import org.sqlflow.server.job.LocalProcessBackend;
import org.sqlflow.server.job.ray.RayBackend;
import org.sqlflow.server.job.ray.RayJobsApi;

/** Chooses where jobs run from the options: local processes, or the Ray cluster they name. */
final class JobBackends {
  private static final Logger LOG = LoggerFactory.getLogger(JobBackends.class);

  /** Log rows must reach clients within a second of being printed on the cluster. */
  private static final Duration RAY_POLL = Duration.ofMillis(250);

  /** CPUs Ray reserves for a job's program, so the cluster's free CPUs bound the jobs. */
  private static final double RAY_JOB_CPUS = 1;

  private JobBackends() {}

  /**
   * The backend the options ask for. A Ray cluster must answer at start, so a wrong address fails
   * the start rather than every job.
   */
  static JobBackend of(ServerOptions options, Path dataDir) throws IOException {
    if (options.rayAddress().isEmpty()) {
      return new LocalProcessBackend(options.killGrace(), options.registry().serverName());
    }
    URI address = options.rayAddress().get();
    RayJobsApi api = new RayJobsApi(address);
    String version;
    try {
      version = api.fetchVersion();
    } catch (IOException e) {
      throw new IOException(
          "--ray-address " + address + ": the Ray cluster does not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking Ray at " + address, e);
    }
    LOG.info("jobs run on the Ray cluster at {} (Ray {})", address, version);
    return new RayBackend(api, dataDir.resolve(ServerStages.RUNTIME_DIR), RAY_POLL, RAY_JOB_CPUS);
  }
}
