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
  void aStatementStreamsAfterAResultThatEndedInItsFirstFrameAndNotAfterALargeOne()
      throws Exception {
    CursorChoice choice = new CursorChoice(1000);

    assertFalse(choice.beforeExecute(7, statement, 0), "nothing known yet: cursor");
    choice.afterFirstFrame(7, true);
    assertTrue(choice.beforeExecute(7, statement, 0), "small last time: streams");
    assertFalse(choice.beforeExecute(8, statement, 0), "another statement knows nothing yet");
    choice.afterFirstFrame(7, false);
    assertFalse(choice.beforeExecute(7, statement, 0), "large last time: cursor again");

    assertEquals(List.of(1000, Integer.MIN_VALUE, 1000, 1000), fetchSizes);
  }

  @Test
  void aClientRowCapAtOrBelowTheLimitStreamsFromTheFirstExecution() throws Exception {
    CursorChoice choice = new CursorChoice(250);

    assertTrue(choice.beforeExecute(1, statement, 1));
    assertTrue(choice.beforeExecute(2, statement, CursorChoice.SMALL_MAX_ROWS));
    assertFalse(choice.beforeExecute(3, statement, CursorChoice.SMALL_MAX_ROWS + 1));
    assertFalse(choice.beforeExecute(4, statement, -1), "no cap");

    assertEquals(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE, 250, 250), fetchSizes);
  }

  @Test
  void aClosedStatementsHistoryIsForgotten() throws Exception {
    CursorChoice choice = new CursorChoice(1000);
    choice.afterFirstFrame(3, true);
    choice.forget(3);

    assertFalse(choice.beforeExecute(3, statement, 0));
  }

  @Test
  void withoutCursorFetchTheStatementIsLeftAsTheDatabaseUrlSetIt() throws Exception {
    CursorChoice choice = new CursorChoice(0);
    choice.afterFirstFrame(1, true);

    assertFalse(choice.beforeExecute(1, statement, 5));
    assertEquals(List.of(), fetchSizes);
  }
}
