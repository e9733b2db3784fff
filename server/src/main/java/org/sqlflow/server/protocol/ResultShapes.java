package org.sqlflow.server.protocol;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;

/** The column layouts of the result sets SQLFlow itself answers (not the database's). */
final class ResultShapes {
  private ResultShapes() {}

  /** An extended statement's streamed log: one VARCHAR column, {@code log}. */
  static Meta.Signature log(String sql) {
    return signature(sql, column("log", String.class));
  }

  /** KILL JOB, which answers an update count (1 when it stopped a job) and no rows. */
  static Meta.Signature count(String sql) {
    return Meta.Signature.create(
        List.of(), sql, List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.OTHER_DML);
  }

  /** SHOW TRAIN, as SQLFlow answers it. */
  static Meta.Signature showTrain(String sql) {
    return signature(sql, column("Model", String.class), column("Train Statement", String.class));
  }

  /** SHOW JOBS. */
  static Meta.Signature jobs(String sql) {
    return signature(
        sql,
        column("id", Long.class),
        column("connection", String.class),
        column("statement", String.class),
        column("state", String.class),
        column("started", String.class),
        column("elapsed_seconds", Double.class),
        column("last_line", String.class),
        column("runs_on", String.class));
  }

  /** SUBMIT's answer: the detached job's id and its state then. */
  static Meta.Signature submitted(String sql) {
    return signature(sql, column("job_id", Long.class), column("state", String.class));
  }

  /** SQLFLOW METADATA's scalar answers: a DatabaseMetaData method's name and its answer. */
  static Meta.Signature metadataScalars(String sql) {
    return signature(sql, column("NAME", String.class), column("VALUE", String.class));
  }

  /** The warnings of a statement's last execution, as JDBC's {@code SQLWarning} carries them. */
  static Meta.Signature warnings(String sql) {
    return signature(
        sql,
        column("SQLSTATE", String.class),
        column("VENDOR_CODE", Integer.class),
        column("MESSAGE", String.class));
  }

  /** A statement's next result when it is an update count (or -1: no more results). */
  static Meta.Signature updateCount(String sql) {
    return signature(sql, column(UPDATE_COUNT, Long.class));
  }

  /** The column that marks {@link #updateCount}'s answer. */
  static final String UPDATE_COUNT = "SQLFLOW_UPDATE_COUNT";

  private record Column(String name, Class<?> type) {}

  private static Column column(String name, Class<?> type) {
    return new Column(name, type);
  }

  private static Meta.Signature signature(String sql, Column... columns) {
    List<ColumnMetaData> metaData = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      metaData.add(MetaImpl.columnMetaData(columns[i].name(), i, columns[i].type(), true));
    }
    return Meta.Signature.create(
        metaData, sql, List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
  }
}
