package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScannedSqlTest {

  @Test
  void quotedTextAndCommentsAreSkippedAndDepthIsTracked() {
    ScannedSql scan =
        ScannedSql.scan("SELECT 'a''b', \"c\\\"d\", `e``f` /* x */ FROM (t) -- y\n# z\n;");

    assertEquals(
        List.of("SELECT", "'a''b'", ",", "\"c\\\"d\"", ",", "`e``f`", "FROM", "(", "t", ")", ";"),
        scan.tokens().stream().map(ScannedSql.Token::text).toList());
    assertEquals(1, scan.tokens().get(8).depth());
    assertEquals(0, scan.tokens().get(9).depth());
  }

  @Test
  void doubleDashStartsACommentOnlyWhenFollowedBySpace() {
    assertEquals(
        List.of("SELECT", "1", "-", "-", "1"),
        ScannedSql.scan("SELECT 1--1").tokens().stream().map(ScannedSql.Token::text).toList());
    assertEquals(2, ScannedSql.scan("SELECT 1 --\tTO TRAIN").tokens().size());
  }

  @Test
  void extendedClauseStartIsTheTopLevelToBeforeAnExtendedKeyword() {
    String sql = "SELECT (SELECT 1 TO TRAIN) FROM t TO /* c */ predict a.b USING m";
    assertEquals(OptionalInt.of(sql.lastIndexOf("TO")), ScannedSql.scan(sql).extendedClauseStart());
    assertEquals(OptionalInt.empty(), ScannedSql.scan("SELECT 'TO TRAIN'").extendedClauseStart());
  }

  @Test
  void textForParserBlanksHashCommentsAndTrailingSemicolonsKeepingPositions() {
    String sql = "SELECT 1 # note\nTO TRAIN m INTO n ;;";
    String text = ScannedSql.scan(sql).textForParser();

    assertEquals("SELECT 1       \nTO TRAIN m INTO n   ", text);
    assertEquals(sql.length(), text.length());
  }

  @Test
  void originalDropsSurroundingCommentsAndSemicolons() {
    ScannedSql scan = ScannedSql.scan(" -- lead\n SELECT 1 ; -- trail");
    assertEquals("SELECT 1", scan.original());
    assertEquals(10, scan.start());
    assertEquals(18, scan.end());
  }

  @Test
  void unterminatedQuoteIsTheLastToken() {
    ScannedSql open = ScannedSql.scan("SELECT 'abc\\' FROM t");
    assertTrue(open.unterminatedQuote().isPresent());
    assertEquals("'abc\\' FROM t", open.unterminatedQuote().get().text());
    assertFalse(ScannedSql.scan("SELECT 'abc\\\\' FROM t").unterminatedQuote().isPresent());
  }
}
