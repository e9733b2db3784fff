package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubmitAndJobLogParserTest {
  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  @Test
  void submitWrapsTheExtendedStatementAsItWouldParseAlone() throws SqlflowParseException {
    String inner = "SELECT * FROM iris.train TO TRAIN DNNClassifier LABEL class INTO m";
    ParsedStatement parsed = parser.parseStatement("submit " + inner + ";");
    SubmitStatement submit = assertInstanceOf(SubmitStatement.class, parsed);
    assertEquals(parser.parse(inner), submit.statement());
    assertEquals("submit " + inner, submit.original());
    assertEquals("SELECT * FROM iris.train", submit.statement().select());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SUBMIT SELECT * FROM t TO PREDICT t2.c USING m",
        "Submit /* later */ SELECT * FROM t TO EVALUATE m LABEL c INTO e",
        "SUBMIT SELECT * FROM t TO EXPLAIN m",
        "SUBMIT SELECT * FROM t TO MAXIMIZE SUM(a) CONSTRAINT a <= 1 WITH variables=\"a(p)\""
            + " INTO r"
      })
  void submitTakesEveryJobStatement(String sql) throws SqlflowParseException {
    assertEquals(StatementKind.SUBMIT, StatementClassifier.classify(sql));
    assertInstanceOf(SubmitStatement.class, parser.parseStatement(sql));
  }

  @Test
  void anErrorAfterSubmitNamesItsPositionInTheWholeText() {
    SqlflowParseException e =
        assertThrows(
            SqlflowParseException.class,
            () -> parser.parseStatement("SUBMIT SELECT 1 TO TRAIN Fake LABLE x INTO m"));
    assertEquals(1, e.line());
    assertEquals(31, e.column(), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SUBMIT|1|7|end of statement",
        "SUBMIT SELECT 1|1|8|\"SELECT\"",
        "SUBMIT SHOW TRAIN m|1|8|\"SHOW\"",
        "SUBMIT SHOW JOBS|1|8|\"SHOW\""
      })
  void submitOfNoJobStatementIsRefusedWithAPosition(String sql, int line, int column, String near) {
    SqlflowParseException e =
        assertThrows(SqlflowParseException.class, () -> parser.parseStatement(sql));
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(
        "Syntax error at line "
            + line
            + ", column "
            + column
            + " near "
            + near
            + ": SUBMIT runs a statement with TO TRAIN, TO PREDICT, TO EVALUATE, TO EXPLAIN,"
            + " TO RUN, TO MAXIMIZE or TO MINIMIZE",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SHOW JOB LOG 12|12|1",
        "show job log 12 from 40;|12|40",
        "Show  Job /* c */ Log 7 FROM 1 -- all|7|1"
      })
  void showJobLogReadsIdAndFirstRow(String sql, long id, long from) throws SqlflowParseException {
    assertEquals(StatementKind.SHOW_JOB_LOG, StatementClassifier.classify(sql));
    assertEquals(new ShowJobLogStatement(id, from), parser.parseStatement(sql));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SHOW JOB 12|10|\"12\"|expected SHOW JOB LOG <job id> [FROM <row>]",
        "SHOW JOB LOG|13|end of statement|expected a job id (SHOW JOBS lists them)",
        "SHOW JOB LOG x|14|\"x\"|expected a job id (SHOW JOBS lists them)",
        "SHOW JOB LOG 3 TO 4|16|\"TO\"|expected FROM <row> or the end of the statement",
        "SHOW JOB LOG 3 FROM|20|end of statement|expected a row number (the first row is 1)",
        "SHOW JOB LOG 3 FROM 0|21|\"0\"|rows are numbered from 1",
        "SHOW JOB LOG 3 FROM 2 x|23|\"x\"|expected the end of the statement",
        "SHOW JOB LOG 99999999999999999999|14|\"99999999999999999999\"|the number is too large"
      })
  void badShowJobLogSaysWhereAndWhat(String sql, int column, String near, String detail) {
    SqlflowParseException e =
        assertThrows(SqlflowParseException.class, () -> parser.parseStatement(sql));
    assertEquals(
        "Syntax error at line 1, column " + column + " near " + near + ": " + detail,
        e.getMessage());
  }

  @Test
  void showJobsStaysItsOwnStatement() {
    assertEquals(StatementKind.SHOW_JOBS, StatementClassifier.classify("SHOW JOBS"));
  }
}
