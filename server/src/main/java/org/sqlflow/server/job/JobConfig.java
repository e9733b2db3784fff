package org.sqlflow.server.job;

import java.nio.file.Path;
import java.time.Duration;

public record JobConfig(int maxConcurrentJobs, Duration idleTimeout, int memoryRows,
    Path workRoot, Duration killGrace) {}
