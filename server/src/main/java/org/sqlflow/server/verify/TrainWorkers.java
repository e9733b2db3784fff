package org.sqlflow.server.verify;

import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** When {@code train.workers} may be more than 1: data-parallel training runs on Ray workers. */
final class TrainWorkers {
  private TrainWorkers() {}

  static void check(long workers, boolean rayCluster, boolean warmStart) throws SqlflowException {
    if (workers <= 1) {
      return;
    }
    if (!rayCluster) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "train.workers = "
              + workers
              + " needs a Ray cluster: start the server with --ray-address http://head:8265, or"
              + " train with train.workers = 1");
    }
    if (warmStart) {
      throw new SqlflowException(
          ErrorCode.NOT_SUPPORTED,
          "train.workers = "
              + workers
              + " does not continue a stored model (USING) yet; train with train.workers = 1");
    }
  }
}
