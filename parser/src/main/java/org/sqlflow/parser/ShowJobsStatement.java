package org.sqlflow.parser;

/** {@code SHOW JOBS}: the running and recently ended jobs of the client's account. */
public record ShowJobsStatement() implements ParsedStatement {}
