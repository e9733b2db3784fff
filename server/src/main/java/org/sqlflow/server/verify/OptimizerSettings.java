package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One Keras optimizer a TRAIN statement configured.
 *
 * @param name the Keras class name; empty means the model class default
 * @param arguments constructor arguments the statement wrote, checked against {@link
 *     KerasOptimizers} (learning_rate, momentum, ...); values are Double or Boolean
 */
public record OptimizerSettings(Optional<String> name, Map<String, Object> arguments) {

  public OptimizerSettings {
    requireNonNull(name, "name");
    arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /** The model class default, with Keras' default arguments. */
  public static OptimizerSettings modelDefault() {
    return new OptimizerSettings(Optional.empty(), Map.of());
  }

  /** The dict the runtime's models.make_optimizer takes: {"name": ..., argument: value, ...}. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name.orElse(null));
    map.putAll(arguments);
    return map;
  }
}
