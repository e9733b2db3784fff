package org.sqlflow.server.verify;

import java.util.Optional;

/** A TRAIN statement's attributes, typed per model family for code generation and the job. */
public sealed interface ModelSettings permits TrainingSettings, XgboostSettings {

  /** The SELECT whose rows validate the model while it trains, if any. */
  Optional<String> validationSelect();
}
