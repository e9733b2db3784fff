package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates the short URL forms {@code jdbc:sqlflow://host:port[/database][?k=v&...]} (HTTP) and
 * {@code jdbc:sqlflow:https://host:port[/database][?k=v&...]} (TLS; the server's certificate is
 * checked against Avatica's {@code truststore}/{@code truststore_password} properties, or the JVM's
 * default trust store) into Avatica's {@code jdbc:sqlflow:url=http(s)://host:port;k=v;...} form,
 * adding protobuf serialization unless the URL names one. The database, as in a MySQL URL, is the
 * one the connection starts in.
 */
final class SqlflowUrl {
  private SqlflowUrl() {}

  static String toAvaticaForm(String url) throws SQLException {
    String properties;
    Optional<ShortForm> form = ShortForm.of(url);
    if (form.isPresent()) {
      String host = form.get().host();
      properties =
          "url=" + form.get().scheme() + "://" + (host.contains(":") ? host : host + ":8765");
      if (form.get().query().isPresent()) {
        properties += ";" + form.get().query().get().replace('&', ';');
      }
    } else {
      properties = url.substring(Driver.PREFIX.length());
    }
    if (!properties.toLowerCase(Locale.ROOT).contains("serialization=")) {
      properties += ";serialization=protobuf";
    }
    return Driver.PREFIX + properties;
  }

  /** The database the short form names after the host, if any. */
  static Optional<String> databaseOf(String url) throws SQLException {
    Optional<ShortForm> form = ShortForm.of(url);
    return form.isPresent() ? form.get().database() : Optional.empty();
  }

  private record ShortForm(
      String scheme, String host, Optional<String> database, Optional<String> query) {
    /** The short form's parts; empty for Avatica's own {@code url=...} form. */
    static Optional<ShortForm> of(String url) throws SQLException {
      String rest = url.substring(Driver.PREFIX.length());
      String scheme = "http";
      if (rest.startsWith("https://")) {
        scheme = "https";
        rest = rest.substring("https:".length());
      }
      if (!rest.startsWith("//")) {
        return Optional.empty();
      }
      String hostAndQuery = rest.substring(2);
      int query = hostAndQuery.indexOf('?');
      String path = query < 0 ? hostAndQuery : hostAndQuery.substring(0, query);
      int slash = path.indexOf('/');
      String host = slash < 0 ? path : path.substring(0, slash);
      String database = slash < 0 ? "" : path.substring(slash + 1);
      if (database.endsWith("/")) {
        database = database.substring(0, database.length() - 1);
      }
      if (host.isEmpty() || database.contains("/")) {
        throw new SQLException(
            "invalid SQLFlow URL '"
                + url
                + "': expected"
                + " jdbc:sqlflow://host:port[/database] or jdbc:sqlflow:https://host:port[/database]",
            "08001");
      }
      return Optional.of(
          new ShortForm(
              scheme,
              host,
              database.isEmpty() ? Optional.empty() : Optional.of(database),
              query < 0 ? Optional.empty() : Optional.of(hostAndQuery.substring(query + 1))));
    }
  }
}
