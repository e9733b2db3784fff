package org.sqlflow.server.session;

import static java.util.Objects.requireNonNull;

import java.util.Properties;

/**
 * The database account a client connection works through.
 *
 * @param user the account's name, as SHOW JOBS and KILL JOB compare it
 * @param anonymous the client gave no name and works as the server's client account
 */
public record Login(String user, boolean anonymous, Properties credentials) {

  public Login {
    requireNonNull(user, "user");
    Properties copy = new Properties();
    copy.putAll(requireNonNull(credentials, "credentials"));
    credentials = copy;
  }

  /** A copy: callers hand it to a JDBC driver, which may keep or change it. */
  @Override
  public Properties credentials() {
    Properties copy = new Properties();
    copy.putAll(credentials);
    return copy;
  }

  boolean hasPassword(String password) {
    return java.security.MessageDigest.isEqual(
        credentials.getProperty("password", "").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        (password == null ? "" : password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The password is never part of a log line. */
  @Override
  public String toString() {
    return anonymous ? "anonymous (" + user + ")" : user;
  }
}
