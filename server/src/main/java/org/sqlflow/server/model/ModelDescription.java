package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One row of SHOW TRAIN: the model's name and the statement that trained it. */
public record ModelDescription(String model, String trainStatement) {

  /** Column labels of the SHOW TRAIN result, as SQLFlow names them. */
  public static final List<String> COLUMNS = List.of("Model", "Train Statement");

  public ModelDescription {
    requireNonNull(model, "model");
    requireNonNull(trainStatement, "trainStatement");
  }
}
