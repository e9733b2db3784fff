package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Translates the short URL forms {@code jdbc:sqlflow://host:port[/][?k=v&...]} (HTTP) and
 * {@code jdbc:sqlflow:https://host:port[/][?k=v&...]} (TLS; the server's certificate is
 * checked against Avatica's {@code truststore}/{@code truststore_password} properties, or the
 * JVM's default trust store) into Avatica's {@code jdbc:sqlflow:url=http(s)://host:port;k=v;...}
 * form, adding protobuf serialization unless the URL names one.
 */
final class SqlflowUrl {
  private SqlflowUrl() {}

  static String toAvaticaForm(String url) throws SQLException {
    String rest = url.substring(Driver.PREFIX.length());
    String properties;
    String scheme = "http";
    if (rest.startsWith("https://")) {
      scheme = "https";
      rest = rest.substring("https:".length());
    }
    if (rest.startsWith("//")) {
      String hostAndQuery = rest.substring(2);
      int query = hostAndQuery.indexOf('?');
      String host = query < 0 ? hostAndQuery : hostAndQuery.substring(0, query);
      if (host.endsWith("/")) {
        host = host.substring(0, host.length() - 1);
      }
      if (host.isEmpty() || host.contains("/")) {
        throw new SQLException("invalid SQLFlow URL '" + url
            + "': expected jdbc:sqlflow://host:port or jdbc:sqlflow:https://host:port", "08001");
      }
      if (!host.contains(":")) {
        host = host + ":8765";
      }
      properties = "url=" + scheme + "://" + host;
      if (query >= 0) {
        properties += ";" + hostAndQuery.substring(query + 1).replace('&', ';');
      }
    } else {
      properties = rest;
    }
    if (!properties.toLowerCase(Locale.ROOT).contains("serialization=")) {
      properties += ";serialization=protobuf";
    }
    return Driver.PREFIX + properties;
  }
}
