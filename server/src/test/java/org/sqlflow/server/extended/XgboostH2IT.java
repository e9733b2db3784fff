package org.sqlflow.server.extended;

import org.sqlflow.server.testing.TestBackends;

class XgboostH2IT extends XgboostContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.H2;
  }

  @Override
  protected boolean everyTest() {
    return false;
  }
}
