package org.sqlflow.server.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP BASIC credentials of the request being served, if it carried any (Avatica clients send
 * them with {@code authentication=BASIC}, {@code avatica_user}, {@code avatica_password}). Set by
 * the protocol's RequestGate on the thread that runs the request.
 */
public record HttpCredentials(String user, String password) {
  private static final ThreadLocal<HttpCredentials> CURRENT = new ThreadLocal<>();

  /** The {@code Authorization: Basic ...} header's user and password, if it is one. */
  public static Optional<HttpCredentials> parse(String header) {
    if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("basic ")) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? Optional.empty()
        : Optional.of(
            new HttpCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  public static Optional<HttpCredentials> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  public static void set(Optional<HttpCredentials> credentials) {
    CURRENT.set(credentials.orElse(null));
  }

  public static void clear() {
    CURRENT.remove();
  }

  @Override
  public String toString() {
    return "HttpCredentials[" + user + "]";
  }
}
