package org.sqlflow.server.job;

import java.util.List;
import java.util.Optional;

public record LogChunk(long offset, List<String> rows, boolean done, Optional<String> failure) {}
