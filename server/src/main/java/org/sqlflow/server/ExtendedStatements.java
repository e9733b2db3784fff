package org.sqlflow.server;

import java.nio.file.Path;
import java.util.List;
import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.protocol.ExtendedStatementHandler;

/** Builds the handler for extended statements (placeholder until the TensorFlow stages land). */
final class ExtendedStatements {
  private ExtendedStatements() {}

  static ExtendedStatementHandler handler(ServerOptions options, BackingDatabase database,
      Path dataDir) {
    return new ExtendedStatementHandler() {
      @Override
      public PreparedJob prepare(ExtendedStatement statement, ConnectionSource db)
          throws SqlflowException {
        throw new SqlflowException(ErrorCode.INTERNAL, "extended statements are not available");
      }

      @Override
      public List<Object[]> showTrain(ShowTrainStatement statement, ConnectionSource db)
          throws SqlflowException {
        throw new SqlflowException(ErrorCode.INTERNAL, "extended statements are not available");
      }
    };
  }

  static void loadSampleData(BackingDatabase database) {}
}
