package org.sqlflow.server.job;

import java.time.Duration;
import java.time.Instant;

public record JobInfo(long id, String connectionId, int statementId, String statement,
    JobState state, Instant started, Duration elapsed, String lastLine) {}
