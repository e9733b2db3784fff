package org.sqlflow.server.verify;

import java.util.TreeSet;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * A classifier's LABEL column of class names ('setosa', ...), Keras or XGBoost: the runtime maps
 * them to class ids in sorted order (labels.with_classes) and keeps the names with the model, so
 * PREDICT writes names back. What can be known before training is checked here, on the SELECT's
 * sample.
 */
final class StringLabels {
  private StringLabels() {}

  /**
   * @param classes how many classes the model has
   * @param limit what says so, for the message: "model.n_classes = 3", "num_class = 3", "objective
   *     binary:logistic takes 2"
   */
  static void check(SourceColumn label, SelectSample sample, long classes, String limit)
      throws SqlflowException {
    TreeSet<String> names = new TreeSet<>();
    for (Object value : sample.values(label.name())) {
      if (value == null) {
        throw new SqlflowException(
            ErrorCode.TYPE_MISMATCH, "label column '" + label.name() + "' is NULL in some rows");
      }
      names.add(value.toString());
    }
    if (names.size() > classes) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "label column '"
              + label.name()
              + "' holds at least "
              + names.size()
              + " class names but "
              + limit);
    }
  }
}
