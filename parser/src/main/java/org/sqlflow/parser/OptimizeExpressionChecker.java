package org.sqlflow.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.sqlflow.parser.ast.SqlOptimizeExpression;

/**
 * Checks the objective and constraints of TO MAXIMIZE / TO MINIMIZE before anything runs: only
 * numbers, column or variable names, + - * /, parentheses and SUM(...) (and in a constraint one
 * comparison, {@code <=}, {@code >=} or {@code =}, at the top), each refusal with its position. The
 * runtime parses the text again by the same rules (docs/ml-contract.md §7); this check gives the
 * user the position before a job starts.
 */
final class OptimizeExpressionChecker {
  private static final Set<SqlKind> ARITHMETIC =
      Set.of(
          SqlKind.PLUS,
          SqlKind.MINUS,
          SqlKind.TIMES,
          SqlKind.DIVIDE,
          SqlKind.MINUS_PREFIX,
          SqlKind.PLUS_PREFIX);
  private static final Set<SqlKind> COMPARISONS =
      Set.of(SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.EQUALS);
  private static final String ALLOWED = "numbers, column names, + - * /, parentheses and SUM(...)";

  OptimizeExpression objective(SqlOptimizeExpression node) throws SqlflowParseException {
    List<OptimizeExpression.Name> names = new ArrayList<>();
    check(node.expression(), names);
    return new OptimizeExpression(node.text(), names);
  }

  OptimizeExpression constraint(SqlOptimizeExpression node) throws SqlflowParseException {
    SqlNode expression = node.expression();
    if (!COMPARISONS.contains(expression.getKind())) {
      throw ParseErrors.at(
          "A constraint compares two sides with <=, >= or =, e.g."
              + " SUM(finishing * amount) <= 100; got "
              + node.text(),
          node.getParserPosition());
    }
    List<OptimizeExpression.Name> names = new ArrayList<>();
    for (SqlNode side : ((SqlCall) expression).getOperandList()) {
      check(side, names);
    }
    return new OptimizeExpression(node.text(), names);
  }

  private void check(SqlNode node, List<OptimizeExpression.Name> names)
      throws SqlflowParseException {
    if (node instanceof SqlNumericLiteral) {
      return;
    }
    if (node instanceof SqlIdentifier id) {
      if (id.isStar() || id.names.size() != 1) {
        throw refused("the name " + id, node.getParserPosition());
      }
      SqlParserPos pos = id.getParserPosition();
      names.add(new OptimizeExpression.Name(id.getSimple(), pos.getLineNum(), pos.getColumnNum()));
      return;
    }
    if (node instanceof SqlBasicCall call && ARITHMETIC.contains(call.getKind())) {
      for (SqlNode operand : call.getOperandList()) {
        check(operand, names);
      }
      return;
    }
    if (node instanceof SqlBasicCall call && isSum(call)) {
      check(call.operand(0), names);
      return;
    }
    throw refused(describe(node), node.getParserPosition());
  }

  private static boolean isSum(SqlBasicCall call) {
    return call.getOperator().getName().equalsIgnoreCase("SUM")
        && call.operandCount() == 1
        && call.getFunctionQuantifier() == null;
  }

  private static String describe(SqlNode node) {
    if (node instanceof SqlCharStringLiteral) {
      return "a string";
    }
    if (node instanceof SqlCall call) {
      String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
      if (COMPARISONS.contains(call.getKind())) {
        return "a comparison (" + name + ") inside an expression";
      }
      return call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION
              || call.getOperator().getSyntax() == org.apache.calcite.sql.SqlSyntax.FUNCTION_STAR
          ? "the function " + name
          : "the operator " + name;
    }
    return node.toString();
  }

  private static SqlflowParseException refused(String what, SqlParserPos pos) {
    return ParseErrors.at(
        "TO MAXIMIZE/MINIMIZE expressions may use " + ALLOWED + "; " + what + " is not allowed",
        pos);
  }
}
