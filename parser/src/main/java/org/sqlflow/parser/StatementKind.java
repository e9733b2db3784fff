package org.sqlflow.parser;

/** Placeholder; replaced by the parser work. */
public enum StatementKind { STANDARD, EXTENDED, SHOW_JOBS, KILL_JOB }
