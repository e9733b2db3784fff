package org.sqlflow.server.extended;

import org.sqlflow.server.testing.TestBackends;

class TensorFlowMariaDbIT extends TensorFlowContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }
}
