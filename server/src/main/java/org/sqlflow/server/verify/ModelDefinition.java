package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.sqlflow.server.contract.LabelKind;

/**
 * A model class a TRAIN statement may name: its family, whether it classifies, and the attributes
 * it accepts.
 */
public record ModelDefinition(
    String name, ModelFamily family, boolean classifier, List<AttributeDefinition> attributes) {

  public ModelDefinition {
    requireNonNull(name, "name");
    requireNonNull(family, "family");
    attributes = List.copyOf(attributes);
  }

  public LabelKind labelKind() {
    return classifier ? LabelKind.CLASS : LabelKind.REGRESSION;
  }
}
