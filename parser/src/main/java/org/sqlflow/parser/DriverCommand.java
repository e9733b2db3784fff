package org.sqlflow.parser;

import static java.util.Objects.requireNonNull;

/**
 * A command SQLFlow's own JDBC driver sends for a JDBC feature Avatica's protocol has no request
 * for: a {@code DatabaseMetaData} call ({@code SQLFLOW METADATA ...}), a statement run with
 * generated keys ({@code SQLFLOW RETURNING KEYS ...}) and the keys it generated ({@code SQLFLOW
 * GENERATED KEYS FOR STATEMENT n}) and the warnings of a statement's last execution ({@code SQLFLOW
 * WARNINGS FOR STATEMENT n}) and its next result ({@code SQLFLOW MORE RESULTS FOR STATEMENT n}).
 * The server answers each from the backing connection.
 *
 * @param kind {@link StatementKind#METADATA}, {@link StatementKind#RETURNING_KEYS}, {@link
 *     StatementKind#GENERATED_KEYS}, {@link StatementKind#WARNINGS} or {@link
 *     StatementKind#MORE_RESULTS}
 * @param sql the command's text, which {@link MetadataCall} and {@link GeneratedKeys} read
 */
public record DriverCommand(StatementKind kind, String sql) implements ParsedStatement {
  public DriverCommand {
    requireNonNull(kind, "kind");
    requireNonNull(sql, "sql");
    if (kind != StatementKind.METADATA
        && kind != StatementKind.RETURNING_KEYS
        && kind != StatementKind.GENERATED_KEYS
        && kind != StatementKind.WARNINGS
        && kind != StatementKind.MORE_RESULTS) {
      throw new IllegalArgumentException("not a driver command: " + kind);
    }
  }
}
