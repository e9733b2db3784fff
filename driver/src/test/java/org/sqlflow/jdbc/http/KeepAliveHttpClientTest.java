package org.sqlflow.jdbc.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP/1.1 server on loopback, which records what it was sent. */
class KeepAliveHttpClientTest {
  /** A request as the scripted server read it: its headers and body, and which socket. */
  private record Received(int socket, String head, byte[] body) {}

  private final List<ScriptedServer> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws IOException {
    for (ScriptedServer server : servers) {
      server.close();
    }
  }

  /** Serves each request on a thread per socket, answering with {@code answer(request)}. */
  private final class ScriptedServer implements AutoCloseable {
    final ServerSocket listener = new ServerSocket(0);
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final List<Socket> accepted = new CopyOnWriteArrayList<>();

    /** Bytes per write of an answer, with a pause between writes; 0 writes it whole. */
    private final int piece;

    ScriptedServer(Function<Received, byte[]> answer) throws IOException {
      this(answer, 0);
    }

    ScriptedServer(Function<Received, byte[]> answer, int piece) throws IOException {
      this.piece = piece;
      servers.add(this);
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket socket = listener.accept();
                    accepted.add(socket);
                    int number = accepted.size();
                    Thread serve = new Thread(() -> serve(socket, number, answer));
                    serve.setDaemon(true);
                    serve.start();
                  }
                } catch (IOException e) {
                  // closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void serve(Socket socket, int number, Function<Received, byte[]> answer) {
      try (socket) {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          int length = 0;
          for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
              length = Integer.parseInt(line.substring(15).trim());
            }
          }
          Received request = new Received(number, head, in.readNBytes(length));
          received.add(request);
          byte[] reply = answer.apply(request);
          if (reply == null) {
            return; // close without answering
          }
          for (int at = 0; at < reply.length; at += piece == 0 ? reply.length : piece) {
            out.write(reply, at, Math.min(reply.length - at, piece == 0 ? reply.length : piece));
            out.flush();
            if (piece > 0) {
              Thread.sleep(2);
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // the client went away
      }
    }

    URL url() throws IOException {
      return new URL("http://127.0.0.1:" + listener.getLocalPort() + "/");
    }

    @Override
    public void close() throws IOException {
      listener.close();
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int c = in.read(); c >= 0; c = in.read()) {
      head.write(c);
      matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static byte[] answer(String statusAndHeaders, byte[] body) {
    byte[] head = (statusAndHeaders + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }

  private static byte[] ok(byte[] body) {
    return answer("HTTP/1.1 200 OK\r\nContent-Length: " + body.length, body);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void postsTheRequestAndReturnsTheBodyOnOneKeptSocket() throws Exception {
    ScriptedServer server = new ScriptedServer(request -> ok(request.body()));
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(bytes("request " + i), client.send(bytes("request " + i)));
    }
    List<Received> seen = new ArrayList<>();
    server.received.drainTo(seen);
    assertEquals(3, seen.size());
    for (Received r : seen) {
      assertEquals(1, r.socket(), "every request on the first socket");
      assertTrue(r.head().startsWith("POST / HTTP/1.1\r\n"), r.head());
      assertTrue(r.head().contains("Content-Type: application/octet-stream"), r.head());
    }
  }

  @Test
  void readsChunkedAndServerErrorAnswers() throws Exception {
    ScriptedServer server =
        new ScriptedServer(
            request ->
                new String(request.body(), StandardCharsets.UTF_8).equals("chunked")
                    ? answer(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked",
                        bytes("4\r\nabcd\r\n3;ext=1\r\nefg\r\n0\r\n\r\n"))
                    : answer("HTTP/1.1 500 Server Error\r\nContent-Length: 5", bytes("error")));
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    assertArrayEquals(bytes("abcdefg"), client.send(bytes("chunked")));
    // Avatica's error responses come with status 500 and are decoded by Avatica.
    assertArrayEquals(bytes("error"), client.send(bytes("fail")));
    assertArrayEquals(bytes("abcdefg"), client.send(bytes("chunked")));
  }

  @Test
  void aBodyLargerThanOneWriteArrivesWhole() throws Exception {
    ScriptedServer server = new ScriptedServer(request -> ok(request.body()));
    byte[] large = new byte[300_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) i;
    }
    assertArrayEquals(large, new KeepAliveHttpClient(server.url()).send(large));
  }

  @Test
  void sendsBasicCredentialsAndReportsARefusal() throws Exception {
    ScriptedServer server =
        new ScriptedServer(
            request ->
                request.head().contains("Authorization: Basic YWxpY2U6c8OpY3JldA==\r\n")
                    ? ok(bytes("in"))
                    : answer(
                        "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n"
                            + "WWW-Authenticate: Basic realm=\"sqlflow\"",
                        new byte[0]));
    KeepAliveHttpClient anonymous = new KeepAliveHttpClient(server.url());
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> anonymous.send(bytes("x")));
    assertTrue(refused.getMessage().contains("HTTP 401"), refused.getMessage());
    KeepAliveHttpClient alice = new KeepAliveHttpClient(server.url());
    alice.setUsernamePassword(AuthenticationType.BASIC, "alice", "s\u00e9cret");
    assertArrayEquals(bytes("in"), alice.send(bytes("x")));
    assertThrows(
        IllegalArgumentException.class,
        () -> alice.setUsernamePassword(AuthenticationType.DIGEST, "alice", "secret"));
  }

  @Test
  void aSocketTheServerClosedWhileIdleIsReplacedAndTheRequestSentAgain() throws Exception {
    // The first socket is closed after its first answer: Connection: close is not sent, as a
    // server's idle timeout would not send it either.
    ScriptedServer server =
        new ScriptedServer(
            request -> {
              if (request.socket() == 1 && request.body()[0] == '2') {
                return null;
              }
              return ok(request.body());
            });
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    assertArrayEquals(bytes("1"), client.send(bytes("1")));
    assertArrayEquals(bytes("2"), client.send(bytes("2")));
    List<Received> seen = new ArrayList<>();
    server.received.drainTo(seen);
    assertEquals(List.of(1, 1, 2), seen.stream().map(Received::socket).toList());
  }

  @Test
  void aFreshSocketThatFailsIsNotRetried() throws Exception {
    ScriptedServer server = new ScriptedServer(request -> null);
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    assertThrows(UncheckedIOException.class, () -> client.send(bytes("once")));
    assertEquals(1, server.received.size(), "sent once only");
  }

  @Test
  void readsAnswersThatArriveAFewBytesAtATime() throws Exception {
    ScriptedServer server =
        new ScriptedServer(
            request ->
                new String(request.body(), StandardCharsets.UTF_8).equals("chunked")
                    ? answer(
                        "HTTP/1.1 200 OK\r\nX-Long: "
                            + "x".repeat(3000)
                            + "\r\n"
                            + "Transfer-Encoding: chunked",
                        bytes("3\r\nabc\r\n4;x=y\r\ndefg\r\n0\r\n\r\n"))
                    : ok(request.body()),
            3);
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    assertArrayEquals(bytes("a body of some length"), client.send(bytes("a body of some length")));
    assertArrayEquals(bytes("abcdefg"), client.send(bytes("chunked")));
    assertArrayEquals(bytes("again"), client.send(bytes("again")));
    assertEquals(1, server.received.poll(5, TimeUnit.SECONDS).socket());
    assertEquals(1, server.received.poll(5, TimeUnit.SECONDS).socket());
    assertEquals(1, server.received.poll(5, TimeUnit.SECONDS).socket(), "still the first socket");
  }

  @Test
  void anAnswerWithoutLengthEndsWithItsSocket() throws Exception {
    ScriptedServer server =
        new ScriptedServer(request -> answer("HTTP/1.1 200 OK", request.body()));
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    byte[] large = new byte[100_000];
    Arrays.fill(large, (byte) 'z');
    Thread closer =
        new Thread(
            () -> {
              try {
                server.received.take();
                Thread.sleep(200);
                for (Socket socket : server.accepted) {
                  socket.shutdownOutput();
                }
              } catch (InterruptedException | IOException e) {
                // the test fails on the answer instead
              }
            });
    closer.start();
    assertArrayEquals(large, client.send(large));
    closer.join();
  }

  @Test
  void connectionCloseIsHonoured() throws Exception {
    ScriptedServer server =
        new ScriptedServer(
            request ->
                answer(
                    "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: "
                        + request.body().length,
                    request.body()));
    KeepAliveHttpClient client = new KeepAliveHttpClient(server.url());
    client.send(bytes("a"));
    client.send(bytes("b"));
    assertEquals(1, server.received.poll(5, TimeUnit.SECONDS).socket());
    assertEquals(2, server.received.poll(5, TimeUnit.SECONDS).socket(), "a new socket");
  }
}
