package org.sqlflow.server.job;

public enum JobState { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }
