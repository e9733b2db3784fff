package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {

  static Stream<Arguments> statements() {
    return Stream.of(
        // extended: a top-level TO <keyword>, any case, comments between the words
        extended("SELECT * FROM iris.train TO TRAIN DNNClassifier LABEL class INTO m;"),
        extended("select * from t to train m into n"),
        extended("SELECT * FROM t TO\n  -- why\n  TRAIN m INTO n"),
        extended("SELECT * FROM t TO /* c */ PREDICT a.b USING m"),
        extended("SELECT * FROM iris.test TO EVALUATE m LABEL class INTO e"),
        extended("SELECT * FROM iris.test TO EXPLAIN sqlflow_models.my_dnn;"),
        extended("(SELECT 1) TO TRAIN m INTO n"),
        extended("SELECT 'a' FROM t TO TRAIN m INTO n"),
        extended("TO TRAIN x INTO y"),
        extended("SHOW TRAIN sqlflow_models.my_dnn;"),
        extended("  show   train m"),
        // standard: the words inside strings, identifiers or comments, or not at top level
        standard("SELECT 'to train' FROM t"),
        standard("SELECT \"to train\" FROM t"),
        standard("SELECT `to train` FROM t"),
        standard("SELECT * FROM to_train"),
        standard("SELECT 1 -- TO TRAIN x"),
        standard("SELECT 1 # TO TRAIN x"),
        standard("SELECT 1 /* TO TRAIN x */"),
        standard("SELECT 'it\\'s TO TRAIN' FROM t"),
        standard("SELECT 'it''s TO TRAIN' FROM t"),
        standard("SELECT \"a\\\" TO TRAIN\" FROM t"),
        standard("SELECT * FROM t WHERE a IN (SELECT b FROM u TO TRAIN m INTO n)"),
        standard("SELECT * FROM t TO TRAINING"),
        standard("SELECT `to` train FROM t"),
        standard("SHOW TABLES"),
        standard("SHOW JOBS now"),
        standard("INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1"),
        standard("USE iris"),
        standard("CREATE TABLE t (a INT, b VARCHAR(10))"),
        standard("GRANT ALL ON iris.* TO train"),
        standard("RENAME TABLE a TO train"),
        standard("DESCRIBE iris.train"),
        standard(""),
        Arguments.of("SHOW JOBS", StatementKind.SHOW_JOBS),
        Arguments.of("/* list */ show jobs; -- all", StatementKind.SHOW_JOBS),
        Arguments.of("KILL JOB 12", StatementKind.KILL_JOB),
        Arguments.of("kill job 7;", StatementKind.KILL_JOB),
        Arguments.of("KILL JOB abc", StatementKind.KILL_JOB));
  }

  private static Arguments extended(String sql) {
    return Arguments.of(sql, StatementKind.EXTENDED);
  }

  private static Arguments standard(String sql) {
    return Arguments.of(sql, StatementKind.STANDARD);
  }

  @ParameterizedTest
  @MethodSource("statements")
  void classifiesByTopLevelKeywordsOutsideQuotesAndComments(String sql, StatementKind kind) {
    assertEquals(kind, StatementClassifier.classify(sql));
  }

  @ParameterizedTest
  @ValueSource(strings = {"KILL JOB 12", "kill  job 12 ;", "KILL JOB 12 -- stop it"})
  void readsTheJobNumberOfKillJob(String sql) {
    assertEquals(new KillJobStatement(12L, false, false), StatementClassifier.parseKillJob(sql));
  }

  @Test
  void readsTheDriversCancelForAStatement() {
    assertEquals(
        new KillJobStatement(7L, true, false),
        StatementClassifier.parseKillJob("KILL JOB FOR STATEMENT 7"));
    assertEquals(
        new KillJobStatement(7L, true, true),
        StatementClassifier.parseKillJob("kill job for statement 7 timeout;"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "KILL JOB",
        "KILL JOB x",
        "KILL JOB 1 2",
        "KILL JOB -1",
        "KILL JOB '3'",
        "KILL 12",
        "KILL JOB 99999999999999999999",
        "KILL JOB 12 TIMEOUT",
        "KILL JOB FOR STATEMENT",
        "KILL JOB FOR STATEMENT 7 NOW",
        "KILL JOB FOR 7"
      })
  void rejectsKillJobWithoutAJobNumber(String sql) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StatementClassifier.parseKillJob(sql));
    assertEquals("KILL JOB expects a job number, e.g. KILL JOB 12", e.getMessage());
  }
}
