package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/** {@code SHOW TRAIN <model>}. */
public record ShowTrainStatement(String original, String model) implements ExtendedStatement {

  public ShowTrainStatement {
    requireNonNull(original, "original");
    requireNonNull(model, "model");
  }

  @Override
  public String select() {
    return "";
  }
}
