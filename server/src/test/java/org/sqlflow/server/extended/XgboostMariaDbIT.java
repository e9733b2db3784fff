package org.sqlflow.server.extended;

import org.sqlflow.server.testing.TestBackends;

class XgboostMariaDbIT extends XgboostContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }
}
