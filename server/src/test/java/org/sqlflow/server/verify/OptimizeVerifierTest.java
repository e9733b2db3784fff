package org.sqlflow.server.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlflow.parser.ExtendedSqlParser;
import org.sqlflow.parser.OptimizeStatement;
import org.sqlflow.server.codegen.ProgramGenerator;
import org.sqlflow.server.codegen.PythonChecks;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;
import org.sqlflow.server.model.H2Source;

/** TO MAXIMIZE / TO MINIMIZE: what the verifier accepts and refuses, and the program it feeds. */
class OptimizeVerifierTest {
  private static final String SELECT = "SELECT * FROM w.carving";
  private final ExtendedSqlParser parser = new ExtendedSqlParser();
  private final OptimizeVerifier verifier = new OptimizeVerifier(new SelectSampler(100));
  private H2Source db;

  @BeforeEach
  void open() throws Exception {
    db = new H2Source();
    db.execute(
        "CREATE SCHEMA w",
        "CREATE TABLE w.carving (product VARCHAR(20), price BIGINT, finishing BIGINT,"
            + " max_num BIGINT)",
        "INSERT INTO w.carving VALUES ('soldier', 3, 2, 40), ('train', 2, 1, 10000)",
        "CREATE TABLE w.empty_one (product VARCHAR(20), price BIGINT)");
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private OptimizationPlan verify(String clause) throws Exception {
    return verifier.verify((OptimizeStatement) parser.parseStatement(SELECT + " " + clause), db);
  }

  private SqlflowException refused(String clause) {
    return assertThrows(SqlflowException.class, () -> verify(clause));
  }

  @Test
  void planCarriesVariablesTypeSolverAndIndexColumns() throws Exception {
    OptimizationPlan plan =
        verify(
            "TO MAXIMIZE SUM(PRICE * Amount) CONSTRAINT"
                + " SUM(finishing * amount) <= 100, amount <= max_num WITH variables = 'amount(Product)',"
                + " var_type = binary USING GLPK INTO r");
    assertEquals("amount(Product)", plan.variables());
    assertEquals("Binary", plan.varType());
    assertEquals(Optional.of("glpk"), plan.solver());
    assertEquals(List.of("product"), plan.indexColumns().stream().map(c -> c.name()).toList());
    assertTrue(plan.integerValues());
  }

  @Test
  void defaultsAreNonNegativeIntegersAndTheRuntimesSolver() throws Exception {
    OptimizationPlan plan =
        verify("TO MINIMIZE SUM(price * x) WITH variables = \"x(product)\"" + " INTO r");
    assertEquals("NonNegativeIntegers", plan.varType());
    assertEquals(Optional.empty(), plan.solver());
  }

  @Test
  void refusalsSayWhatToFix() {
    assertEquals(
        "unknown column 'cost' in the objective at line 1, column 45 (neither a column"
            + " of the SELECT nor the variable 'x'); the SELECT has product, price, finishing, max_num",
        refused("TO MAXIMIZE SUM(x * cost) WITH variables = 'x(product)' INTO r").getMessage());
    assertEquals(
        ErrorCode.UNKNOWN_COLUMN,
        refused(
                "TO MAXIMIZE SUM(x) CONSTRAINT SUM(x) <= 3"
                    + " GROUP BY plant WITH variables = 'x(product)' INTO r")
            .code());
    assertTrue(
        refused("TO MAXIMIZE SUM(price) WITH variables = 'x(product)' INTO r")
            .getMessage()
            .contains("does not use the variable 'x'"));
    assertTrue(
        refused("TO MAXIMIZE SUM(x) INTO r")
            .getMessage()
            .startsWith("TO MAXIMIZE needs WITH variables"));
    assertTrue(
        refused("TO MAXIMIZE SUM(x) WITH variables = 'x product' INTO r")
            .getMessage()
            .startsWith("variables must look like"));
    assertEquals(
        "unknown attribute 'var_typ' for TO MAXIMIZE; did you mean 'var_type'? valid:"
            + " variables, var_type, solver",
        refused("TO MAXIMIZE SUM(x) WITH variables =" + " 'x(product)', var_typ = Binary INTO r")
            .getMessage());
    assertTrue(
        refused("TO MAXIMIZE SUM(x) WITH variables = 'x(product)', var_type = 3 INTO r")
            .getMessage()
            .startsWith("var_type must be one of Binary, Integers"));
    assertTrue(
        refused("TO MAXIMIZE SUM(x) WITH variables = 'x(product)' USING ipopt INTO r")
            .getMessage()
            .startsWith("solver 'ipopt' is not available; supported: glpk, highs"));
    assertTrue(
        refused(
                "TO MAXIMIZE SUM(x) WITH variables = 'x(product)', solver = highs"
                    + " USING glpk INTO r")
            .getMessage()
            .contains("name different solvers"));
    assertEquals(
        ErrorCode.INVALID_NAME,
        refused("TO MAXIMIZE SUM(x) WITH variables =" + " 'x(product)' INTO a.b.c").code());
  }

  @Test
  void anEmptySelectIsRefused() {
    SqlflowException e =
        assertThrows(
            SqlflowException.class,
            () ->
                verifier.verify(
                    (OptimizeStatement)
                        parser.parseStatement(
                            "SELECT * FROM w.empty_one TO MAXIMIZE"
                                + " SUM(price * x) WITH variables = 'x(product)' INTO r"),
                    db));
    assertEquals(ErrorCode.EMPTY_DATA, e.code());
  }

  @Test
  void programHoldsTheExpressionsAsWrittenInLiterals(@TempDir Path dir) throws Exception {
    String program =
        new ProgramGenerator()
            .optimize(
                verify(
                    "TO MAXIMIZE SUM(price * x)"
                        + " CONSTRAINT SUM(finishing * x) <= 100 /* \"\"\" */, x <= `max_num` GROUP BY product"
                        + " WITH variables = 'x(product)', var_type = Reals INTO r"));
    assertTrue(
        program.contains(
            "SENSE = \"maximize\"\nOBJECTIVE = \"SUM(price * x)\"\n"
                + "CONSTRAINTS = [{\"expression\": \"SUM(finishing * x) <= 100\", \"group_by\": None},"
                + " {\"expression\": \"x <= `max_num`\", \"group_by\": \"product\"}]\n"
                + "VARIABLES = \"x(product)\"\nVAR_TYPE = \"Reals\"\nSOLVER = None\n"),
        program);
    assertTrue(program.contains("data = feed.read(\"optimize\")\n"), program);
    assertTrue(program.contains("SOLVER, \"optimize.result\")"), program);
    assertEquals(
        "SENSE OBJECTIVE CONSTRAINTS VARIABLES VAR_TYPE SOLVER",
        PythonChecks.checkLiteralSection(PythonChecks.write(dir, "optimize.py", program)));
  }
}
