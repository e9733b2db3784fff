package org.sqlflow.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.server.db.BackingDatabase;
import org.sqlflow.server.job.JobConfig;
import org.sqlflow.server.job.JobManager;
import org.sqlflow.server.protocol.ExtendedStatementHandler;
import org.sqlflow.server.protocol.SqlflowMeta;

/** Wires the stages together and serves Avatica's protobuf protocol over HTTP. */
public final class SqlflowServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlflowServer.class);
  /** Jetty's own default is 60 s; fetch long-polls stay well below this. */
  private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

  private final HttpServer http;
  private final JobManager jobs;
  private final BackingDatabase database;

  private SqlflowServer(HttpServer http, JobManager jobs, BackingDatabase database) {
    this.http = http;
    this.jobs = jobs;
    this.database = database;
  }

  /** Builds the extended-statement handler once the backing database is known. */
  @FunctionalInterface
  public interface HandlerFactory {
    ExtendedStatementHandler create(ServerOptions options, BackingDatabase database,
        Path dataDir) throws IOException;
  }

  public static SqlflowServer start(ServerOptions options)
      throws SQLException, IOException, SqlflowException {
    return start(options, ExtendedStatements::handler);
  }

  public static SqlflowServer start(ServerOptions options, HandlerFactory handlers)
      throws SQLException, IOException, SqlflowException {
    Path dataDir = Files.createDirectories(options.dataDir()).toAbsolutePath();
    BackingDatabase database = new BackingDatabase(
        options.dbUrl().orElse(BackingDatabase.embeddedUrl(dataDir)),
        options.dbUser(), options.dbPassword());
    JobManager jobs = new JobManager(new JobConfig(options.maxJobs(), options.idleTimeout(),
        10_000, Files.createDirectories(dataDir.resolve("jobs")), Duration.ofSeconds(1),
        Duration.ofMinutes(10)));
    ExtendedStatementHandler extended = handlers.create(options, database, dataDir);
    if (options.sampleData()) {
      ExtendedStatements.loadSampleData(database);
    }
    // Connections and statements live as long as a client may still read a job's log.
    Duration cacheExpiry = options.idleTimeout().plusMinutes(5);
    SqlflowMeta meta = new SqlflowMeta(database, new ExtendedSqlParser(), extended, jobs,
        options.heartbeat(), cacheExpiry);
    ServerCustomizer<Server> idleTimeout = server -> {
      for (Connector connector : server.getConnectors()) {
        ((ServerConnector) connector).setIdleTimeout(IDLE_TIMEOUT.toMillis());
      }
    };
    HttpServer http = new HttpServer.Builder<Server>()
        .withPort(options.port())
        .withHandler(new LocalService(meta), Serialization.PROTOBUF)
        .withServerCustomizers(List.of(idleTimeout), Server.class)
        .build();
    http.start();
    LOG.info("SQLFlow server on port {} in front of {}", http.getPort(), database.displayUrl());
    return new SqlflowServer(http, jobs, database);
  }

  private final AtomicBoolean closed = new AtomicBoolean();

  public int port() {
    return http.getPort();
  }

  /** The backing database's URL, its password masked. */
  public String databaseUrl() {
    return database.displayUrl();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  /** Stops the server; a second close does nothing, as AutoCloseable recommends. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    jobs.close();
    http.stop();
  }
}
