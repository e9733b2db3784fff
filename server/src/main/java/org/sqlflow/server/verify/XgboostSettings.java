package org.sqlflow.server.verify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * An XGBoost TRAIN statement's attributes, resolved and typed (docs/ml-contract.md section 4): the
 * one place their keys are read.
 *
 * @param params the booster parameters the statement wrote (un-prefixed keys) and the objective;
 *     the runtime adds the model class's other defaults
 * @param batchSize rows per batch, -1 for all rows
 * @param workers Ray workers that boost together, each on its share of the rows; 1 boosts in the
 *     job's own process
 */
public record XgboostSettings(
    Map<String, Object> params,
    long numBoostRound,
    long batchSize,
    long epoch,
    long workers,
    boolean diskCache,
    Optional<String> validationSelect)
    implements ModelSettings {

  public XgboostSettings {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    java.util.Objects.requireNonNull(validationSelect, "validationSelect");
  }

  /**
   * {@code train.workers}, or SQLFlow's {@code train.num_workers} when only that is given: two
   * names for one setting, which may not disagree.
   */
  private static long workers(Map<String, Object> resolved) throws SqlflowException {
    long workers = (Long) resolved.get("train.workers");
    long numWorkers = (Long) resolved.get("train.num_workers");
    if (workers != 1 && numWorkers != 1 && workers != numWorkers) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "train.num_workers = "
              + numWorkers
              + " and train.workers = "
              + workers
              + " disagree: train.num_workers is SQLFlow's name for train.workers; give one");
    }
    return workers != 1 ? workers : numWorkers;
  }

  /** Reads the attributes {@link AttributeResolver} resolved for an XGBoost model class. */
  static XgboostSettings of(Map<String, Object> resolved) throws SqlflowException {
    Map<String, Object> params = new LinkedHashMap<>();
    resolved.forEach(
        (key, value) -> {
          if (value != null && XgboostModels.isBoosterParameter(key)) {
            params.put(key, value);
          }
        });
    return new XgboostSettings(
        params,
        (Long) resolved.get("train.num_boost_round"),
        (Long) resolved.get("train.batch_size"),
        (Long) resolved.get("train.epoch"),
        workers(resolved),
        (Boolean) resolved.get("train.disk_cache"),
        Optional.ofNullable((String) resolved.get("validation.select")));
  }
}
