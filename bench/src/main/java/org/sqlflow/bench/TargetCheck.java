package org.sqlflow.bench;

/** A stated target beside what this run measured. */
public record TargetCheck(String target, String measured, boolean met) {}
