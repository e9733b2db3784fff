package org.sqlflow.server.protocol;

import org.sqlflow.server.testing.TestBackends;

class PassThroughH2IT extends PassThroughContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.H2;
  }
}
