package org.sqlflow.server.registry;

import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.job.JobWork;

/**
 * Prepares again, from the registry's row, a job whose server stopped while its program ran on, so
 * that this server can finish it: the statement is parsed and verified again, and nothing is fed or
 * started (the program the preparation generates is not used).
 */
@FunctionalInterface
public interface JobResumer {
  /**
   * The work that follows the job's running program ({@code JobContext.followProgram}) and then
   * does what the job's statement does after its program: store the model, write the result.
   *
   * @throws SqlflowException when the job cannot be finished here; the message says why
   */
  JobWork resume(RegistryJob job) throws SqlflowException;
}
