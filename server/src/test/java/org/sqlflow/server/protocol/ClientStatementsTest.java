package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sqlflow.parser.ShowJobsStatement;

class ClientStatementsTest {

  @Test
  void statementsBelongToTheirConnectionOnly() {
    ClientStatements statements = new ClientStatements();
    statements.created(1, "a");
    ClientStatements.PreparedPassThrough prepared =
        new ClientStatements.PreparedPassThrough("SELECT ?", null, null);
    statements.preparedPassThrough(2, "a", prepared);
    statements.preparedOwn(3, "b", "SHOW JOBS", new ShowJobsStatement());
    assertTrue(statements.belongsTo(1, "a"));
    assertFalse(statements.belongsTo(1, "b"));
    assertFalse(statements.belongsTo(9, "a"));
    assertEquals(
        Optional.of(new ClientStatements.OwnStatement("SHOW JOBS", new ShowJobsStatement())),
        statements.own(3));
    assertEquals(Optional.empty(), statements.own(2));
    assertEquals(Optional.of(prepared), statements.passThrough(2));
    assertEquals(Optional.empty(), statements.passThrough(3));
    assertEquals(Map.of(1, Optional.empty(), 2, Optional.of("SELECT ?")), statements.of("a"));
  }

  @Test
  void closingForgetsTheStatementOrTheWholeConnection() {
    ClientStatements statements = new ClientStatements();
    statements.created(1, "a");
    statements.created(2, "a");
    statements.created(3, "b");
    statements.closed(1);
    assertEquals(Map.of(2, Optional.empty()), statements.of("a"));
    statements.connectionClosed("a");
    assertEquals(Map.of(), statements.of("a"));
    assertTrue(statements.belongsTo(3, "b"));
  }
}
