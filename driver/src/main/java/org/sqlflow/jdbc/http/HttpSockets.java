package org.sqlflow.jdbc.http;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.HostnameVerificationConfigurable.HostnameVerification;

/**
 * The open sockets to one server with one set of settings, shared by every connection that uses
 * them: a connection opened after another closed reuses its socket, and closed connections leave at
 * most {@value #MAX_IDLE} sockets open. A socket idle for longer than {@link #MAX_IDLE_NANOS} is
 * closed rather than reused, well before the server's own idle limit (120 s by default).
 */
final class HttpSockets {
  static final long DEFAULT_TIMEOUT = TimeUnit.MINUTES.toMillis(3);
  private static final int MAX_IDLE = 16;
  private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final Map<Settings, HttpSockets> SHARED = new ConcurrentHashMap<>();

  /** What a socket depends on besides the server's address. */
  private record Settings(
      String scheme,
      String host,
      int port,
      long connectMillis,
      long answerMillis,
      File truststore,
      String truststorePassword,
      File keystore,
      String keystorePassword,
      String keyPassword,
      String keystoreType,
      HostnameVerification verification) {}

  private final Settings settings;
  private final SSLContext tls;

  // Guarded by itself.
  private final ArrayDeque<HttpSocket> idle = new ArrayDeque<>();

  private HttpSockets(Settings settings) {
    this.settings = settings;
    this.tls = settings.scheme().equals("https") ? tlsContext(settings) : null;
  }

  /** Before Avatica hands over the connection's settings: plain defaults. */
  static HttpSockets plain(URL url, long connectMillis, long answerMillis) {
    return of(url, connectMillis, answerMillis, null);
  }

  static HttpSockets of(URL url, ConnectionConfig config) {
    return of(url, config.getHttpConnectionTimeout(), config.getHttpResponseTimeout(), config);
  }

  private static HttpSockets of(
      URL url, long connectMillis, long answerMillis, ConnectionConfig config) {
    String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
    Settings settings =
        new Settings(
            scheme,
            url.getHost(),
            url.getPort() < 0 ? url.getDefaultPort() : url.getPort(),
            connectMillis,
            answerMillis,
            config == null ? null : config.truststore(),
            config == null ? null : config.truststorePassword(),
            config == null ? null : config.keystore(),
            config == null ? null : config.keystorePassword(),
            config == null ? null : config.keyPassword(),
            config == null ? null : config.keystoreType(),
            config == null ? HostnameVerification.STRICT : config.hostnameVerification());
    return SHARED.computeIfAbsent(settings, HttpSockets::new);
  }

  /** An idle socket young enough to reuse, else a new one. */
  HttpSocket take() throws IOException {
    synchronized (idle) {
      for (HttpSocket socket = idle.pollFirst(); socket != null; socket = idle.pollFirst()) {
        if (socket.idleNanos() < MAX_IDLE_NANOS) {
          return socket;
        }
        socket.close();
      }
    }
    return open();
  }

  /** Keeps {@code socket} for the next request, or closes it when enough are kept. */
  void giveBack(HttpSocket socket) {
    synchronized (idle) {
      if (idle.size() < MAX_IDLE) {
        idle.addFirst(socket);
        return;
      }
    }
    socket.close();
  }

  private HttpSocket open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(settings.host(), settings.port()),
          (int) Math.min(Integer.MAX_VALUE, settings.connectMillis()));
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.answerMillis()));
      if (tls == null) {
        return new HttpSocket(socket);
      }
      SSLSocket secure =
          (SSLSocket)
              tls.getSocketFactory().createSocket(socket, settings.host(), settings.port(), true);
      if (settings.verification() != HostnameVerification.NONE) {
        SSLParameters parameters = secure.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
      }
      secure.startHandshake();
      return new HttpSocket(secure);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Trusts the truststore when one is given (else the JVM's), presents the keystore's key. */
  private static SSLContext tlsContext(Settings settings) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (settings.truststore() != null && settings.truststorePassword() != null) {
        trust.init(load(settings.truststore(), settings.truststorePassword(), settings));
      } else {
        trust.init((KeyStore) null);
      }
      KeyManagerFactory keys = null;
      if (settings.keystore() != null
          && settings.keystorePassword() != null
          && settings.keyPassword() != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(
            load(settings.keystore(), settings.keystorePassword(), settings),
            settings.keyPassword().toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(File file, String password, Settings settings)
      throws GeneralSecurityException, IOException {
    KeyStore store =
        KeyStore.getInstance(
            settings.keystoreType() == null ? KeyStore.getDefaultType() : settings.keystoreType());
    try (InputStream in = Files.newInputStream(file.toPath())) {
      store.load(in, password.toCharArray());
    }
    return store;
  }
}
