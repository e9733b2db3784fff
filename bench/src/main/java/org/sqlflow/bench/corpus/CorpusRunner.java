package org.sqlflow.bench.corpus;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs corpus statements one after another through a JDBC connection, each with its own statement
 * and timeout, and classifies each. The timeout is the statement's query timeout, which our driver
 * turns into a cancel on the server (the job's processes are killed); should an answer still hang,
 * the runner cancels the statement itself a little later.
 */
public final class CorpusRunner implements AutoCloseable {
  /** How long after the query timeout the runner cancels a statement that still has not ended. */
  static final Duration CANCEL_GRACE = Duration.ofSeconds(30);

  /** The column of a job's log answer. */
  private static final String LOG_COLUMN = "log";

  private final Connection connection;
  private final Duration timeout;
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "corpus-cancel");
            thread.setDaemon(true);
            return thread;
          });

  public CorpusRunner(Connection connection, Duration timeout) {
    this.connection = requireNonNull(connection, "connection");
    this.timeout = requireNonNull(timeout, "timeout");
    if (timeout.toSeconds() < 1) {
      throw new IllegalArgumentException("timeout must be at least one second, got " + timeout);
    }
  }

  /** Runs every statement in order; {@code progress} sees each result as it is known. */
  public List<StatementResult> runAll(
      List<CorpusStatement> statements, Consumer<StatementResult> progress) {
    List<StatementResult> results = new ArrayList<>();
    for (CorpusStatement statement : statements) {
      StatementResult result = run(statement);
      results.add(result);
      progress.accept(result);
    }
    return List.copyOf(results);
  }

  public StatementResult run(CorpusStatement statement) {
    List<String> rows = new ArrayList<>();
    boolean logAnswer = false;
    SQLException error = null;
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Statement jdbc = connection.createStatement()) {
      jdbc.setQueryTimeout(Math.toIntExact(timeout.toSeconds()));
      ScheduledFuture<?> cancel =
          watchdog.schedule(
              () -> cancelQuietly(jdbc),
              timeout.plus(CANCEL_GRACE).toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        if (jdbc.execute(statement.sql())) {
          try (ResultSet answer = jdbc.getResultSet()) {
            logAnswer =
                answer.getMetaData().getColumnCount() == 1
                    && LOG_COLUMN.equalsIgnoreCase(answer.getMetaData().getColumnLabel(1));
            while (answer.next()) {
              rows.add(String.valueOf(answer.getString(1)));
            }
          }
        }
      } catch (SQLException e) {
        error = e;
      } finally {
        cancel.cancel(false);
      }
    } catch (SQLException e) {
      if (error == null) {
        error = e;
      }
    }
    long end = System.nanoTime();
    boolean timedOut = error != null && end >= deadline;
    return OutcomeClassifier.classify(
        statement, logAnswer, rows, error, timedOut, Duration.ofNanos(end - start));
  }

  private static void cancelQuietly(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // The statement ended meanwhile, or the connection is gone: nothing left to stop.
      System.err.println(String.format(Locale.ROOT, "corpus: cancel failed: %s", e.getMessage()));
    }
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
