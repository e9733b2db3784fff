package org.sqlflow.server;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Properties;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.parser.ParsedStatement;
import org.sqlflow.parser.SqlflowParseException;
import org.sqlflow.parser.SubmitStatement;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.extended.JobPreparer;
import org.sqlflow.server.job.JobWork;
import org.sqlflow.server.registry.JobResumer;
import org.sqlflow.server.registry.RegistryJob;

/**
 * Prepares a SUBMITted job again from the statement the registry kept, for a server that takes it
 * over: parsed and verified as at SUBMIT, in the submitting connection's current database, under
 * the job's account. The registry keeps no passwords, so only jobs of the accounts the server can
 * open itself are taken over: its anonymous clients' account and its own.
 */
final class StatementResumer implements JobResumer {
  private final ExtendedSqlParser parser;
  private final JobPreparer extended;
  private final BackingDatabase database;

  StatementResumer(ExtendedSqlParser parser, JobPreparer extended, BackingDatabase database) {
    this.parser = requireNonNull(parser, "parser");
    this.extended = requireNonNull(extended, "extended");
    this.database = requireNonNull(database, "database");
  }

  @Override
  public JobWork resume(RegistryJob job) throws SqlflowException {
    ParsedStatement parsed;
    try {
      parsed = parser.parseStatement(job.statement());
    } catch (SqlflowParseException e) {
      throw new SqlflowException(
          ErrorCode.INTERNAL, "its statement does not parse any more: " + e.getMessage(), e);
    }
    if (!(parsed instanceof SubmitStatement submit)) {
      throw new SqlflowException(ErrorCode.INTERNAL, "its statement is not a SUBMIT");
    }
    Properties account =
        accountOf(job.owner())
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.NOT_SUPPORTED,
                        "the server keeps no password of account "
                            + job.owner()
                            + " to finish it with"));
    String current = job.currentDatabase().orElse(null);
    ConnectionSource source = database.sourceFor(account, current, current);
    return extended
        .prepare(submit.statement(), source)
        .followUp()
        .orElseThrow(
            () ->
                new SqlflowException(
                    ErrorCode.NOT_SUPPORTED,
                    "only TO TRAIN jobs are finished by another server: the others need the rows"
                        + " their own server fed"));
  }

  /** The credentials of an account the server can open without the client's password. */
  private Optional<Properties> accountOf(String owner) {
    if (owner.equals(database.clientUser())) {
      return Optional.of(database.credentialsFor("", ""));
    }
    Properties server = database.serverCredentials();
    return owner.equals(server.getProperty("user", "")) ? Optional.of(server) : Optional.empty();
  }
}
