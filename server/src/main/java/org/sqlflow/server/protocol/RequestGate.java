package org.sqlflow.server.protocol;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlflow.server.session.HttpCredentials;
import org.sqlflow.server.session.SessionError;
import org.sqlflow.wire.PackedExecute;

/**
 * The HTTP endpoint in front of Avatica's protobuf handler, where requests are bounded before they
 * cost anything: a body must declare its length, fit under the size cap, and arrive within the read
 * deadline. Bodies are read without holding a thread (servlet async I/O), so clients that send a
 * byte every few seconds cannot starve the pool that serves everyone else; the request is
 * dispatched to a thread only once its body is complete (a body that arrived whole with its headers
 * is answered at once). A body in {@link PackedExecute} bytes (SQLFlow's driver executing a
 * prepared statement) goes to the same service as Avatica's requests. Error responses leave with
 * the exceptions' first lines only: stack traces stay in the server's log.
 */
public final class RequestGate extends AbstractHandler implements AvaticaHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGate.class);
  private static final String BODY = RequestGate.class.getName() + ".body";

  private final ProtobufHandler protobuf;
  private final PackedExecuteHandler packedExecutes;
  private final ProtobufTranslation translation = new PackedFrameTranslation();
  private final long maxBodyBytes;
  private final Duration readTimeout;

  public RequestGate(Service service, long maxBodyBytes, Duration readTimeout) {
    this.protobuf =
        new ProtobufHandler(
            requireNonNull(service, "service"), translation, NoopMetricsSystem.getInstance());
    this.packedExecutes = new PackedExecuteHandler(service, protobuf, translation);
    this.maxBodyBytes = maxBodyBytes;
    this.readTimeout = requireNonNull(readTimeout, "readTimeout");
  }

  @Override
  public void setServerRpcMetadata(Service.RpcMetadataResponse metadata) {
    protobuf.setRpcMetadata(metadata);
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    base.setHandled(true);
    if (request.getDispatcherType() == DispatcherType.ASYNC) {
      respond(request, response, (byte[]) request.getAttribute(BODY));
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    long length = request.getContentLengthLong();
    if (length < 0) {
      response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED);
      return;
    }
    if (length > maxBodyBytes) {
      LOG.warn(
          "refused a {}-byte request from {} (limit {}, --max-request-mb)",
          length,
          request.getRemoteAddr(),
          maxBodyBytes);
      response.setHeader("Connection", "close");
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    ServletInputStream in = request.getInputStream();
    if (in.available() >= length) {
      // The whole body came with the headers (a small request): reading it cannot wait, so it is
      // read here rather than handed to another thread, which would cost a small query as much
      // again as its database work.
      respond(request, response, in.readNBytes((int) length));
      return;
    }
    readAsynchronously(request, response, (int) length);
  }

  private void readAsynchronously(
      HttpServletRequest request, HttpServletResponse response, int length) throws IOException {
    AsyncContext async = request.startAsync();
    async.setTimeout(readTimeout.toMillis());
    async.addListener(
        new AsyncListener() {
          @Override
          public void onTimeout(AsyncEvent event) throws IOException {
            LOG.info(
                "dropped a request from {}: its body did not arrive within {} s",
                request.getRemoteAddr(),
                readTimeout.toSeconds());
            response.setHeader("Connection", "close");
            response.sendError(HttpServletResponse.SC_REQUEST_TIMEOUT);
            async.complete();
          }

          @Override
          public void onComplete(AsyncEvent event) {}

          @Override
          public void onError(AsyncEvent event) {}

          @Override
          public void onStartAsync(AsyncEvent event) {}
        });
    ServletInputStream in = request.getInputStream();
    byte[] body = new byte[length];
    in.setReadListener(
        new ReadListener() {
          private int read;

          /** Reads until Jetty has nothing more now; asking past the last byte lets it end. */
          @Override
          public void onDataAvailable() throws IOException {
            while (in.isReady() && !in.isFinished()) {
              if (read == length) {
                if (in.read() >= 0) {
                  throw new IOException("body longer than its Content-Length");
                }
                return;
              }
              int n = in.read(body, read, length - read);
              if (n < 0) {
                return;
              }
              read += n;
            }
          }

          @Override
          public void onAllDataRead() {
            if (read != length) {
              onError(new IOException("body shorter than its Content-Length"));
              return;
            }
            request.setAttribute(BODY, body);
            async.dispatch();
          }

          @Override
          public void onError(Throwable t) {
            LOG.debug("request body from {} failed", request.getRemoteAddr(), t);
            try {
              response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            } catch (IOException | IllegalStateException e) {
              // The client is gone.
            }
            async.complete();
          }
        });
  }

  private void respond(HttpServletRequest request, HttpServletResponse response, byte[] body)
      throws IOException {
    HandlerResponse<byte[]> answer;
    HttpCredentials.set(HttpCredentials.parse(request.getHeader("Authorization")));
    try {
      answer = PackedExecute.isPacked(body) ? packedExecutes.apply(body) : protobuf.apply(body);
    } finally {
      HttpCredentials.clear();
    }
    int status = answer.getStatusCode();
    byte[] bytes = answer.getResponse();
    if (status != HttpServletResponse.SC_OK) {
      Service.Response decoded = translation.parseResponse(bytes);
      if (decoded instanceof Service.ErrorResponse error) {
        bytes = withoutStackTraces(error);
        if (error.errorCode == SessionError.LOGIN_REQUIRED
            && request.getHeader("Authorization") == null) {
          status = HttpServletResponse.SC_UNAUTHORIZED;
          response.setHeader("WWW-Authenticate", "Basic realm=\"sqlflow\"");
        }
      }
    }
    response.setContentType("application/octet-stream;charset=utf-8");
    response.setStatus(status);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The error as the client needs it: message, code, SQLState, and exception names only. */
  private byte[] withoutStackTraces(Service.ErrorResponse error) throws IOException {
    List<String> firstLines = new ArrayList<>();
    if (error.exceptions != null) {
      for (String trace : error.exceptions) {
        LOG.debug("error sent to a client without its stack trace:\n{}", trace);
        int end = trace.indexOf('\n');
        firstLines.add((end < 0 ? trace : trace.substring(0, end)).strip());
      }
    }
    return translation.serializeResponse(
        new Service.ErrorResponse(
            firstLines,
            error.errorMessage,
            error.errorCode,
            error.sqlState,
            error.severity,
            error.rpcMetadata));
  }
}
