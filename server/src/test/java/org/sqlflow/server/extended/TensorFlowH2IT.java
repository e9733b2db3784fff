package org.sqlflow.server.extended;

import org.sqlflow.server.testing.TestBackends;

class TensorFlowH2IT extends TensorFlowContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.H2;
  }
}
