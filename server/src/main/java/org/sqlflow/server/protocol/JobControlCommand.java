package org.sqlflow.server.protocol;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code KILL JOB <id>} (any connection's job, by the id SHOW JOBS lists) and
 * {@code KILL JOB FOR STATEMENT <statement id> [TIMEOUT]} (what the driver sends for
 * {@code Statement.cancel()} and query timeouts, for a statement of the same connection).
 */
record JobControlCommand(long id, boolean forStatement, boolean timeout) {
  private static final Pattern KILL = Pattern.compile(
      "\\s*KILL\\s+JOB\\s+(FOR\\s+STATEMENT\\s+)?(\\d{1,18})(\\s+TIMEOUT)?\\s*;?\\s*",
      Pattern.CASE_INSENSITIVE);

  static JobControlCommand parseKill(String sql) throws IllegalArgumentException {
    Matcher matcher = KILL.matcher(sql);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "Syntax error: expected KILL JOB <id>, got '" + sql.trim() + "'");
    }
    return new JobControlCommand(Long.parseLong(matcher.group(2)), matcher.group(1) != null,
        matcher.group(3) != null);
  }

  String reason() {
    return timeout ? "query timeout" : forStatement ? "cancelled by the client" : "KILL JOB";
  }

  @Override
  public String toString() {
    return ("KILL JOB " + (forStatement ? "FOR STATEMENT " : "") + id).toUpperCase(Locale.ROOT);
  }
}
