package org.sqlflow.server.protocol;

import java.util.List;
import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.server.SqlflowException;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.job.JobWork;

/** Where the protocol layer hands a parsed extended statement: verify, generate, describe. */
public interface ExtendedStatementHandler {

  /** Verifies and generates code now (errors throw before anything runs); returns the job. */
  PreparedJob prepare(ExtendedStatement statement, ConnectionSource database)
      throws SqlflowException;

  /** SHOW TRAIN: one row of (Model, Train Statement). */
  List<Object[]> showTrain(ShowTrainStatement statement, ConnectionSource database)
      throws SqlflowException;

  /** Log rows already produced, and the work still to run as a job. */
  record PreparedJob(List<String> initialRows, JobWork work) {
    public PreparedJob {
      initialRows = List.copyOf(initialRows);
      java.util.Objects.requireNonNull(work, "work");
    }
  }
}
