package org.sqlflow.server.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.contract.LabelKind;

/**
 * What the server needs to know about a stored model, read from the {@code metadata.json} the
 * training program wrote (see docs/ml-contract.md section 3); {@code json} is that file verbatim.
 */
public record ModelMetadata(
    String json,
    String statement,
    String modelClass,
    String labelColumn,
    LabelKind labelKind,
    List<InputColumn> inputs,
    Map<String, Double> metrics,
    String created,
    String framework,
    List<String> labelClasses) {

  /** metadata.json's "framework" of an XGBoost booster (a directory without one is Keras). */
  public static final String XGBOOST = "xgboost";

  public static final String KERAS = "keras";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A SELECT column the model reads, with the feed type it was trained on. */
  public record InputColumn(String name, FeedType type) {
    public InputColumn {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
    }
  }

  public ModelMetadata {
    requireNonNull(json, "json");
    requireNonNull(statement, "statement");
    requireNonNull(modelClass, "modelClass");
    requireNonNull(labelColumn, "labelColumn");
    requireNonNull(labelKind, "labelKind");
    inputs = List.copyOf(inputs);
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    requireNonNull(created, "created");
    requireNonNull(framework, "framework");
    labelClasses = List.copyOf(labelClasses);
  }

  /**
   * How the label column is fed: text for a classifier trained on class names ({@code
   * labelClasses}, the names in class-id order, kept in metadata.json's "label"), else numbers.
   */
  public FeedType labelFeedType() {
    return labelClasses.isEmpty() ? FeedType.FLOAT64 : FeedType.STRING;
  }

  /** Whether the program that reads the model is an XGBoost one (predict_xgboost.vm, ...). */
  public boolean isXgboost() {
    return framework.equals(XGBOOST);
  }

  public boolean isClassifier() {
    return labelKind == LabelKind.CLASS;
  }

  /** Parses {@code metadata.json}; a file missing required fields is an error. */
  public static ModelMetadata parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("model metadata is not valid JSON", e);
    }
    List<InputColumn> inputs = new ArrayList<>();
    for (JsonNode column : required(root, "feature_columns_in_select")) {
      inputs.add(
          new InputColumn(
              required(column, "name").asText(),
              FeedType.forContractName(required(column, "type").asText())));
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    root.path("metrics")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
              }
            });
    JsonNode label = required(root, "label");
    List<String> classes = new ArrayList<>();
    label.path("classes").forEach(name -> classes.add(name.asText()));
    return new ModelMetadata(
        json,
        required(root, "statement").asText(),
        required(root, "model_class").asText(),
        required(label, "column").asText(),
        LabelKind.forContractName(required(label, "kind").asText()),
        inputs,
        metrics,
        root.path("created").asText(""),
        root.path("framework").asText(KERAS),
        classes);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("model metadata lacks \"" + field + "\"");
    }
    return value;
  }
}
