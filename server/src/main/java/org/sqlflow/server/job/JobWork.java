package org.sqlflow.server.job;

/**
 * What a job does once it has a slot: the steps after parse, verify and code generation, such as
 * feeding data, running the program and storing the model.
 */
@FunctionalInterface
public interface JobWork {
  void run(JobContext context) throws Exception;
}
