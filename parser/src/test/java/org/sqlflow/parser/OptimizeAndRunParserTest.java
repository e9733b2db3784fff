package org.sqlflow.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TO MAXIMIZE / TO MINIMIZE and TO RUN as SQLFlow writes them. */
class OptimizeAndRunParserTest {
  static final String WOODCARVING =
      "SELECT * FROM optimize_test_db.woodcarving\n"
          + "TO MAXIMIZE SUM((price - materials_cost - other_cost) * amount)\n"
          + "CONSTRAINT SUM(finishing * amount) <= 100,\n"
          + "           SUM(carpentry * amount) <= 80,\n"
          + "           amount <= max_num\n"
          + "WITH variables=\"amount(product)\",\n"
          + "     var_type=\"NonNegativeIntegers\"\n"
          + "USING glpk\n"
          + "INTO optimize_test_db.woodcarving_result;";

  private final ExtendedSqlParser parser = new ExtendedSqlParser();

  @Test
  void woodcarvingReadsAsSqlflowWroteIt() throws Exception {
    OptimizeStatement s = (OptimizeStatement) parser.parseStatement(WOODCARVING);

    assertEquals("SELECT * FROM optimize_test_db.woodcarving", s.select());
    assertEquals(OptimizeStatement.Sense.MAXIMIZE, s.sense());
    assertEquals("SUM((price - materials_cost - other_cost) * amount)", s.objective().text());
    assertEquals(
        List.of("price", "materials_cost", "other_cost", "amount"),
        s.objective().names().stream().map(OptimizeExpression.Name::name).toList());
    assertEquals(new OptimizeExpression.Name("price", 2, 18), s.objective().names().get(0));
    assertEquals(
        List.of(
            "SUM(finishing * amount) <= 100", "SUM(carpentry * amount) <= 80", "amount <= max_num"),
        s.constraints().stream().map(c -> c.expression().text()).toList());
    assertTrue(s.constraints().stream().allMatch(c -> c.groupBy().isEmpty()));
    assertEquals(
        "amount(product)",
        ((AttributeValue.StringValue) s.attributes().find("variables").orElseThrow()).value());
    assertEquals(Optional.of("glpk"), s.solver());
    assertEquals("optimize_test_db.woodcarving_result", s.into());
  }

  @Test
  void groupedMinimumWithoutUsingAndCommentsInsideExpressions() throws Exception {
    OptimizeStatement s =
        (OptimizeStatement)
            parser.parseStatement(
                "SELECT t.plants, t.markets, t.distance, p.capacity, m.demand FROM transportation_table"
                    + " AS t LEFT JOIN plants_table AS p ON t.plants = p.plants LEFT JOIN markets_table AS"
                    + " m ON t.markets = m.markets TO minimize SUM(shipment * distance /* km */ * 90 /"
                    + " 1000) constraint SUM(shipment) <= capacity GROUP BY plants, SUM(shipment) >="
                    + " demand GROUP BY markets WITH variables = \"shipment(plants,markets)\","
                    + " var_type = \"NonNegativeIntegers\" INTO shipment_result");

    assertEquals(OptimizeStatement.Sense.MINIMIZE, s.sense());
    assertEquals("SUM(shipment * distance * 90 / 1000)", s.objective().text());
    assertEquals(
        List.of(Optional.of("plants"), Optional.of("markets")),
        s.constraints().stream().map(OptimizeStatement.Constraint::groupBy).toList());
    assertEquals(Optional.empty(), s.solver());
  }

  @Test
  void constraintsAreOptional() throws Exception {
    OptimizeStatement s =
        (OptimizeStatement)
            parser.parseStatement(
                "SELECT * FROM w TO MINIMIZE"
                    + " SUM(cost * x) WITH variables = 'x(product)', var_type = Binary INTO r");
    assertEquals(List.of(), s.constraints());
    assertEquals("SUM(cost * x)", s.objective().text());
  }

  @Test
  void functionCallsInAnObjectiveAreRefusedWithTheirPosition() {
    SqlflowParseException e =
        assertThrows(
            SqlflowParseException.class,
            () ->
                parser.parseStatement(
                    "SELECT * FROM w TO MAXIMIZE SUM(amount) +"
                        + " shell('touch /tmp/pwned') WITH variables = \"amount(product)\" INTO r"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "TO MAXIMIZE/MINIMIZE expressions may use numbers,"
                    + " column names, + - * /, parentheses and SUM(...); the function SHELL is not allowed"
                    + " at line 1, column 43"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM w TO MAXIMIZE SUM(a) CONSTRAINT SUM(a) WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(a) CONSTRAINT a < 3 WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(a) <= 3 WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(a) + 'x' WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(DISTINCT a) WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(w.a) WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE (SELECT 1) WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(a) WITH variables = 'a(p)'",
        "SELECT * FROM w TO MAXIMIZE SUM(a) + open('/tmp/x', 'w') WITH variables = 'a(p)' INTO r",
        "SELECT * FROM w TO MAXIMIZE SUM(a) + __import__('os').system('id') WITH v = 'a(p)' INTO r",
      })
  void whatALinearProgramCannotHoldIsASyntaxErrorWithAPosition(String sql) {
    SqlflowParseException e =
        assertThrows(SqlflowParseException.class, () -> parser.parseStatement(sql));
    assertTrue(e.getMessage().matches("(?s).*line 1, column \\d+.*"), e.getMessage());
  }

  @Test
  void toRunParsesWithProgramArgumentsAndTables() throws Exception {
    RunStatement s =
        (RunStatement)
            parser.parseStatement(
                "SELECT * FROM iris.train TO RUN"
                    + " sqlflow/runnable:v0.0.1 CMD \"binning.py\", \"--dbname=iris\","
                    + " \"--columns=sepal_length,sepal_width\" INTO train_binning_result, other.t;");
    assertEquals("SELECT * FROM iris.train", s.select());
    assertEquals("sqlflow/runnable:v0.0.1", s.program());
    assertEquals(
        List.of("binning.py", "--dbname=iris", "--columns=sepal_length,sepal_width"), s.args());
    assertEquals(List.of("train_binning_result", "other.t"), s.into());

    RunStatement bare = (RunStatement) parser.parseStatement("select 1 to run my_program");
    assertEquals("my_program", bare.program());
    assertEquals(List.of(), bare.args());
  }

  @Test
  void theClassifierSendsTheNewClausesToSqlflow() {
    for (String sql :
        List.of(
            "SELECT 1 TO RUN x",
            "SELECT 1 to maximize x WITH a = 1 INTO t",
            "SELECT 1 TO MINIMIZE x INTO t")) {
      assertEquals(StatementKind.EXTENDED, StatementClassifier.classify(sql), sql);
    }
    assertEquals(
        StatementKind.STANDARD,
        StatementClassifier.classify("SELECT 'TO RUN x' AS run, maximize FROM t"));
  }

  @Test
  void aRunProgramIsOneWordWithoutSpaces() {
    SqlflowParseException e =
        assertThrows(
            SqlflowParseException.class,
            () -> parser.parseStatement("SELECT 1 TO RUN sqlflow / runnable"));
    assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        WOODCARVING,
        "SELECT * FROM t TO MINIMIZE SUM(shipment * distance * 90 / 1000) CONSTRAINT SUM(shipment)"
            + " <= capacity GROUP BY plants, SUM(shipment) >= demand GROUP BY `markets` WITH"
            + " variables = \"shipment(plants,markets)\" INTO `r`.s",
        "SELECT * FROM w TO MAXIMIZE -SUM(x) + 3 WITH variables = 'x(p)' USING highs INTO r",
        "SELECT * FROM iris.train TO RUN sqlflow/runnable:v0.0.1 CMD \"a.py\", \"--b=\\\"c\\\"\""
            + " INTO t1, db.t2",
        "SELECT * FROM iris.train TO RUN prog",
      })
  void printedStatementParsesBackToTheSameValue(String sql) throws Exception {
    String printed = parser.parseTree(sql).toSqlflowString();
    ExtendedStatement again = parser.parse(printed);
    ExtendedStatement first = parser.parse(sql);
    assertInstanceOf(first.getClass(), again);
    assertEquals(withoutOriginal(first), withoutOriginal(again), printed);
  }

  private static ExtendedStatement withoutOriginal(ExtendedStatement s) {
    if (s instanceof OptimizeStatement o) {
      return new OptimizeStatement(
          "",
          o.select(),
          o.sense(),
          withoutPositions(o.objective()),
          o.constraints().stream()
              .map(
                  c ->
                      new OptimizeStatement.Constraint(
                          withoutPositions(c.expression()), c.groupBy()))
              .toList(),
          o.attributes(),
          o.solver(),
          o.into());
    }
    RunStatement r = (RunStatement) s;
    return new RunStatement("", r.select(), r.program(), r.args(), r.into());
  }

  /** Printing puts a statement on one line, so names move; what they are stays. */
  private static OptimizeExpression withoutPositions(OptimizeExpression e) {
    return new OptimizeExpression(
        e.text(),
        e.names().stream().map(n -> new OptimizeExpression.Name(n.name(), 0, 0)).toList());
  }
}
