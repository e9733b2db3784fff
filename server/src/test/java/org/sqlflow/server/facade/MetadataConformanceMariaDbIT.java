package org.sqlflow.server.facade;

import java.util.List;
import org.sqlflow.server.testing.TestBackends;

class MetadataConformanceMariaDbIT extends MetadataConformanceContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.MARIADB;
  }

  @Override
  protected List<String> schema() {
    return List.of(
        "CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL,"
            + " name VARCHAR(20), UNIQUE KEY code_unique (code), KEY name_index (name))"
            + " ENGINE=InnoDB",
        "CREATE TABLE child (id INT, seq INT, parent_id INT, PRIMARY KEY (id, seq),"
            + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))"
            + " ENGINE=InnoDB",
        "CREATE PROCEDURE two_results(IN n INT) BEGIN SELECT n AS a; SELECT n + 1 AS b; END",
        "CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");
  }

  @Override
  protected String catalog() {
    return backend.database();
  }

  @Override
  protected String schemaPattern() {
    return null;
  }

  @Override
  protected String name(String lowerCase) {
    return lowerCase;
  }

  @Override
  protected String routineCall() {
    return "getFunctions";
  }
}
