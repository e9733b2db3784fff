package org.sqlflow.bench.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusFileTest {

  @Test
  void notesAboveAStatementBelongToItAndOnlyToIt() {
    List<CorpusStatement> statements =
        CorpusFile.parse(
            String.join(
                "\n",
                "-- a header comment, not a note",
                "",
                "-- origin: tutorial.md:12",
                "-- needs: db.a, db.b",
                "SELECT * FROM db.a TO TRAIN DNNClassifier LABEL c INTO m;",
                "",
                "-- origin: e2e.go:40",
                "-- expect: error",
                "SELECT 'x;y' FROM db.b -- trailing; comment",
                "  TO PREDICT db.p.c USING m;",
                "CREATE TABLE t (a INT);"));

    assertEquals(3, statements.size());
    CorpusStatement first = statements.get(0);
    assertEquals(1, first.number());
    assertEquals(5, first.line());
    assertEquals("tutorial.md:12", first.origin());
    assertEquals(List.of("db.a", "db.b"), first.needs());
    assertFalse(first.expectsError());
    assertEquals("SELECT * FROM db.a TO TRAIN DNNClassifier LABEL c INTO m", first.sql());

    CorpusStatement second = statements.get(1);
    assertEquals("e2e.go:40", second.origin());
    assertTrue(second.expectsError());
    assertEquals(List.of(), second.needs());
    assertEquals(
        "SELECT 'x;y' FROM db.b -- trailing; comment\n  TO PREDICT db.p.c USING m", second.sql());
    assertTrue(second.isExtended());

    CorpusStatement third = statements.get(2);
    assertEquals("", third.origin());
    assertEquals(11, third.line());
    assertFalse(third.isExtended());
  }

  @Test
  void anUnknownNoteOrExpectationIsRefusedWithItsLine() {
    IllegalArgumentException note =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorpusFile.parse("SELECT 1;\n-- orign: typo\nSELECT 2;"));
    assertEquals("line 2: unknown note 'orign' (origin, needs or expect)", note.getMessage());

    IllegalArgumentException expect =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorpusFile.parse("-- expect: success\nSELECT 1;"));
    assertEquals("line 1: '-- expect:' takes only 'error', got 'success'", expect.getMessage());
  }

  @Test
  void showTrainCountsAsSqlflowsOwn() {
    assertTrue(CorpusFile.parse("SHOW TRAIN m;").get(0).isExtended());
    assertFalse(CorpusFile.parse("SHOW TABLES;").get(0).isExtended());
  }
}
