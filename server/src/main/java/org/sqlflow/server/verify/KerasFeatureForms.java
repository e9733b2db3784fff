package org.sqlflow.server.verify;

import java.util.List;
import java.util.Map;
import org.sqlflow.server.contract.FeatureKind;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * Which feature forms DNN, linear and wide-and-deep (Keras) models take, beyond what the feature
 * functions check themselves: SEQ_CATEGORY_ID only as the source of an EMBEDDING in a DNN's
 * features. No model in our catalogue reads sequences in order, so a DNN takes the mean (or sum) of
 * the ids' vectors, as TensorFlow's embedding of the same ids would; a linear model has no
 * embedding to take it with. The other sparse forms (SPARSE, CATEGORY_ID over a delimited string,
 * WEIGHTED_CATEGORY, CATEGORY_HASH over SPARSE) are id lists every Keras target reads
 * (docs/ml-contract.md section 2).
 */
final class KerasFeatureForms {
  private KerasFeatureForms() {}

  /**
   * @param dnn whether the target feeds a DNN (DNN models, a combined model's dnn_feature_columns)
   */
  static void check(ModelDefinition model, String target, boolean dnn, List<FeatureSpec> specs)
      throws SqlflowException {
    for (FeatureSpec spec : specs) {
      check(model, target, dnn, spec.fields(), false);
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(
      ModelDefinition model, String target, boolean dnn, Map<String, Object> spec, boolean embedded)
      throws SqlflowException {
    FeatureKind kind = FeatureKind.forContractName((String) spec.get("kind"));
    if (kind == FeatureKind.SEQ_CATEGORY_ID && !(embedded && dnn)) {
      String column = (String) spec.get("column");
      String embedding = "EMBEDDING(SEQ_CATEGORY_ID(" + column + ", n, COMMA), dimension)";
      String set = "CATEGORY_ID(" + column + ", n, COMMA) reads the same ids as a set";
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          dnn
              ? model.name()
                  + " takes SEQ_CATEGORY_ID("
                  + column
                  + ", ...) only inside EMBEDDING: "
                  + embedding
                  + " is the mean of the ids' vectors; "
                  + set
              : model.name()
                  + "'s "
                  + target
                  + " cannot read the sequence SEQ_CATEGORY_ID("
                  + column
                  + ", ...): a DNN's features take "
                  + embedding
                  + "; "
                  + set);
    }
    if (spec.get("source") instanceof Map<?, ?> source) {
      check(model, target, dnn, (Map<String, Object>) source, kind == FeatureKind.EMBEDDING);
    }
    if (spec.get("sources") instanceof List<?> sources) {
      for (Object source : sources) {
        check(model, target, dnn, (Map<String, Object>) source, false);
      }
    }
  }
}
