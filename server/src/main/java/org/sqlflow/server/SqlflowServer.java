package org.sqlflow.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
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
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.extended.JobPreparer;
import org.sqlflow.server.job.JobConfig;
import org.sqlflow.server.job.JobManager;
import org.sqlflow.server.protocol.RequestGate;
import org.sqlflow.server.protocol.SessionGuard;
import org.sqlflow.server.protocol.SqlflowMeta;
import org.sqlflow.server.registry.DetachedJobs;
import org.sqlflow.server.registry.JobRegistry;
import org.sqlflow.server.session.ClientLogins;
import org.sqlflow.server.session.ClientSessions;
import org.sqlflow.server.startup.Leftovers;
import org.sqlflow.server.startup.PythonProbe;

/** Wires the stages together and serves Avatica's protobuf protocol over HTTP(S). */
public final class SqlflowServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlflowServer.class);

  private final HttpServer http;
  private final JobManager jobs;
  private final DetachedJobs detached;
  private final BackingDatabase database;
  private final ScheduledExecutorService sweeper;
  private final boolean tls;

  private SqlflowServer(
      HttpServer http,
      JobManager jobs,
      DetachedJobs detached,
      BackingDatabase database,
      ScheduledExecutorService sweeper,
      boolean tls) {
    this.http = http;
    this.jobs = jobs;
    this.detached = detached;
    this.database = database;
    this.sweeper = sweeper;
    this.tls = tls;
  }

  /** Builds the extended-statement handler once the backing database is known. */
  @FunctionalInterface
  public interface HandlerFactory {
    JobPreparer create(ServerOptions options, BackingDatabase database, Path dataDir)
        throws IOException;
  }

  public static SqlflowServer start(ServerOptions options)
      throws SQLException, IOException, SqlflowException {
    return start(options, ServerStages::handler);
  }

  public static SqlflowServer start(ServerOptions options, HandlerFactory handlers)
      throws SQLException, IOException, SqlflowException {
    checkPython(options);
    Path dataDir = Files.createDirectories(options.dataDir()).toAbsolutePath();
    BackingDatabase database =
        new BackingDatabase(
            options.dbUrl().orElse(BackingDatabase.embeddedUrl(dataDir)),
            options.dbUser(),
            options.dbPassword());
    database.prepareClientAccount();
    Path jobsRoot = dataDir.resolve("jobs");
    Path spillRoot = dataDir.resolve("results");
    removeLeftovers(database, jobsRoot, spillRoot);
    JobRegistry registry = DetachedJobs.openRegistry(database, dataDir, options.registry());
    JobManager jobs =
        new JobManager(
            new JobConfig(
                options.maxJobs(),
                options.idleTimeout(),
                options.jobMemoryRows(),
                Files.createDirectories(jobsRoot),
                options.killGrace(),
                options.jobRetention()),
            registry.ids(),
            JobBackends.of(options, dataDir));
    JobPreparer extended = handlers.create(options, database, dataDir);
    DetachedJobs detached =
        DetachedJobs.start(
            registry,
            jobs,
            options.registry(),
            new StatementResumer(new ExtendedSqlParser(), extended, database));
    if (options.sampleData()) {
      ServerStages.loadSampleData(database);
    }
    ClientSessions sessions =
        new ClientSessions(
            options.maxConnections(), options.maxConnectionsPerLogin(), Clock.systemUTC());
    ClientLogins logins = new ClientLogins(database, sessions, options.allowAnonymous());
    // JdbcMeta's own expiry is a backstop; idle clients are closed by the sweeper below,
    // which sees every request (a client reading a job's log fetches at least every heartbeat).
    Duration cacheExpiry = options.idleTimeout().plusMinutes(5);
    SqlflowMeta meta =
        new SqlflowMeta(
            database,
            logins,
            new ExtendedSqlParser(),
            extended,
            jobs,
            detached,
            options.heartbeat(),
            cacheExpiry,
            Files.createDirectories(spillRoot));
    RequestGate gate =
        new RequestGate(
            new SessionGuard(new LocalService(meta), sessions),
            options.maxRequestBytes(),
            options.requestReadTimeout());
    ServerCustomizer<Server> connectors =
        server -> {
          for (Connector connector : server.getConnectors()) {
            ((ServerConnector) connector).setHost(options.bind());
            ((ServerConnector) connector).setIdleTimeout(options.httpIdle().toMillis());
          }
        };
    HttpServer.Builder<Server> builder =
        new HttpServer.Builder<Server>()
            .withPort(options.port())
            .withHandler(gate)
            .withServerCustomizers(List.of(connectors), Server.class);
    if (options.tlsKeystore().isPresent()) {
      java.io.File keystore = options.tlsKeystore().get().toFile();
      // Clients are not asked for certificates; the keystore doubles as Avatica's truststore.
      builder.withTLS(
          keystore, options.tlsKeystorePassword(), keystore, options.tlsKeystorePassword());
    }
    HttpServer http = builder.build();
    http.start();
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sqlflow-idle-clients");
              thread.setDaemon(true);
              return thread;
            });
    long every = Math.max(1, Math.min(30, options.clientIdle().toSeconds() / 4));
    sweeper.scheduleWithFixedDelay(
        () -> closeIdle(sessions, meta, options.clientIdle()), every, every, TimeUnit.SECONDS);
    LOG.info(
        "SQLFlow server on {}:{} ({}) in front of {}; {}",
        options.bind(),
        http.getPort(),
        options.tlsKeystore().isPresent() ? "HTTPS" : "HTTP",
        database.displayUrl(),
        options.allowAnonymous() ? "anonymous clients allowed" : "every client logs in");
    return new SqlflowServer(
        http, jobs, detached, database, sweeper, options.tlsKeystore().isPresent());
  }

  private static void checkPython(ServerOptions options) {
    if (options.pythonCheck() == ServerOptions.PythonCheck.SKIP) {
      return;
    }
    PythonProbe.Result result = PythonProbe.probe(options.python());
    if (result.ok()) {
      LOG.info("{} ({})", result.versions(), options.python());
    } else if (options.pythonCheck() == ServerOptions.PythonCheck.REQUIRE) {
      throw new IllegalStateException(
          result.problem() + " (--python-check warn starts anyway, without machine learning)");
    } else {
      LOG.warn("{}: TO TRAIN/PREDICT will fail", result.problem());
    }
  }

  private static void removeLeftovers(BackingDatabase database, Path jobsRoot, Path spillRoot)
      throws SQLException, IOException, SqlflowException {
    try (Connection connection = database.open(database.serverCredentials())) {
      for (String table : Leftovers.dropTemporaryTables(connection, database.dialect())) {
        LOG.info("removed temporary table {} left by an earlier run", table);
      }
    }
    for (Path directory : Leftovers.deleteEntries(jobsRoot)) {
      LOG.info("removed job directory {} left by an earlier run", directory);
    }
    for (Path file : Leftovers.deleteEntries(spillRoot)) {
      LOG.info("removed spilled result {} left by an earlier run", file);
    }
  }

  private static void closeIdle(ClientSessions sessions, SqlflowMeta meta, Duration idle) {
    for (String id : sessions.idleSince(Clock.systemUTC().instant().minus(idle))) {
      try {
        meta.closeConnection(new ConnectionHandle(id));
        LOG.info("closed client connection {}: unused for {} minutes", id, idle.toMinutes());
      } catch (RuntimeException e) {
        LOG.debug("closing idle connection {} failed", id, e);
      } finally {
        sessions.closed(id);
      }
    }
  }

  private final AtomicBoolean closed = new AtomicBoolean();

  public int port() {
    return http.getPort();
  }

  /** {@code jdbc:sqlflow://localhost:port}, or the https form when serving TLS. */
  public String clientUrl(String host) {
    return tls
        ? "jdbc:sqlflow:https://" + host + ":" + port()
        : "jdbc:sqlflow://" + host + ":" + port();
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
    sweeper.shutdownNow();
    jobs.close();
    // After the jobs ended: their last rows and states reach the registry.
    detached.close();
    http.stop();
  }
}
