package org.sqlflow.parser;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.sqlflow.parser.ast.SqlFeatureCall;

/**
 * Checks the feature-column calls of a COLUMN clause against {@link FeatureFunctions}: known
 * function names, argument counts and argument kinds, nested calls included. Errors name the
 * function and the argument and give the position, e.g. {@code EMBEDDING expects 2 or 3 arguments,
 * got 1 at line 1, column 70}.
 */
final class FeatureColumnChecker {

  /** Checks one COLUMN expression (a column, {@code *} or a call) and every call inside it. */
  void check(SqlNode expression) throws SqlflowParseException {
    if (expression instanceof SqlFeatureCall call) {
      checkCall(call);
    } else if (expression instanceof SqlNodeList list) {
      for (SqlNode item : list) {
        check(item);
      }
    }
  }

  private void checkCall(SqlFeatureCall call) throws SqlflowParseException {
    Optional<FeatureFunction> found = FeatureFunctions.find(call.function());
    if (found.isEmpty()) {
      throw ParseErrors.at(
          "Unknown feature column function " + call.function(),
          call.getParserPosition(),
          "Known functions: " + String.join(", ", FeatureFunctions.names()));
    }
    FeatureFunction function = found.get();
    int given = call.args().size();
    if (!function.acceptsArgumentCount(given)) {
      throw ParseErrors.at(function.arityError(given), call.getParserPosition());
    }
    for (int i = 0; i < given; i++) {
      SqlNode arg = call.args().get(i);
      FeatureFunction.Parameter param = function.parameters().get(i);
      if (!param.kind().accepts(arg)) {
        throw ParseErrors.at(
            call.function()
                + " argument "
                + (i + 1)
                + " ("
                + param.name()
                + ") must be "
                + param.kind().description(),
            arg.getParserPosition());
      }
      if (FeatureArgument.isPattern(arg) && param.kind() != FeatureArgument.NAME_OR_STRING) {
        checkPattern(call, i, (SqlCharStringLiteral) arg);
      }
      check(arg);
    }
  }

  /** A column-name pattern must be a regular expression that compiles. */
  private static void checkPattern(SqlFeatureCall call, int index, SqlCharStringLiteral arg)
      throws SqlflowParseException {
    String pattern = arg.getValueAs(String.class);
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw ParseErrors.at(
          call.function()
              + " argument "
              + (index + 1)
              + ": invalid column"
              + " pattern \""
              + pattern
              + "\" ("
              + e.getDescription()
              + ")",
          arg.getParserPosition());
    }
  }
}
