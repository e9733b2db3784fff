package org.sqlflow.server.facade;

import java.util.List;
import org.sqlflow.server.testing.TestBackends;

class MetadataConformanceH2IT extends MetadataConformanceContract {
  @Override
  protected TestBackends kind() {
    return TestBackends.H2;
  }

  @Override
  protected List<String> schema() {
    return List.of(
        "CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL,"
            + " name VARCHAR(20), CONSTRAINT code_unique UNIQUE (code))",
        "CREATE INDEX name_index ON parent (name)",
        "CREATE TABLE child (id INT, seq INT, parent_id INT, PRIMARY KEY (id, seq),"
            + " CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))",
        "CREATE ALIAS add_one FOR 'java.lang.Math.incrementExact(int)'");
  }

  @Override
  protected String catalog() {
    return null;
  }

  @Override
  protected String schemaPattern() {
    // The embedded default stores names in lower case (DATABASE_TO_LOWER, MySQL mode).
    return backend.database();
  }

  @Override
  protected String name(String lowerCase) {
    return lowerCase;
  }

  @Override
  protected String routineCall() {
    return "getProcedures";
  }
}
