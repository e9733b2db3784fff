package org.sqlflow.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlflow.server.codegen.ProgramGenerator;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.extended.JobPreparer;
import org.sqlflow.server.extended.PythonJobPreparer;
import org.sqlflow.server.extended.PythonRuntime;
import org.sqlflow.server.extended.SampleData;
import org.sqlflow.server.feed.FeedWriter;
import org.sqlflow.server.model.ModelStore;
import org.sqlflow.server.model.TableWriter;
import org.sqlflow.server.verify.OptimizeVerifier;
import org.sqlflow.server.verify.SelectSampler;
import org.sqlflow.server.verify.Verifier;

/** The production wiring of the extended-statement stages. */
final class ServerStages {
  /** Where, under the data directory, the runtime package is unpacked for jobs to import. */
  static final String RUNTIME_DIR = "runtime";

  private ServerStages() {}

  /** TensorFlow programs run with {@code --python}, importing the runtime bundled in the jar. */
  static JobPreparer handler(ServerOptions options, BackingDatabase database, Path dataDir)
      throws IOException {
    PythonRuntime runtime = PythonRuntime.bundled(options.python(), dataDir.resolve(RUNTIME_DIR));
    ModelStore store = new ModelStore(options.modelChunkBytes());
    SelectSampler sampler = new SelectSampler(options.sampleRows());
    return new PythonJobPreparer(
        store,
        runtime,
        new Verifier(store, sampler, options.rayAddress().isPresent()),
        new OptimizeVerifier(sampler),
        new ProgramGenerator(),
        new FeedWriter(options.fetchSize(), FeedWriter.CHECK_EVERY_ROWS),
        new TableWriter(options.batchSize()));
  }

  static void loadSampleData(BackingDatabase database)
      throws SQLException, IOException, SqlflowException {
    try (Connection connection = database.open(database.serverCredentials())) {
      SampleData.load(connection, database.dialect());
    }
  }
}
