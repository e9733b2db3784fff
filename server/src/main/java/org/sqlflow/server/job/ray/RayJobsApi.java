package org.sqlflow.server.job.ray;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Ray Jobs REST API of a cluster's dashboard ({@code http://head:8265}), as Ray's dashboard job
 * module serves it: package upload for a job's working directory, submit, status, log, stop and
 * delete. A job is named by its submission id, which is all a later server needs to find it again.
 */
public final class RayJobsApi {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final URI address;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param address the dashboard's address, e.g. {@code http://127.0.0.1:8265}
   */
  public RayJobsApi(URI address) {
    requireNonNull(address, "address");
    String text = address.toString();
    this.address = URI.create(text.endsWith("/") ? text : text + "/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  public URI address() {
    return address;
  }

  /** The cluster's Ray version: answers only when the Jobs API is there. */
  public String fetchVersion() throws IOException, InterruptedException {
    return send(get("api/version"), "ask the version").path("ray_version").asText("");
  }

  /** Whether the cluster holds the package {@code name} (e.g. {@code _ray_pkg_<sha1>.zip}). */
  public boolean hasPackage(String name) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(get("api/packages/gcs/" + name), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200;
  }

  /** Stores a zip in the cluster, so a runtime_env may name it as {@code gcs://<name>}. */
  public void uploadPackage(String name, byte[] zip) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve("api/packages/gcs/" + name))
            .timeout(UPLOAD_TIMEOUT)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(zip))
            .build();
    send(request, "upload the job's files");
  }

  /** Submits a job; the cluster refuses a submission id it already has. */
  public void submit(RaySubmission submission) throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("entrypoint", submission.entrypoint());
    body.put("submission_id", submission.submissionId());
    ObjectNode runtimeEnv = body.putObject("runtime_env");
    runtimeEnv.put("working_dir", "gcs://" + submission.packageName());
    ObjectNode variables = runtimeEnv.putObject("env_vars");
    submission.environment().forEach(variables::put);
    body.put("entrypoint_num_cpus", submission.entrypointCpus());
    ObjectNode metadata = body.putObject("metadata");
    submission.metadata().forEach(metadata::put);
    HttpRequest request =
        HttpRequest.newBuilder(resolve("api/jobs/"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), UTF_8))
            .build();
    send(request, "submit the job");
  }

  /** The job's state, or empty when the cluster does not know it. */
  public Optional<RayJobStatus> fetchStatus(String submissionId)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(get(jobPath(submissionId)), HttpResponse.BodyHandlers.ofString(UTF_8));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    JsonNode node = parse(response, "ask the job's status");
    Map<String, String> metadata = new LinkedHashMap<>();
    node.path("metadata")
        .fields()
        .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    return Optional.of(
        new RayJobStatus(
            node.path("status").asText(""),
            node.path("message").asText(""),
            node.path("job_id").asText(""),
            node.path("driver_node_id").asText(""),
            node.path("driver_exit_code").isNumber()
                ? Optional.of(node.path("driver_exit_code").asInt())
                : Optional.empty(),
            metadata));
  }

  /** The job's whole log so far (Ray keeps it in a file on the node that runs the job). */
  public String fetchLog(String submissionId) throws IOException, InterruptedException {
    return send(get(jobPath(submissionId) + "/logs"), "read the job's log").path("logs").asText("");
  }

  /** Asks the cluster to stop the job (SIGTERM, then SIGKILL after Ray's stop wait). */
  public void stop(String submissionId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(jobPath(submissionId) + "/stop"))
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    send(request, "stop the job");
  }

  /** Forgets an ended job: its status and log. */
  public void delete(String submissionId) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(jobPath(submissionId)))
            .timeout(REQUEST_TIMEOUT)
            .DELETE()
            .build();
    send(request, "delete the job");
  }

  /** Every job the cluster knows, by submission id: status (for tests and operators). */
  public Map<String, String> listJobs() throws IOException, InterruptedException {
    JsonNode jobs = send(get("api/jobs/"), "list jobs");
    Map<String, String> statuses = new LinkedHashMap<>();
    for (JsonNode job : jobs) {
      if (!job.path("submission_id").isNull() && job.has("submission_id")) {
        statuses.put(job.path("submission_id").asText(), job.path("status").asText(""));
      }
    }
    return Map.copyOf(statuses);
  }

  private String jobPath(String submissionId) {
    return "api/jobs/" + URLEncoder.encode(submissionId, UTF_8);
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(resolve(path)).timeout(REQUEST_TIMEOUT).GET().build();
  }

  private URI resolve(String path) {
    return address.resolve(path);
  }

  private JsonNode send(HttpRequest request, String what) throws IOException, InterruptedException {
    return parse(http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8)), what);
  }

  private JsonNode parse(HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          "Ray at "
              + address
              + " could not "
              + what
              + ": HTTP "
              + response.statusCode()
              + " "
              + lastLine(response.body()));
    }
    String body = response.body();
    return body.isBlank() ? json.createObjectNode() : json.readTree(body);
  }

  /** A Python traceback's last line says what went wrong. */
  private static String lastLine(String text) {
    String[] lines = text.strip().split("\n");
    String line = lines[lines.length - 1].strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
