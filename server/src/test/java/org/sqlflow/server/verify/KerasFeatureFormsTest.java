package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlflow.server.contract.FeatureKind;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/** Where a Keras model takes SEQ_CATEGORY_ID: only as an EMBEDDING's source, in a DNN's part. */
class KerasFeatureFormsTest {
  private static final FeatureSpec SEQ =
      FeatureSpec.of(
          FeatureKind.SEQ_CATEGORY_ID, "column", "title", "num_buckets", 100L, "delimiter", ",");
  private static final FeatureSpec EMBEDDED =
      FeatureSpec.of(FeatureKind.EMBEDDING, "source", SEQ, "dimension", 8L, "combiner", "mean");
  private static final FeatureSpec SPARSE_IDS =
      FeatureSpec.of(
          FeatureKind.CATEGORY_ID,
          "column",
          "tags",
          "num_buckets",
          10L,
          "source",
          FeatureSpec.of(
              FeatureKind.SPARSE,
              "column",
              "tags",
              "shape",
              List.of(10L),
              "delimiter",
              ",",
              "format",
              "index"));

  private static void check(String model, String target, boolean dnn, FeatureSpec... specs)
      throws SqlflowException {
    KerasFeatureForms.check(ModelRegistry.find(model), target, dnn, List.of(specs));
  }

  @Test
  void aDnnPartTakesAnEmbeddedSequenceAndEveryPartTakesIdLists() throws Exception {
    check("DNNClassifier", "feature_columns", true, EMBEDDED, SPARSE_IDS);
    check("DNNLinearCombinedClassifier", "dnn_feature_columns", true, EMBEDDED);
    check("DNNLinearCombinedClassifier", "linear_feature_columns", false, SPARSE_IDS);
    check(
        "LinearRegressor",
        "feature_columns",
        false,
        FeatureSpec.of(FeatureKind.INDICATOR, "source", SPARSE_IDS));
  }

  @Test
  void aSequenceAnywhereElseIsRefusedWithTheFormsThatWork() {
    SqlflowException linear =
        assertThrows(
            SqlflowException.class,
            () -> check("DNNLinearCombinedClassifier", "linear_feature_columns", false, EMBEDDED));
    assertEquals(ErrorCode.INVALID_ATTRIBUTE, linear.code());
    assertEquals(
        "DNNLinearCombinedClassifier's linear_feature_columns cannot read the sequence"
            + " SEQ_CATEGORY_ID(title, ...): a DNN's features take"
            + " EMBEDDING(SEQ_CATEGORY_ID(title, n, COMMA), dimension);"
            + " CATEGORY_ID(title, n, COMMA) reads the same ids as a set",
        linear.getMessage());
    for (FeatureSpec outside : List.of(SEQ, FeatureSpec.of(FeatureKind.INDICATOR, "source", SEQ))) {
      SqlflowException e =
          assertThrows(
              SqlflowException.class,
              () -> check("DNNRegressor", "feature_columns", true, outside));
      assertEquals(
          "DNNRegressor takes SEQ_CATEGORY_ID(title, ...) only inside EMBEDDING:"
              + " EMBEDDING(SEQ_CATEGORY_ID(title, n, COMMA), dimension) is the mean of the"
              + " ids' vectors; CATEGORY_ID(title, n, COMMA) reads the same ids as a set",
          e.getMessage());
    }
  }
}
