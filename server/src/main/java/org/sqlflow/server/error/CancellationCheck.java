package org.sqlflow.server.error;

/** Long Java-side loops call this between batches; a job passes {@code context::checkCancelled}. */
@FunctionalInterface
public interface CancellationCheck {
  CancellationCheck NEVER = () -> {};

  void check() throws JobCancelledException;
}
