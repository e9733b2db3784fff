package org.sqlflow.server.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * The Keras optimizers a model may name and the constructor arguments each takes: the one
 * allow-list that {@code model.optimizer} / {@code model.dnn_optimizer} / {@code
 * model.linear_optimizer} and their {@code optimizer.*} / {@code dnn_optimizer.*} / {@code
 * linear_optimizer.*} arguments are checked against (names as Keras 3 spells them).
 */
public final class KerasOptimizers {
  /** Names accepted by the model.*optimizer attributes, as Keras spells them. */
  public static final List<String> NAMES =
      List.of("Adagrad", "Adam", "Adamax", "Adadelta", "Ftrl", "Nadam", "RMSprop", "SGD");

  /**
   * Every argument some optimizer takes, with the values it accepts. In a holder class:
   * AttributeType reads {@link #NAMES} while it initializes, before its constants exist.
   */
  private static final class Arguments {
    static final Map<String, AttributeType> TYPES = arguments();
  }

  /** Arguments every optimizer takes. */
  private static final Set<String> COMMON =
      Set.of("learning_rate", "weight_decay", "clipnorm", "clipvalue", "global_clipnorm");

  private static final Map<String, Set<String>> OWN =
      Map.of(
          "Adagrad", Set.of("initial_accumulator_value", "epsilon"),
          "Adam", Set.of("beta_1", "beta_2", "epsilon", "amsgrad"),
          "Adamax", Set.of("beta_1", "beta_2", "epsilon"),
          "Adadelta", Set.of("rho", "epsilon"),
          "Ftrl",
              Set.of(
                  "learning_rate_power",
                  "initial_accumulator_value",
                  "l1_regularization_strength",
                  "l2_regularization_strength",
                  "l2_shrinkage_regularization_strength",
                  "beta"),
          "Nadam", Set.of("beta_1", "beta_2", "epsilon"),
          "RMSprop", Set.of("rho", "momentum", "epsilon", "centered"),
          "SGD", Set.of("momentum", "nesterov"));

  /** The attribute prefixes of optimizer arguments: one model optimizer, or one per part. */
  static final List<String> SLOTS = List.of("optimizer", "dnn_optimizer", "linear_optimizer");

  private KerasOptimizers() {}

  private static Map<String, AttributeType> arguments() {
    Map<String, AttributeType> arguments = new LinkedHashMap<>();
    arguments.put("learning_rate", AttributeType.POSITIVE_NUMBER);
    arguments.put("weight_decay", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("clipnorm", AttributeType.POSITIVE_NUMBER);
    arguments.put("clipvalue", AttributeType.POSITIVE_NUMBER);
    arguments.put("global_clipnorm", AttributeType.POSITIVE_NUMBER);
    arguments.put("epsilon", AttributeType.POSITIVE_NUMBER);
    arguments.put("initial_accumulator_value", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("beta_1", AttributeType.FRACTION);
    arguments.put("beta_2", AttributeType.FRACTION);
    arguments.put("amsgrad", AttributeType.BOOLEAN);
    arguments.put("rho", AttributeType.FRACTION);
    arguments.put("momentum", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("centered", AttributeType.BOOLEAN);
    arguments.put("nesterov", AttributeType.BOOLEAN);
    arguments.put("learning_rate_power", AttributeType.NON_POSITIVE_NUMBER);
    arguments.put("l1_regularization_strength", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("l2_regularization_strength", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("l2_shrinkage_regularization_strength", AttributeType.NON_NEGATIVE_NUMBER);
    arguments.put("beta", AttributeType.NON_NEGATIVE_NUMBER);
    return Map.copyOf(arguments);
  }

  /** The Keras spelling of {@code name} (any case), or empty when it is not an optimizer. */
  static Optional<String> canonical(String name) {
    return NAMES.stream().filter(n -> n.equalsIgnoreCase(name)).findFirst();
  }

  /**
   * The attribute definitions of one optimizer slot: {@code model.<slot>} (the name) and {@code
   * <slot>.<argument>} for every argument some optimizer takes.
   *
   * @param slot "optimizer", "dnn_optimizer" or "linear_optimizer"
   * @param meaning what the optimizer trains, for the description
   */
  static List<AttributeDefinition> definitions(String slot, String meaning) {
    List<AttributeDefinition> definitions = new ArrayList<>();
    definitions.add(
        new AttributeDefinition(
            "model." + slot,
            AttributeType.OPTIMIZER,
            null,
            "the Keras optimizer of " + meaning + "; None means the model class default"));
    Arguments.TYPES.keySet().stream()
        .sorted(KerasOptimizers::byCommonFirst)
        .forEach(
            argument ->
                definitions.add(
                    new AttributeDefinition(
                        slot + "." + argument,
                        Arguments.TYPES.get(argument),
                        null,
                        "the optimizer's " + argument + "; None means Keras' default")));
    return definitions;
  }

  private static int byCommonFirst(String a, String b) {
    if (a.equals("learning_rate") || b.equals("learning_rate")) {
      return a.equals("learning_rate") ? (b.equals("learning_rate") ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /**
   * The optimizer of one slot from the resolved attributes: its name (empty: the model class
   * default, {@code defaultName}) and the arguments the statement wrote. Refuses an argument the
   * optimizer does not take, naming the ones it does.
   */
  static OptimizerSettings settings(String slot, Map<String, Object> resolved, String defaultName)
      throws SqlflowException {
    Optional<String> name = Optional.ofNullable((String) resolved.get("model." + slot));
    String effective = name.orElse(defaultName);
    Map<String, Object> arguments = new LinkedHashMap<>();
    for (String argument : Arguments.TYPES.keySet().stream().sorted().toList()) {
      Object value = resolved.get(slot + "." + argument);
      if (value == null) {
        continue;
      }
      if (!COMMON.contains(argument) && !OWN.get(effective).contains(argument)) {
        List<String> takes = new ArrayList<>(COMMON);
        takes.addAll(OWN.get(effective));
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            slot
                + "."
                + argument
                + " does not apply to "
                + effective
                + (name.isEmpty() ? " (the model's default; set model." + slot + ")" : "")
                + "; "
                + effective
                + " takes "
                + String.join(", ", takes.stream().sorted().toList()));
      }
      arguments.put(argument, value);
    }
    return new OptimizerSettings(name, arguments);
  }

  /** Whether {@code key} is an optimizer argument ({@code <slot>.<argument>}). */
  static boolean isArgument(String key) {
    int dot = key.indexOf('.');
    return dot > 0
        && SLOTS.contains(key.substring(0, dot))
        && Arguments.TYPES.containsKey(key.substring(dot + 1));
  }

  /** Whether the statement wrote anything for {@code slot}: its name or an argument. */
  static boolean written(String slot, Map<String, Object> resolved) {
    return resolved.get("model." + slot) != null
        || Arguments.TYPES.keySet().stream().anyMatch(a -> resolved.get(slot + "." + a) != null);
  }
}
