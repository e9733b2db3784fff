package org.sqlflow.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * Translates the short URL form {@code jdbc:sqlflow://host:port[/database][?k=v&...]} into
 * Avatica's {@code jdbc:sqlflow:url=http://host:port;k=v;...} form, adding protobuf
 * serialization unless the URL names one. The database, as in a MySQL URL, is the one the
 * connection starts in.
 */
final class SqlflowUrl {
  private SqlflowUrl() {}

  static String toAvaticaForm(String url) throws SQLException {
    String rest = url.substring(Driver.PREFIX.length());
    String properties;
    if (rest.startsWith("//")) {
      ShortForm form = ShortForm.of(url);
      String host = form.host().contains(":") ? form.host() : form.host() + ":8765";
      properties = "url=http://" + host;
      if (form.query().isPresent()) {
        properties += ";" + form.query().get().replace('&', ';');
      }
    } else {
      properties = rest;
    }
    if (!properties.toLowerCase(Locale.ROOT).contains("serialization=")) {
      properties += ";serialization=protobuf";
    }
    return Driver.PREFIX + properties;
  }

  /** The database the short form names after the host, if any. */
  static Optional<String> databaseOf(String url) throws SQLException {
    return url.startsWith(Driver.PREFIX + "//") ? ShortForm.of(url).database() : Optional.empty();
  }

  private record ShortForm(String host, Optional<String> database, Optional<String> query) {
    static ShortForm of(String url) throws SQLException {
      String hostAndQuery = url.substring(Driver.PREFIX.length() + 2);
      int query = hostAndQuery.indexOf('?');
      String path = query < 0 ? hostAndQuery : hostAndQuery.substring(0, query);
      int slash = path.indexOf('/');
      String host = slash < 0 ? path : path.substring(0, slash);
      String database = slash < 0 ? "" : path.substring(slash + 1);
      if (database.endsWith("/")) {
        database = database.substring(0, database.length() - 1);
      }
      if (host.isEmpty() || database.contains("/")) {
        throw new SQLException("invalid SQLFlow URL '" + url
            + "': expected jdbc:sqlflow://host:port[/database]", "08001");
      }
      return new ShortForm(host,
          database.isEmpty() ? Optional.empty() : Optional.of(database),
          query < 0 ? Optional.empty() : Optional.of(hostAndQuery.substring(query + 1)));
    }
  }
}
