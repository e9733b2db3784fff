package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlflow.parser.PredictStatement;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.ModelMetadata;

/**
 * The columns a PREDICT adds to the SELECT's: the prediction's column and {@code
 * predict.extra_outputs}.
 *
 * @param resultColumn the written column, or the model's label when the statement named none
 * @param extraOutputs names from {@link #EXTRA_OUTPUTS}, in the statement's order
 */
public record PredictionOutputs(String resultColumn, List<String> extraOutputs) {
  /**
   * What a classifier can write besides its class (SQLFlow leaves extra outputs to the model): the
   * predicted class's probability (DOUBLE) and every class's, comma-separated in class-id order
   * (VARCHAR). The runtime's results.EXTRA_OUTPUTS is the same list.
   */
  public static final List<String> EXTRA_OUTPUTS = List.of("probability", "probabilities");

  static final AttributeDefinition EXTRA_OUTPUTS_ATTRIBUTE =
      new AttributeDefinition(
          "predict.extra_outputs",
          AttributeType.CHOICES,
          List.of(),
          "extra result columns: probability, probabilities (classifiers)",
          EXTRA_OUTPUTS);

  public PredictionOutputs {
    requireNonNull(resultColumn, "resultColumn");
    extraOutputs = List.copyOf(extraOutputs);
  }

  /**
   * Resolves a PREDICT's output columns. A result written {@code a.b} is table {@code a}, column
   * {@code b} (SQLFlow's rule); when {@code a} is also a database the user likely meant the table
   * {@code a.b}, which SQLFlow's rule cannot say, so that form is refused with the two spellings
   * that are unambiguous.
   */
  @SuppressWarnings("unchecked")
  static PredictionOutputs resolve(
      PredictStatement statement, ModelMetadata model, ConnectionSource db)
      throws SqlflowException {
    Map<String, Object> attributes =
        AttributeResolver.resolve(
            "PREDICT", List.of(EXTRA_OUTPUTS_ATTRIBUTE), statement.attributes());
    List<String> extras = (List<String>) attributes.get("predict.extra_outputs");
    String column = statement.resultColumn().orElse(model.labelColumn());
    if (statement.resultColumn().isPresent()
        && Tables.parseName(statement.resultTable()).size() == 1
        && isDatabase(db, statement.resultTable())) {
      String written = statement.resultTable() + "." + column;
      throw new SqlflowException(
          ErrorCode.INVALID_NAME,
          "TO PREDICT "
              + written
              + " is table "
              + statement.resultTable()
              + ", column "
              + column
              + " (SQLFlow splits at the last dot), but "
              + statement.resultTable()
              + " is a database: for the table "
              + written
              + " write "
              + written
              + "."
              + model.labelColumn()
              + " (database.table.column)");
    }
    List<String> seen = new ArrayList<>(List.of(column.toLowerCase(java.util.Locale.ROOT)));
    for (String extra : extras) {
      if (!model.isClassifier()) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "predict.extra_outputs: "
                + model.modelClass()
                + " is a regressor; only classifiers"
                + " write "
                + String.join(", ", EXTRA_OUTPUTS));
      }
      if (seen.contains(extra)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "predict.extra_outputs names the column '" + extra + "' twice");
      }
      seen.add(extra);
    }
    return new PredictionOutputs(column, extras);
  }

  private static boolean isDatabase(ConnectionSource db, String name) throws SqlflowException {
    try (Connection connection = db.open()) {
      return Tables.isDatabase(connection, name);
    } catch (SQLException e) {
      throw SqlflowException.fromDatabase(
          ErrorCode.DATABASE_ERROR, "cannot list the databases: " + e.getMessage(), e);
    }
  }
}
