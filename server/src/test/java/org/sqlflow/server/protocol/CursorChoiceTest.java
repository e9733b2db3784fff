package org.sqlflow.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorChoiceTest {
  /** The fetch sizes a statement was given, in order. */
  private final List<Integer> fetchSizes = new ArrayList<>();

  private final Statement statement =
      (Statement)
          Proxy.newProxyInstance(
              Statement.class.getClassLoader(),
              new Class<?>[] {Statement.class},
              (proxy, method, args) -> {
                if (method.getName().equals("setFetchSize")) {
                  fetchSizes.add((Integer) args[0]);
                  return null;
                }
                throw new UnsupportedOperationException(method.getName());
              });

  @Test
  void sqlStreamsAfterAResultThatEndedInItsFirstFrameAndNotAfterALargeOne() throws Exception {
    CursorChoice choice = new CursorChoice(1000);
    String point = "SELECT name FROM t WHERE id = ?";

    assertFalse(choice.beforeExecute(point, statement, 0), "nothing known yet: cursor");
    choice.afterFirstFrame(point, true);
    assertTrue(choice.beforeExecute(point, statement, 0), "small last time: streams");
    assertFalse(choice.beforeExecute("SELECT * FROM t", statement, 0), "other SQL: cursor");
    choice.afterFirstFrame(point, false);
    assertFalse(choice.beforeExecute(point, statement, 0), "large last time: cursor again");

    assertEquals(List.of(1000, Integer.MIN_VALUE, 1000, 1000), fetchSizes);
  }

  @Test
  void aClientRowCapAtOrBelowTheLimitStreamsFromTheFirstExecution() throws Exception {
    CursorChoice choice = new CursorChoice(250);

    assertTrue(choice.beforeExecute("a", statement, 1));
    assertTrue(choice.beforeExecute("b", statement, CursorChoice.SMALL_MAX_ROWS));
    assertFalse(choice.beforeExecute("c", statement, CursorChoice.SMALL_MAX_ROWS + 1));
    assertFalse(choice.beforeExecute("d", statement, -1), "no cap");

    assertEquals(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE, 250, 250), fetchSizes);
  }

  @Test
  void theLeastRecentlyExecutedSqlIsForgottenFirstAndLongSqlIsNotRemembered() throws Exception {
    CursorChoice choice = new CursorChoice(1000);
    choice.afterFirstFrame("SELECT 0", true);
    for (int i = 1; i < CursorChoice.REMEMBERED; i++) {
      choice.afterFirstFrame("SELECT " + i, true);
    }
    assertTrue(choice.beforeExecute("SELECT 0", statement, 0), "used again: now the newest");
    choice.afterFirstFrame("SELECT " + CursorChoice.REMEMBERED, true);
    assertTrue(choice.beforeExecute("SELECT 0", statement, 0));
    assertFalse(choice.beforeExecute("SELECT 1", statement, 0), "the oldest, forgotten");

    String longSql = "SELECT 1" + " ".repeat(CursorChoice.LONGEST_REMEMBERED);
    choice.afterFirstFrame(longSql, true);
    assertFalse(choice.beforeExecute(longSql, statement, 0));
  }

  @Test
  void withoutCursorFetchTheStatementIsLeftAsTheDatabaseUrlSetIt() throws Exception {
    CursorChoice choice = new CursorChoice(0);
    choice.afterFirstFrame("SELECT 1", true);

    assertFalse(choice.beforeExecute("SELECT 1", statement, 5));
    assertEquals(List.of(), fetchSizes);
  }
}
