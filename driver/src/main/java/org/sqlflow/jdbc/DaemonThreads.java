package org.sqlflow.jdbc;

import java.util.concurrent.ThreadFactory;

/** The driver's background threads: daemons, so that they never keep an application alive. */
final class DaemonThreads {
  private DaemonThreads() {}

  static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
