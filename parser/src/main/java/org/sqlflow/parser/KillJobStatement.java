package org.sqlflow.parser;

/**
 * {@code KILL JOB <id>} (a job by the id SHOW JOBS lists) or {@code KILL JOB FOR STATEMENT
 * <statement id> [TIMEOUT]} (what the SQLFlow driver sends for {@code Statement.cancel()} and query
 * timeouts).
 */
public record KillJobStatement(long id, boolean forStatement, boolean timedOut)
    implements ParsedStatement {}
