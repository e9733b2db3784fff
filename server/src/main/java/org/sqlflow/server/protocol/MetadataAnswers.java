package org.sqlflow.server.protocol;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.sqlflow.parser.MetadataCall;
import org.sqlflow.server.db.BackingMetadata;
import org.sqlflow.server.error.ErrorCode;

/**
 * Answers {@code SQLFLOW METADATA ...} from the backing connection's DatabaseMetaData, as an
 * ordinary result set: a metadata result set as the database gives it, or {@code NAME, VALUE} rows
 * of scalar answers. Avatica's protocol carries only a few metadata requests; this carries the
 * rest, for the SQLFlow driver and for any client that sends the statement itself.
 */
final class MetadataAnswers {
  private MetadataAnswers() {}

  static Meta.ExecuteResult answer(Meta.StatementHandle h, String sql, Connection backing)
      throws SQLException {
    MetadataCall call;
    try {
      call = MetadataCall.parse(sql);
    } catch (IllegalArgumentException e) {
      throw new AvaticaRuntimeException(
          e.getMessage(), -1, ErrorCode.SYNTAX_ERROR.sqlState(), AvaticaSeverity.ERROR);
    }
    try {
      BackingMetadata metadata = new BackingMetadata(backing.getMetaData());
      if (call.method().isEmpty()) {
        return scalars(h, sql, metadata.scalars());
      }
      BackingMetadata.Answer answer = metadata.call(call.method().get(), call.arguments());
      if (answer instanceof BackingMetadata.Rows rows) {
        // One unlimited frame: the result set is closed once read, and metadata is small.
        return UnpaddedChars.of(
            new Meta.ExecuteResult(
                List.of(
                    StatementInfoAccess.wholeResultSet(h.connectionId, h.id, rows.resultSet()))));
      }
      return scalars(h, sql, List.of((BackingMetadata.Scalar) answer));
    } catch (IllegalArgumentException e) {
      throw new AvaticaRuntimeException(
          e.getMessage(), -1, ErrorCode.SYNTAX_ERROR.sqlState(), AvaticaSeverity.ERROR);
    }
  }

  private static Meta.ExecuteResult scalars(
      Meta.StatementHandle h, String sql, List<BackingMetadata.Scalar> answers) {
    List<Object> rows = new ArrayList<>();
    for (BackingMetadata.Scalar answer : answers) {
      rows.add(new Object[] {answer.name(), answer.value().orElse(null)});
    }
    return new Meta.ExecuteResult(
        List.of(
            Meta.MetaResultSet.create(
                h.connectionId,
                h.id,
                false,
                ResultShapes.metadataScalars(sql),
                new Meta.Frame(0, true, rows))));
  }
}
