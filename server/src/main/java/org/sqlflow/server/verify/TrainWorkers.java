package org.sqlflow.server.verify;

import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * When {@code train.workers} may be more than 1: data-parallel training runs on Ray workers (Keras
 * models and XGBoost).
 */
final class TrainWorkers {
  private TrainWorkers() {}

  static void check(long workers, boolean rayCluster) throws SqlflowException {
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
  }

  /**
   * XGBoost over several workers: as for Keras, and every worker boosts on all of its rows at once,
   * since workers whose shares split into different numbers of batches would wait for each other
   * for ever.
   */
  static void checkBoosting(XgboostSettings settings, boolean rayCluster) throws SqlflowException {
    check(settings.workers(), rayCluster);
    if (settings.workers() > 1 && settings.batchSize() != -1) {
      throw new SqlflowException(
          ErrorCode.NOT_SUPPORTED,
          "train.workers = "
              + settings.workers()
              + " boosts on each worker's rows at once; leave train.batch_size at -1, or train"
              + " with train.workers = 1");
    }
  }
}
