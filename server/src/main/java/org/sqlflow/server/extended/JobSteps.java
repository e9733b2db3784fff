package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlflow.server.contract.JobFiles;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.error.JobCancelledException;
import org.sqlflow.server.feed.Feed;
import org.sqlflow.server.feed.FeedWriter;
import org.sqlflow.server.job.JobContext;
import org.sqlflow.server.job.JobFailedException;
import org.sqlflow.server.model.ModelStore;

/** The steps every extended-statement job is made of: feeding data and running the program. */
final class JobSteps {
  private final ConnectionSource db;
  private final FeedWriter feeds;
  private final PythonRuntime runtime;

  JobSteps(ConnectionSource db, FeedWriter feeds, PythonRuntime runtime) {
    this.db = requireNonNull(db, "db");
    this.feeds = requireNonNull(feeds, "feeds");
    this.runtime = requireNonNull(runtime, "runtime");
  }

  ConnectionSource db() {
    return db;
  }

  /** Streams {@code select} into the feed directory {@code name} of the job. */
  Feed feed(JobContext context, String select, String name, String rowsFile)
      throws SQLException, IOException, JobCancelledException {
    Path dir = context.workDir().resolve(name);
    try (Connection connection = db.open()) {
      return feeds.writeSelect(
          connection,
          select,
          dir,
          rowsFile == null ? null : context.workDir().resolve(rowsFile),
          context::checkCancelled);
    }
  }

  /**
   * What PREDICT, EVALUATE and EXPLAIN begin with: the stored model restored into the job
   * directory, the rows fed, the program run over them.
   */
  Feed runOnStoredModel(
      JobContext context,
      ModelStore store,
      String model,
      String select,
      String rowsFile,
      String program)
      throws Exception {
    store.load(db, model, context.workDir().resolve(JobFiles.MODEL_DIR));
    Feed feed = feed(context, select, JobFiles.PREDICT_FEED, rowsFile);
    runProgram(context, program);
    return feed;
  }

  /** Follows the program an earlier server started for a job this server took over. */
  void followProgram(JobContext context) throws JobFailedException, JobCancelledException {
    context.followProgram(PythonRuntime::causeOf);
  }

  void runProgram(JobContext context, String program)
      throws IOException, JobFailedException, JobCancelledException {
    Files.writeString(context.workDir().resolve(JobFiles.PROGRAM), program, StandardCharsets.UTF_8);
    context.runProcess(
        runtime.command(JobFiles.PROGRAM), runtime.environment(), PythonRuntime::causeOf);
  }
}
