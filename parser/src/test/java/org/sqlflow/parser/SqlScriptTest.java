package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

  @Test
  void semicolonsInStringsNamesAndCommentsSeparateNothing() {
    List<SqlScript.Statement> statements =
        SqlScript.split(
            "SELECT 'a;b', `c;d` FROM t -- e;f\n WHERE x = \"g;h\" /* i; */;\nSELECT 2 # j;\n;");

    assertEquals(2, statements.size());
    assertEquals("SELECT 'a;b', `c;d` FROM t -- e;f\n WHERE x = \"g;h\"", statements.get(0).text());
    assertEquals("SELECT 2", statements.get(1).text());
  }

  @Test
  void eachStatementKeepsTheCommentsBeforeItAndItsLine() {
    List<SqlScript.Statement> statements =
        SqlScript.split("-- origin: one\nSELECT 1;\n\n-- origin: two\n-- note\n  SELECT\n 2");

    assertEquals("-- origin: one\n", statements.get(0).leading());
    assertEquals(2, statements.get(0).line());
    assertEquals("\n\n-- origin: two\n-- note\n  ", statements.get(1).leading());
    assertEquals("SELECT\n 2", statements.get(1).text());
    assertEquals(6, statements.get(1).line());
  }

  @Test
  void stretchesOfOnlyCommentsAndEmptyStatementsAreSkipped() {
    assertEquals(List.of(), SqlScript.split("-- nothing\n;; /* still nothing */ ;\n"));
    assertEquals(1, SqlScript.split(";;SELECT 1;;").size());
  }
}
