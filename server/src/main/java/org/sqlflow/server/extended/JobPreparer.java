package org.sqlflow.server.extended;

import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.ModelDescription;

/** Where the protocol layer hands a parsed extended statement: verify, generate, describe. */
public interface JobPreparer {

  /** Verifies and generates code now (errors throw before anything runs); returns the job. */
  PreparedJob prepare(ExtendedStatement statement, ConnectionSource database)
      throws SqlflowException;

  /** SHOW TRAIN: the model and the statement that trained it. */
  ModelDescription describe(ShowTrainStatement statement, ConnectionSource database)
      throws SqlflowException;
}
