package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * A Keras model's TRAIN statement's WITH attributes, resolved and typed for code generation and the
 * job: the one place their keys are read.
 *
 * @param modelParams the model's own keyword arguments ({@code model.*} but the optimizer), keyed
 *     without the prefix: {@code n_classes}, {@code hidden_units}, ...
 * @param optimizer the model's Keras optimizer (a combined model's DNN part when its parts differ)
 * @param linearOptimizer a combined model's linear part's own optimizer, when the statement gave
 *     the parts their own ({@code dnn_optimizer.*} / {@code linear_optimizer.*}); empty means one
 *     optimizer trains the whole model
 * @param workers Ray workers that train data-parallel; 1 trains in the job's own process
 * @param seed empty means not reproducible
 * @param validationSelect the SELECT whose rows validate the model, if any
 */
public record TrainingSettings(
    Map<String, Object> modelParams,
    OptimizerSettings optimizer,
    Optional<OptimizerSettings> linearOptimizer,
    long epochs,
    long batchSize,
    long verbose,
    long workers,
    Optional<Long> seed,
    Optional<String> validationSelect,
    List<String> validationMetrics)
    implements ModelSettings {

  private static final String MODEL_PREFIX = "model.";
  private static final String DNN = "dnn_optimizer";
  private static final String LINEAR = "linear_optimizer";

  public TrainingSettings {
    modelParams = Collections.unmodifiableMap(new LinkedHashMap<>(modelParams));
    requireNonNull(optimizer, "optimizer");
    requireNonNull(linearOptimizer, "linearOptimizer");
    requireNonNull(seed, "seed");
    requireNonNull(validationSelect, "validationSelect");
    validationMetrics = List.copyOf(validationMetrics);
  }

  /** Reads the attributes {@link AttributeResolver} resolved for a model (defaults applied). */
  @SuppressWarnings("unchecked")
  static TrainingSettings of(ModelFamily family, Map<String, Object> resolved)
      throws SqlflowException {
    Map<String, Object> modelParams = new LinkedHashMap<>();
    resolved.forEach(
        (key, value) -> {
          if (key.startsWith(MODEL_PREFIX)
              && KerasOptimizers.SLOTS.stream()
                  .noneMatch(slot -> key.equals(MODEL_PREFIX + slot))) {
            modelParams.put(key.substring(MODEL_PREFIX.length()), value);
          }
        });
    String modelDefault = family == ModelFamily.LINEAR ? "Ftrl" : "Adagrad";
    OptimizerSettings optimizer = KerasOptimizers.settings("optimizer", resolved, modelDefault);
    Optional<OptimizerSettings> linearOptimizer = Optional.empty();
    if (KerasOptimizers.written(DNN, resolved) || KerasOptimizers.written(LINEAR, resolved)) {
      // The parts' own optimizers, as SQLFlow's combined estimators: each part defaults to its
      // family's optimizer (Adagrad for the DNN, Ftrl for the linear part), never to the other's.
      if (KerasOptimizers.written("optimizer", resolved)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "use either model.optimizer/optimizer.* for the whole model or"
                + " model.dnn_optimizer/dnn_optimizer.* and model.linear_optimizer/"
                + "linear_optimizer.* for its parts, not both");
      }
      optimizer = KerasOptimizers.settings(DNN, resolved, "Adagrad");
      linearOptimizer = Optional.of(KerasOptimizers.settings(LINEAR, resolved, "Ftrl"));
    }
    return new TrainingSettings(
        modelParams,
        optimizer,
        linearOptimizer,
        (Long) resolved.get("train.epoch"),
        (Long) resolved.get("train.batch_size"),
        (Long) resolved.get("train.verbose"),
        (Long) resolved.get("train.workers"),
        Optional.ofNullable((Long) resolved.get("train.seed")),
        Optional.ofNullable((String) resolved.get("validation.select")),
        (List<String>) resolved.get("validation.metrics"));
  }
}
