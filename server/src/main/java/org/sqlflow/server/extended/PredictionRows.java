package org.sqlflow.server.extended;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import org.sqlflow.server.db.RowsFile;
import org.sqlflow.server.model.TableWriter;

/**
 * The rows of a PREDICT result table, one at a time: each fed row's kept SELECT values (its own
 * types, from the {@link RowsFile}) followed by the program's result cells for that row. Fails when
 * the program wrote more or fewer rows than were fed.
 */
public final class PredictionRows implements TableWriter.RowSource {
  private final RowsFile.Reader rows;
  private final ResultStream predictions;
  private final int[] kept;
  private final long fedRows;

  /**
   * @param kept indexes of the SELECT columns copied into the result, in order
   * @param fedRows how many rows the feed held
   */
  public PredictionRows(
      RowsFile.Reader rows, ResultStream predictions, List<Integer> kept, long fedRows) {
    this.rows = requireNonNull(rows, "rows");
    this.predictions = requireNonNull(predictions, "predictions");
    this.kept = kept.stream().mapToInt(Integer::intValue).toArray();
    this.fedRows = fedRows;
  }

  @Override
  public Object[] next() throws IOException {
    Object[] row = rows.next();
    Object[] predicted = predictions.next();
    if (row == null || predicted == null) {
      if (row != null || predicted != null) {
        throw new ResultStream.Broken(
            row == null
                ? "the program wrote more predictions than the " + fedRows + " rows"
                : "the program wrote "
                    + predictions.rows()
                    + " predictions for "
                    + fedRows
                    + " rows");
      }
      return null;
    }
    Object[] out = new Object[kept.length + predicted.length];
    for (int i = 0; i < kept.length; i++) {
      out[i] = row[kept[i]];
    }
    System.arraycopy(predicted, 0, out, kept.length, predicted.length);
    return out;
  }
}
