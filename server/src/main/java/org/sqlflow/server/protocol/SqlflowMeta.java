package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.jdbc.StatementInfoAccess;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.parser.DriverCommand;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.parser.ExtendedStatement;
import org.sqlflow.parser.GeneratedKeys;
import org.sqlflow.parser.KillJobStatement;
import org.sqlflow.parser.ParsedStatement;
import org.sqlflow.parser.ShowJobLogStatement;
import org.sqlflow.parser.ShowJobsStatement;
import org.sqlflow.parser.ShowTrainStatement;
import org.sqlflow.parser.SqlflowParseException;
import org.sqlflow.parser.StandardStatement;
import org.sqlflow.parser.StatementKind;
import org.sqlflow.parser.SubmitStatement;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.extended.JobPreparer;
import org.sqlflow.server.extended.PreparedJob;
import org.sqlflow.server.job.Job;
import org.sqlflow.server.job.JobInfo;
import org.sqlflow.server.job.JobManager;
import org.sqlflow.server.job.JobState;
import org.sqlflow.server.job.JobStatements;
import org.sqlflow.server.job.LogChunk;
import org.sqlflow.server.job.LogRows;
import org.sqlflow.server.job.LogSource;
import org.sqlflow.server.model.ModelDescription;
import org.sqlflow.server.registry.DetachedJobs;
import org.sqlflow.server.session.CancelledConnections;
import org.sqlflow.server.session.ClientLogins;
import org.sqlflow.server.session.Login;

/**
 * The only place that knows Avatica's protocol. Standard SQL goes to the backing database verbatim
 * through {@link JdbcMeta}; extended statements are parsed, handed to the {@link JobPreparer} and
 * run as jobs whose log rows {@code fetch} long-polls.
 */
public final class SqlflowMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(SqlflowMeta.class);

  /** Log rows in the first frame of an extended statement's answer to a stock client. */
  private static final int FIRST_LOG_ROWS = 100;

  /** SQLState 08003, which pools such as HikariCP read as "evict this connection". */
  private static final String CONNECTION_DOES_NOT_EXIST = "08003";

  private final BackingDatabase database;
  private final ExtendedSqlParser parser;
  private final JobPreparer extended;
  private final JobManager jobs;
  private final JobStatements jobStatements;
  private final DetachedJobs detached;
  private final JobLogReaders logReaders = new JobLogReaders();
  private final Duration heartbeat;
  private final ClientLogins logins;
  private final ClientStatements statements = new ClientStatements();
  private final CancelledConnections cancelledConnections;

  /** How each connection's client reads results (see {@link WireFormat}). */
  private final ConcurrentMap<String, WireFormat> wireFormats = new ConcurrentHashMap<>();

  private final PassThroughResults results;

  public SqlflowMeta(
      BackingDatabase database,
      ClientLogins logins,
      ExtendedSqlParser parser,
      JobPreparer extended,
      JobManager jobs,
      DetachedJobs detached,
      Duration heartbeat,
      Duration cacheExpiry,
      Path spillDirectory)
      throws SQLException {
    super(database.url(), cacheSettings(cacheExpiry));
    this.database = requireNonNull(database, "database");
    this.logins = requireNonNull(logins, "logins");
    this.cancelledConnections = new CancelledConnections(database, logins);
    this.parser = requireNonNull(parser, "parser");
    this.extended = requireNonNull(extended, "extended");
    this.jobs = requireNonNull(jobs, "jobs");
    this.jobStatements = new JobStatements(jobs);
    this.detached = requireNonNull(detached, "detached");
    this.heartbeat = requireNonNull(heartbeat, "heartbeat");
    this.results =
        new PassThroughResults(
            getStatementCache(), new CursorChoice(database.cursorFetchSize()), spillDirectory);
  }

  /**
   * JdbcMeta forgets idle statements after 5 minutes and connections after 10; a training outlives
   * both, and a forgotten handle would make the client re-execute the statement.
   */
  private static Properties cacheSettings(Duration expiry) {
    Properties settings = new Properties();
    String minutes = Long.toString(Math.max(1, expiry.toMinutes()));
    settings.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), minutes);
    settings.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), "MINUTES");
    settings.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), minutes);
    settings.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), "MINUTES");
    return settings;
  }

  // ---- connections: accounts ----

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    ConcurrentMap<String, Connection> cache = getConnectionCache().asMap();
    if (cache.containsKey(ch.id)) {
      throw new IllegalStateException("Connection already exists: " + ch.id);
    }
    try {
      // Login, caps and the H2 administrator check live in ClientLogins.
      Connection connection = logins.open(ch.id, info);
      if (cache.putIfAbsent(ch.id, connection) != null) {
        connection.close();
        throw new IllegalStateException("Connection already exists: " + ch.id);
      }
      wireFormats.put(ch.id, WireFormat.of(info));
      results.connectionOpened(ch.id, info);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    jobs.closeConnection(ch.id);
    logReaders.connectionClosed(ch.id);
    cancelledConnections.closed(ch.id);
    wireFormats.remove(ch.id);
    statements.connectionClosed(ch.id);
    try {
      passThrough(
          ch.id,
          () -> {
            super.closeConnection(ch);
            return null;
          });
    } finally {
      results.connectionClosed(ch.id);
    }
  }

  // ---- statements ----

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    StatementHandle h = passThrough(ch.id, () -> super.createStatement(ch));
    statements.created(h.id, ch.id);
    return h;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    statements.closed(h.id);
    results.statementClosed(h.id);
    jobs.closeStatement(h.connectionId, h.id);
    logReaders.statementClosed(h.connectionId, h.id);
    passThrough(
        h.connectionId,
        () -> {
          super.closeStatement(h);
          return null;
        });
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    ParsedStatement statement = parse(h, sql);
    if (!(statement instanceof StandardStatement)) {
      return executeOwn(h, sql, statement);
    }
    stopJobOf(h, "statement re-executed");
    resetIfCancelled(h.connectionId);
    return passThrough(
        h.connectionId,
        () ->
            results.execute(
                h, sql, maxRowCount, firstFrameSize(maxRowsInFirstFrame), wireOf(h.connectionId)));
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    // Parsed now so that a syntax error surfaces at prepare time, as the database's would.
    ParsedStatement statement = parse(null, sql);
    if (statement instanceof StandardStatement) {
      resetIfCancelled(ch.id);
      StatementHandle h = passThrough(ch.id, () -> super.prepare(ch, sql, maxRowCount));
      Signature announced = results.signature(ch.id, h.signature, wireOf(ch.id));
      statements.preparedPassThrough(
          h.id, ch.id, new ClientStatements.PreparedPassThrough(sql, h.signature, announced));
      return new StatementHandle(h.connectionId, h.id, announced);
    }
    if (statement instanceof DriverCommand command
        && command.kind() == StatementKind.RETURNING_KEYS) {
      return prepareReturningKeys(ch, returningKeysStatement(sql), maxRowCount);
    }
    Signature signature = signatureOf(sql, statement);
    StatementHandle created = createStatement(ch);
    statements.preparedOwn(created.id, ch.id, sql, statement);
    return new StatementHandle(ch.id, created.id, signature);
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    Optional<ClientStatements.OwnStatement> own = statements.own(h.id);
    if (own.isPresent()) {
      return executeOwn(h, own.get().sql(), own.get().statement());
    }
    resetIfCancelled(h.connectionId);
    ClientStatements.PreparedPassThrough prepared =
        statements.passThrough(h.id).orElseThrow(() -> new NoSuchStatementException(h));
    return passThrough(
        h.connectionId,
        () ->
            results.execute(
                h,
                prepared,
                parameterValues,
                firstFrameSize(maxRowsInFirstFrame),
                wireOf(h.connectionId)));
  }

  /**
   * A client's fetch size 0 means "the driver's choice" in JDBC, but "a done frame of no rows" to
   * Avatica's server: Spark sets it, and read empty tables.
   */
  private static int firstFrameSize(int requested) {
    return requested == 0 ? -1 : requested;
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    // A statement reading SHOW JOB LOG may once have run a job of its own: the reading wins.
    Optional<LogSource> job =
        logReaders
            .find(h.connectionId, h.id)
            .or(() -> jobs.find(h.connectionId, h.id).map(LogSource.class::cast));
    if (job.isEmpty()) {
      try {
        return results.fetch(h, offset, fetchMaxRowCount, wireOf(h.connectionId));
      } catch (RuntimeException e) {
        throw translate(e);
      }
    }
    LogChunk chunk;
    try {
      chunk = LogWait.read(job.get(), offset, fetchMaxRowCount, heartbeat, wireOf(h.connectionId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw error(ErrorCode.INTERNAL, "interrupted while waiting for job output");
    } catch (JobLogReaders.ReadingCancelledException e) {
      throw error(ErrorCode.JOB_CANCELLED, e.getMessage());
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw error(
          ErrorCode.JOB_FAILED, "cannot read the log of statement " + h.id + ": " + e.getMessage());
    }
    if (chunk.failure().isPresent()) {
      boolean cancelled = job.get().wasCancelled();
      throw error(
          cancelled ? ErrorCode.JOB_CANCELLED : ErrorCode.JOB_FAILED, chunk.failure().get());
    }
    List<Object> rows = new ArrayList<>(chunk.rows().size());
    for (String line : chunk.rows()) {
      rows.add(new Object[] {line});
    }
    return new Frame(offset, chunk.done(), rows);
  }

  private Frame firstLogFrame(StatementHandle h) {
    try {
      return fetch(h, 0, FIRST_LOG_ROWS);
    } catch (NoSuchStatementException | MissingResultsException e) {
      throw error(ErrorCode.INTERNAL, "the job of statement " + h.id + " vanished");
    }
  }

  private WireFormat wireOf(String connectionId) {
    return wireFormats.getOrDefault(connectionId, WireFormat.PORTABLE);
  }

  // ---- batches, transactions, connection properties: the database's errors as they are ----

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    return passThrough(h.connectionId, () -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    return passThrough(h.connectionId, () -> super.executeBatch(h, parameterValues));
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(
      StatementHandle h, List<Requests.UpdateBatch> updateBatches) throws NoSuchStatementException {
    return passThrough(h.connectionId, () -> super.executeBatchProtobuf(h, updateBatches));
  }

  @Override
  public void commit(ConnectionHandle ch) {
    passThrough(
        ch.id,
        () -> {
          super.commit(ch);
          return null;
        });
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    passThrough(
        ch.id,
        () -> {
          super.rollback(ch);
          return null;
        });
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    return passThrough(ch.id, () -> super.connectionSync(ch, connProps));
  }

  // ---- catalog calls DBeaver browses with ----

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return UnpaddedChars.of(passThrough(ch.id, () -> super.getCatalogs(ch)));
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return UnpaddedChars.of(passThrough(ch.id, () -> super.getSchemas(ch, catalog, schemaPattern)));
  }

  @Override
  public MetaResultSet getTables(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      List<String> typeList) {
    return UnpaddedChars.of(
        passThrough(
            ch.id, () -> super.getTables(ch, catalog, schemaPattern, tableNamePattern, typeList)));
  }

  @Override
  public MetaResultSet getColumns(
      ConnectionHandle ch,
      String catalog,
      Pat schemaPattern,
      Pat tableNamePattern,
      Pat columnNamePattern) {
    return UnpaddedChars.of(
        passThrough(
            ch.id,
            () ->
                super.getColumns(ch, catalog, schemaPattern, tableNamePattern, columnNamePattern)));
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return UnpaddedChars.of(passThrough(ch.id, () -> super.getTableTypes(ch)));
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return UnpaddedChars.of(passThrough(ch.id, () -> super.getTypeInfo(ch)));
  }

  // ---- SQLFlow's own statements ----

  private ExecuteResult executeOwn(StatementHandle h, String sql, ParsedStatement statement) {
    if (statement instanceof KillJobStatement command) {
      // The driver's cancel arrives under the handle of the statement it stops.
      return count(h, kill(h, command));
    }
    if (statement instanceof DriverCommand command) {
      return executeDriverCommand(h, command);
    }
    stopJobOf(h, "statement re-executed");
    if (statement instanceof SubmitStatement submit) {
      return submit(h, sql, submit);
    }
    if (statement instanceof ShowJobLogStatement show) {
      return showJobLog(h, sql, show);
    }
    return statement instanceof ShowJobsStatement
        ? rows(h, ResultShapes.jobs(sql), showJobs(h.connectionId))
        : executeExtended(h, sql, (ExtendedStatement) statement);
  }

  /** SHOW JOBS: this server's jobs of the account, and its jobs on other servers. */
  private List<Object[]> showJobs(String connectionId) {
    try {
      return detached.showJobs(
          userOf(connectionId), jobStatements.showJobs(info -> sameAccount(info, connectionId)));
    } catch (SqlflowException e) {
      throw error(e);
    }
  }

  /** SUBMIT: verified and generated as the statement alone would be; the job runs detached. */
  private ExecuteResult submit(StatementHandle h, String sql, SubmitStatement submit) {
    long id;
    try {
      PreparedJob prepared = extended.prepare(submit.statement(), sourceFor(h.connectionId));
      id =
          detached.submit(
              userOf(h.connectionId),
              h.connectionId,
              currentDatabase(h.connectionId),
              submit.original(),
              initialRows(prepared),
              prepared.work());
    } catch (SqlflowException e) {
      throw error(e);
    }
    LOG.info("job {} submitted from connection {}", id, h.connectionId);
    String state = jobs.find(id).map(job -> job.info().state()).orElse(JobState.QUEUED).name();
    return rows(h, ResultShapes.submitted(sql), List.<Object[]>of(new Object[] {id, state}));
  }

  /** SHOW JOB LOG: the log of a job of the account, wherever it runs or ran. */
  private ExecuteResult showJobLog(StatementHandle h, String sql, ShowJobLogStatement show) {
    Optional<LogSource> log;
    try {
      log = detached.logOf(show.jobId(), userOf(h.connectionId));
    } catch (SqlflowException e) {
      throw error(e);
    }
    if (log.isEmpty()) {
      log =
          jobs.find(show.jobId())
              .filter(job -> !job.isDetached() && sameAccount(job.info(), h.connectionId))
              .map(LogSource.class::cast);
    }
    if (log.isEmpty()) {
      throw error(
          ErrorCode.UNKNOWN_JOB,
          "no job " + show.jobId() + " of this account (SHOW JOBS lists them)");
    }
    logReaders.reading(h.connectionId, h.id, log.get(), show.offset(), show.jobId());
    return logResult(h, sql);
  }

  private ExecuteResult executeDriverCommand(StatementHandle h, DriverCommand command) {
    switch (command.kind()) {
      case RETURNING_KEYS:
        String statement = returningKeysStatement(command.sql());
        return withBackingStatement(
            h.id, h.connectionId, backing -> GeneratedKeysRequests.execute(h, backing, statement));
      case GENERATED_KEYS:
        int keysOf = generatedKeysStatement(command.sql());
        return withBackingStatement(
            keysOf, h.connectionId, backing -> GeneratedKeysRequests.keys(h, backing));
      case WARNINGS:
        int warningsOf =
            driverCommandTarget(() -> GeneratedKeys.statementOfWarnings(command.sql()));
        return withBackingStatement(
            warningsOf, h.connectionId, backing -> StatementWarnings.of(h, command.sql(), backing));
      case MORE_RESULTS:
        int resultsOf =
            driverCommandTarget(() -> GeneratedKeys.statementOfMoreResults(command.sql()));
        return withBackingStatement(
            resultsOf, h.connectionId, backing -> MoreResults.next(h, command.sql(), backing));
      default:
        return passThrough(
            h.connectionId,
            () -> {
              try {
                return MetadataAnswers.answer(h, command.sql(), getConnection(h.connectionId));
              } catch (SQLException e) {
                throw databaseError(e);
              }
            });
    }
  }

  private ExecuteResult executeExtended(
      StatementHandle h, String sql, ExtendedStatement statement) {
    ConnectionSource source = sourceFor(h.connectionId);
    try {
      if (statement instanceof ShowTrainStatement showTrain) {
        ModelDescription model = extended.describe(showTrain, source);
        return rows(
            h,
            ResultShapes.showTrain(sql),
            List.<Object[]>of(new Object[] {model.model(), model.trainStatement()}));
      }
      PreparedJob prepared = extended.prepare(statement, source);
      Job job = jobs.submit(h.connectionId, h.id, sql, initialRows(prepared), prepared.work());
      LOG.info("job {} started for connection {} statement {}", job.id(), h.connectionId, h.id);
    } catch (SqlflowException e) {
      throw error(e);
    }
    return logResult(h, sql);
  }

  private static List<String> initialRows(PreparedJob prepared) {
    List<String> rows = new ArrayList<>();
    rows.add(LogRows.DONE_PARSING);
    rows.addAll(prepared.initialRows());
    return rows;
  }

  /** The answer of a statement whose rows are a job's log, read by fetch. */
  private ExecuteResult logResult(StatementHandle h, String sql) {
    // SQLFlow's driver gets an answer at once and long-polls fetch for the log; other
    // clients take an empty unfinished frame for an error, so theirs waits for the first row.
    Frame first =
        wireOf(h.connectionId) == WireFormat.EXACT
            ? new Frame(0, false, List.of())
            : firstLogFrame(h);
    return new ExecuteResult(
        List.of(MetaResultSet.create(h.connectionId, h.id, false, ResultShapes.log(sql), first)));
  }

  /**
   * Reads the statement once. A statement that does not parse still replaces what the handle ran
   * before ({@code h}; null when preparing), as a statement that parsed would.
   */
  private ParsedStatement parse(StatementHandle h, String sql) {
    try {
      return parser.parseStatement(sql);
    } catch (SqlflowParseException e) {
      if (h != null) {
        stopJobOf(h, "statement re-executed");
      }
      throw error(ErrorCode.SYNTAX_ERROR, e.getMessage());
    }
  }

  private static Signature signatureOf(String sql, ParsedStatement statement) {
    if (statement instanceof ShowJobsStatement) {
      return ResultShapes.jobs(sql);
    }
    if (statement instanceof KillJobStatement) {
      return ResultShapes.count(sql);
    }
    if (statement instanceof SubmitStatement) {
      return ResultShapes.submitted(sql);
    }
    if (statement instanceof ShowJobLogStatement) {
      return ResultShapes.log(sql);
    }
    if (statement instanceof DriverCommand) {
      throw error(
          ErrorCode.SYNTAX_ERROR, "SQLFLOW METADATA and GENERATED KEYS run only unprepared");
    }
    return statement instanceof ShowTrainStatement
        ? ResultShapes.showTrain(sql)
        : ResultShapes.log(sql);
  }

  // ---- generated keys ----

  private StatementHandle prepareReturningKeys(ConnectionHandle ch, String sql, long maxRowCount) {
    resetIfCancelled(ch.id);
    StatementHandle h =
        UnpaddedChars.of(passThrough(ch.id, () -> super.prepare(ch, sql, maxRowCount)));
    try {
      // JdbcMeta prepared it without keys; the same SQL prepared with them takes its place.
      StatementInfo prepared = getStatementCache().getIfPresent(h.id);
      getStatementCache()
          .put(h.id, new StatementInfo(GeneratedKeysRequests.prepare(getConnection(ch.id), sql)));
      if (prepared != null) {
        StatementInfoAccess.statementOf(prepared).close();
      }
    } catch (SQLException e) {
      throw databaseError(e);
    }
    statements.preparedPassThrough(
        h.id, ch.id, new ClientStatements.PreparedPassThrough(sql, h.signature, h.signature));
    return h;
  }

  /** A call on a client statement's backing statement. */
  private interface BackingCall {
    ExecuteResult call(Statement backing) throws SQLException;
  }

  private ExecuteResult withBackingStatement(
      int statementId, String connectionId, BackingCall call) {
    StatementInfo info = getStatementCache().getIfPresent(statementId);
    if (info == null || !statements.belongsTo(statementId, connectionId)) {
      throw error(ErrorCode.SYNTAX_ERROR, "no statement " + statementId + " on this connection");
    }
    return passThrough(
        connectionId,
        () -> {
          try {
            return UnpaddedChars.of(call.call(StatementInfoAccess.statementOf(info)));
          } catch (SQLException e) {
            throw databaseError(e);
          }
        });
  }

  private static String returningKeysStatement(String sql) {
    try {
      return GeneratedKeys.returningKeysStatement(sql);
    } catch (IllegalArgumentException e) {
      throw error(ErrorCode.SYNTAX_ERROR, e.getMessage());
    }
  }

  private static int generatedKeysStatement(String sql) {
    return driverCommandTarget(() -> GeneratedKeys.statementOfKeys(sql));
  }

  /** The statement id a driver command names, or the command's syntax error. */
  private static int driverCommandTarget(java.util.function.IntSupplier read) {
    try {
      return read.getAsInt();
    } catch (IllegalArgumentException e) {
      throw error(ErrorCode.SYNTAX_ERROR, e.getMessage());
    }
  }

  private long kill(StatementHandle h, KillJobStatement command) {
    if (!command.forStatement()) {
      try {
        jobStatements.killJob(
            command.id(), h.connectionId, info -> sameAccount(info, h.connectionId));
      } catch (SqlflowException notHere) {
        // Perhaps another server runs it: the registry passes the request on.
        if (!requestKill(command.id(), h.connectionId)) {
          throw error(notHere);
        }
      }
      return 1;
    }
    int statementId = Math.toIntExact(command.id());
    if (logReaders.cancel(h.connectionId, statementId)) {
      return 1;
    }
    if (jobStatements.cancelStatement(h.connectionId, statementId, command.timedOut())) {
      return 1;
    }
    return cancelBackingStatement(h.connectionId, statementId) ? 1 : 0;
  }

  /**
   * Cancels a running pass-through query, if the statement belongs to this connection. (Not by
   * asking the statement for its connection: Connector/J makes that wait for the query.)
   */
  private boolean cancelBackingStatement(String connectionId, int statementId) {
    StatementInfo info = getStatementCache().getIfPresent(statementId);
    if (info == null || !statements.belongsTo(statementId, connectionId)) {
      return false;
    }
    Statement statement = StatementInfoAccess.statementOf(info);
    try {
      if (statement == null) {
        return false;
      }
      cancelledConnections.cancelling(connectionId);
      results.cancelling(statementId);
      statement.cancel();
      return true;
    } catch (SQLException e) {
      LOG.debug("cancel of statement {} failed", statementId, e);
      return false;
    }
  }

  /** Swaps in a fresh backing connection after a cancel (see {@link CancelledConnections}). */
  private void resetIfCancelled(String connectionId) {
    try {
      Connection old = getConnection(connectionId);
      Optional<Connection> replacement = cancelledConnections.replacementFor(connectionId, old);
      if (replacement.isEmpty()) {
        return;
      }
      Connection fresh = replacement.get();
      for (Map.Entry<Integer, Optional<String>> entry : statements.of(connectionId).entrySet()) {
        Optional<String> sql = entry.getValue();
        Statement statement =
            sql.isPresent() ? fresh.prepareStatement(sql.get()) : fresh.createStatement();
        getStatementCache().put(entry.getKey(), new StatementInfo(statement));
      }
      getConnectionCache().put(connectionId, fresh);
      old.close();
      LOG.info("connection {} got a fresh database connection after a cancel", connectionId);
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private boolean requestKill(long jobId, String connectionId) {
    try {
      return detached.requestKill(jobId, userOf(connectionId), connectionId);
    } catch (SqlflowException e) {
      throw error(e);
    }
  }

  private void stopJobOf(StatementHandle h, String reason) {
    jobs.find(h.connectionId, h.id).ifPresent(job -> job.cancel(reason));
    logReaders.statementClosed(h.connectionId, h.id);
  }

  /**
   * SHOW JOBS and KILL JOB see the jobs of every connection of the same database account, as a
   * database shows a user their own sessions: never another account's statements.
   */
  private boolean sameAccount(JobInfo job, String connectionId) {
    // A SUBMITted job's connection may be gone; the job remembers its account.
    Optional<String> owner =
        detached.ownerOf(job.id()).or(() -> logins.loginOf(job.connectionId()).map(Login::user));
    Optional<Login> asker = logins.loginOf(connectionId);
    return owner.isPresent() && asker.isPresent() && owner.get().equals(asker.get().user());
  }

  private String userOf(String connectionId) {
    return logins
        .loginOf(connectionId)
        .orElseThrow(() -> error(ErrorCode.INTERNAL, "unknown connection " + connectionId))
        .user();
  }

  private ConnectionSource sourceFor(String connectionId) {
    Properties account = accountOf(connectionId);
    try {
      Connection connection = getConnection(connectionId);
      return database.sourceFor(account, connection.getCatalog(), connection.getSchema());
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  /** The connection's current database (MySQL's catalog, H2's schema), if it has one. */
  private Optional<String> currentDatabase(String connectionId) {
    try {
      Connection connection = getConnection(connectionId);
      String current =
          database.dialect() == SqlDialect.MYSQL ? connection.getCatalog() : connection.getSchema();
      return Optional.ofNullable(current).filter(name -> !name.isEmpty());
    } catch (SQLException e) {
      throw databaseError(e);
    }
  }

  private Properties accountOf(String connectionId) {
    return logins
        .loginOf(connectionId)
        .orElseThrow(() -> error(ErrorCode.INTERNAL, "unknown connection " + connectionId))
        .credentials();
  }

  private static ExecuteResult rows(StatementHandle h, Signature signature, List<Object[]> rows) {
    List<Object> frameRows = new ArrayList<>(rows);
    return new ExecuteResult(
        List.of(
            MetaResultSet.create(
                h.connectionId, h.id, false, signature, new Frame(0, true, frameRows))));
  }

  private static ExecuteResult count(StatementHandle h, long updateCount) {
    return new ExecuteResult(List.of(MetaResultSet.count(h.connectionId, h.id, updateCount)));
  }

  // ---- errors ----

  /** A call into JdbcMeta; {@code E} is the checked exception it may throw, if any. */
  private interface DatabaseCall<T, E extends Exception> {
    T call() throws E;
  }

  /**
   * Runs a call on the client connection's backing connection, letting the database's errors reach
   * the client as they are, in that connection's turn: one call at a time, so that a catalog call
   * from one thread never meets a result that another thread's query is streaming (Connector/J
   * refuses every statement until it is read).
   */
  private <T, E extends Exception> T passThrough(String connectionId, DatabaseCall<T, E> call)
      throws E {
    ReentrantLock turn = results.turnOf(connectionId);
    turn.lock();
    try {
      return call.call();
    } catch (RuntimeException e) {
      throw translate(e);
    } finally {
      turn.unlock();
    }
  }

  /** The database's own error, with its SQLState and vendor code, as the client will see it. */
  private static RuntimeException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AvaticaRuntimeException) {
        return (AvaticaRuntimeException) t;
      }
      if (t instanceof BatchUpdateException batch) {
        return BatchFailures.error(batch);
      }
      if (t instanceof SQLException) {
        return databaseError((SQLException) t);
      }
      if (t instanceof NoSuchConnectionException) {
        // A restarted server, or a connection idle past its expiry: a pool must drop it.
        return new AvaticaRuntimeException(
            "the server has no connection "
                + t.getMessage()
                + " (it restarted or the connection expired); open a new one",
            -1,
            CONNECTION_DOES_NOT_EXIST,
            AvaticaSeverity.ERROR);
      }
    }
    return e;
  }

  private static AvaticaRuntimeException databaseError(SQLException e) {
    String state = e.getSQLState() == null ? ErrorCode.INTERNAL.sqlState() : e.getSQLState();
    return new AvaticaRuntimeException(
        e.getMessage(), e.getErrorCode(), state, AvaticaSeverity.ERROR);
  }

  private static AvaticaRuntimeException error(ErrorCode code, String message) {
    return new AvaticaRuntimeException(
        message, code.code(), code.sqlState(), AvaticaSeverity.ERROR);
  }

  /** Ours, or the database's own SQLState and code when the database is the one that failed. */
  private static AvaticaRuntimeException error(SqlflowException e) {
    return e.databaseError()
        .map(
            database ->
                new AvaticaRuntimeException(
                    e.getMessage(),
                    database.getErrorCode(),
                    database.getSQLState() == null ? e.code().sqlState() : database.getSQLState(),
                    AvaticaSeverity.ERROR))
        .orElseGet(() -> error(e.code(), e.getMessage()));
  }
}
