package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Keras model's TRAIN statement's WITH attributes, resolved and typed for code generation and the
 * job: the one place their keys are read.
 *
 * @param modelParams the model's own keyword arguments ({@code model.*} but the optimizer), keyed
 *     without the prefix: {@code n_classes}, {@code hidden_units}, ...
 * @param optimizer the Keras optimizer's name; empty means the model class default
 * @param learningRate empty means the optimizer's default
 * @param workers Ray workers that train data-parallel; 1 trains in the job's own process
 * @param seed empty means not reproducible
 * @param validationSelect the SELECT whose rows validate the model, if any
 */
public record TrainingSettings(
    Map<String, Object> modelParams,
    Optional<String> optimizer,
    Optional<Double> learningRate,
    long epochs,
    long batchSize,
    long verbose,
    long workers,
    Optional<Long> seed,
    Optional<String> validationSelect,
    List<String> validationMetrics)
    implements ModelSettings {

  private static final String MODEL_PREFIX = "model.";
  private static final String OPTIMIZER = "model.optimizer";

  public TrainingSettings {
    modelParams = Collections.unmodifiableMap(new LinkedHashMap<>(modelParams));
    requireNonNull(optimizer, "optimizer");
    requireNonNull(learningRate, "learningRate");
    requireNonNull(seed, "seed");
    requireNonNull(validationSelect, "validationSelect");
    validationMetrics = List.copyOf(validationMetrics);
  }

  /** Reads the attributes {@link AttributeResolver} resolved for a model (defaults applied). */
  @SuppressWarnings("unchecked")
  static TrainingSettings of(Map<String, Object> resolved) {
    Map<String, Object> modelParams = new LinkedHashMap<>();
    resolved.forEach(
        (key, value) -> {
          if (key.startsWith(MODEL_PREFIX) && !key.equals(OPTIMIZER)) {
            modelParams.put(key.substring(MODEL_PREFIX.length()), value);
          }
        });
    return new TrainingSettings(
        modelParams,
        Optional.ofNullable((String) resolved.get(OPTIMIZER)),
        Optional.ofNullable((Double) resolved.get("optimizer.learning_rate")),
        (Long) resolved.get("train.epoch"),
        (Long) resolved.get("train.batch_size"),
        (Long) resolved.get("train.verbose"),
        (Long) resolved.get("train.workers"),
        Optional.ofNullable((Long) resolved.get("train.seed")),
        Optional.ofNullable((String) resolved.get("validation.select")),
        (List<String>) resolved.get("validation.metrics"));
  }
}
