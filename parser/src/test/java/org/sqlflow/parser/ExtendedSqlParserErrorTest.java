package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtendedSqlParserErrorTest {
  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  static Stream<Arguments> invalidStatements() {
    return Stream.of(
        error(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier WITH a = 1 LABLE class INTO m",
            1,
            60,
            "Syntax error at line 1, column 60 near \"LABLE\": expected COLUMN, LABEL, USING,"
                + " INTO or \",\""),
        error(
            "SELECT * FROM iris.train TO TRAIN DNNClassifier COLUMN a LABLE class INTO m",
            1,
            58,
            "Syntax error at line 1, column 58 near \"LABLE\": expected COLUMN, FOR, LABEL,"
                + " USING, INTO, \".\", ..."),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = 1 LABEL x",
            1,
            46,
            "Syntax error at line 1, column 46 near end of statement: expected USING, INTO or"
                + " \".\""),
        error(
            "SELECT * FROM t TO EVALUATE m INTO n",
            1,
            31,
            "Syntax error at line 1, column 31 near \"INTO\": expected WITH, LABEL or \".\""),
        error(
            "TO TRAIN x INTO y",
            1,
            1,
            "Syntax error at line 1, column 1 near \"TO\": expected a SELECT before TO TRAIN"),
        error(
            "\n  to predict a.b using m",
            2,
            3,
            "Syntax error at line 2, column 3 near \"to\": expected a SELECT before TO PREDICT"),
        error(
            "SELECT * FROM t;",
            1,
            16,
            "Syntax error at line 1, column 16 near end of statement: expected TO TRAIN,"
                + " TO PREDICT, TO EVALUATE, TO EXPLAIN, TO MAXIMIZE, TO MINIMIZE or TO RUN"),
        error(
            "SELECT * FROM t TO TRAN x",
            1,
            20,
            "Syntax error at line 1, column 20 near \"TRAN\": expected TRAIN, PREDICT, EVALUATE,"
                + " EXPLAIN, MAXIMIZE, MINIMIZE, ..."),
        error(
            "SELECT * FROM t TO TRAIN",
            1,
            25,
            "Syntax error at line 1, column 25 near end of statement: expected an identifier"),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = INTO n",
            1,
            37,
            "Syntax error at line 1, column 37 near \"INTO\": expected a number, a string, an"
                + " identifier, FALSE, TRUE, \"[\", ..."),
        error(
            "SELECT * FROM t TO TRAIN m WITH a 1 INTO n",
            1,
            35,
            "Syntax error at line 1, column 35 near \"1\": expected \".\" or \"=\""),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = [1, 2 INTO n",
            1,
            43,
            "Syntax error at line 1, column 43 near \"INTO\": expected \"]\" or \",\""),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = 1, INTO n",
            1,
            40,
            "Syntax error at line 1, column 40 near \"INTO\": expected an identifier"),
        error(
            "SELECT * FROM t TO TRAIN m LABEL INTO n",
            1,
            34,
            "Syntax error at line 1, column 34 near \"INTO\": expected a string or an"
                + " identifier"),
        error(
            "SELECT * FROM t TO TRAIN m COLUMN INTO n",
            1,
            35,
            "Syntax error at line 1, column 35 near \"INTO\": expected an identifier or \"*\""),
        error(
            "SELECT * FROM t TO TRAIN m COLUMN DENSE(x, 4 INTO n",
            1,
            46,
            "Syntax error at line 1, column 46 near \"INTO\": expected \")\" or \",\""),
        error(
            "SELECT * FROM t TO TRAIN m COLUMN x FOR INTO n",
            1,
            41,
            "Syntax error at line 1, column 41 near \"INTO\": expected an identifier"),
        error(
            "SELECT * FROM t TO TRAIN m INTO n extra",
            1,
            35,
            "Syntax error at line 1, column 35 near \"extra\": expected \".\" or end of"
                + " statement"),
        error(
            "SHOW TRAIN",
            1,
            11,
            "Syntax error at line 1, column 11 near end of statement: expected an identifier"),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = 1 ! INTO n",
            1,
            39,
            "Syntax error at line 1, column 39 near \"!\": unexpected character"),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = 'x INTO n",
            1,
            37,
            "Syntax error at line 1, column 37 near \"'x INTO n\": unterminated string"),
        error(
            "SELECT * FROM t TO TRAIN m INTO `n",
            1,
            33,
            "Syntax error at line 1, column 33 near \"`n\": unterminated quoted identifier"),
        error(
            "SELECT * FROM t TO TRAIN m WITH a = 1, a = 2 INTO n",
            1,
            40,
            "Duplicate attribute a at line 1, column 40"),
        error(
            "SELECT * FROM t TO TRAIN m COLUMN a, b FOR x COLUMN c FOR x INTO n",
            1,
            59,
            "Duplicate COLUMN clause for x at line 1, column 59"),
        error(
            "SELECT * FROM t TO TRAIN m COLUMN a COLUMN c INTO n",
            1,
            37,
            "Duplicate COLUMN clause for feature_columns at line 1, column 37"),
        error(
            "SELECT * FROM t TO PREDICT a.b.c.d USING m",
            1,
            28,
            "TO PREDICT takes database.table.column, table.column or a bare table (the column is"
                + " then named after the model's label); got a.b.c.d at line 1, column 28"),
        error(
            "",
            1,
            1,
            "Empty statement: expected a SELECT followed by TO TRAIN, TO PREDICT, TO EVALUATE,"
                + " TO EXPLAIN, TO MAXIMIZE, TO MINIMIZE or TO RUN, or SHOW TRAIN"),
        // a SELECT only MySQL understands: the clause is parsed alone, positions stay whole
        error(
            "SELECT * FROM t USE INDEX (i)\nTO TRAIN m COLUMN a LABLE c INTO n",
            2,
            21,
            "Syntax error at line 2, column 21 near \"LABLE\": expected COLUMN, FOR, LABEL,"
                + " USING, INTO, \".\", ..."),
        error(
            "SELECT \"a\" FROM t\r\nTO TRAIN m WITH x.y = 1,\r\n  x.y = [2] INTO n",
            3,
            3,
            "Duplicate attribute x.y at line 3, column 3"),
        error(
            "SELECT * FROM t USE INDEX (i) TO TRAIN m COLUMN EMBEDDING(a) INTO n",
            1,
            49,
            "EMBEDDING expects 2 or 3 arguments, got 1 at line 1, column 49"));
  }

  private static Arguments error(String sql, int line, int column, String message) {
    return Arguments.of(sql, line, column, message);
  }

  @ParameterizedTest
  @MethodSource("invalidStatements")
  void reportsWhatWentWrongAndWhere(String sql, int line, int column, String message) {
    SqlflowParseException e = assertThrows(SqlflowParseException.class, () -> parser.parse(sql));
    assertEquals(message, e.getMessage());
    assertEquals(line, e.line());
    assertEquals(column, e.column());
  }

  @Test
  void doesNotPassThroughASelectAfterAnotherStatement() {
    SqlflowParseException e =
        assertThrows(
            SqlflowParseException.class,
            () -> parser.parse("SELECT 1; SELECT * FROM t USE INDEX (i) TO TRAIN m INTO n"));
    assertTrue(
        e.getMessage().startsWith("Syntax error at line 1, column 9 near \";\": expected TO,"),
        e.getMessage());
  }

  @Test
  void messagesAreAtMostTwoLines() {
    invalidStatements()
        .forEach(
            args -> {
              String sql = (String) args.get()[0];
              SqlflowParseException e =
                  assertThrows(SqlflowParseException.class, () -> parser.parse(sql));
              assertTrue(e.getMessage().lines().count() <= 2, e.getMessage());
            });
  }
}
