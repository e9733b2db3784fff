package org.sqlflow.parser;

/**
 * Any statement a client sends, as the server routes it: standard SQL for the backing database,
 * SHOW JOBS, KILL JOB, SHOW JOB LOG, a command of SQLFlow's driver, an extended statement, or one
 * SUBMITted to run detached. {@link ExtendedSqlParser#parseStatement} reads each statement once
 * into one of these; no later stage reads its text again.
 */
public sealed interface ParsedStatement
    permits StandardStatement,
        ShowJobsStatement,
        KillJobStatement,
        ShowJobLogStatement,
        SubmitStatement,
        DriverCommand,
        ExtendedStatement {}
