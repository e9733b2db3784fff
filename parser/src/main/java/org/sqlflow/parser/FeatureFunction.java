package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One feature-column function of the COLUMN clause: its name, its parameters in order (the first
 * {@code required} must be given, the rest are optional), and whether the server can train with it
 * yet. The parser checks calls against it; the server's verifier builds from it.
 */
public record FeatureFunction(
    String name, int required, List<Parameter> parameters, boolean implemented) {

  /** A named parameter and what its argument may be. */
  public record Parameter(String name, FeatureArgument kind) {
    public Parameter {
      requireNonNull(name, "name");
      requireNonNull(kind, "kind");
    }
  }

  public FeatureFunction {
    requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    if (required < 0 || required > parameters.size()) {
      throw new IllegalArgumentException(name + ": required must be within the parameters");
    }
  }

  public int maxArguments() {
    return parameters.size();
  }

  public boolean acceptsArgumentCount(int given) {
    return given >= required && given <= parameters.size();
  }

  /** The name of the parameter at {@code index} (0-based), for messages. */
  public String parameterName(int index) {
    return parameters.get(index).name();
  }

  /** "EMBEDDING expects 2 or 3 arguments, got 1": the one wording of an arity error. */
  public String arityError(int given) {
    int min = required;
    int max = parameters.size();
    String count =
        min == max
            ? min + (min == 1 ? " argument" : " arguments")
            : min + (max == min + 1 ? " or " : " to ") + max + " arguments";
    return name + " expects " + count + ", got " + given;
  }
}
