package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.OptimizeExpression;
import org.sqlflow.parser.OptimizeStatement;
import org.sqlflow.server.db.ConnectionSource;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.Tables;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * Checks TO MAXIMIZE / TO MINIMIZE against the SELECT before anything runs: its attributes ({@code
 * variables}, {@code var_type}, {@code solver}), and that every name in the objective, the
 * constraints, GROUP BY and {@code variables} is a column of the SELECT or the variable, naming the
 * position of the first that is not. Column names match as MySQL's do, in any case.
 */
public final class OptimizeVerifier {
  /** The runtime's variable types (docs/ml-contract.md §7), as SQLFlow (Pyomo) names them. */
  public static final List<String> VARIABLE_TYPES =
      List.of(
          "Binary",
          "Integers",
          "PositiveIntegers",
          "NegativeIntegers",
          "NonPositiveIntegers",
          "NonNegativeIntegers",
          "Reals",
          "PositiveReals",
          "NegativeReals",
          "NonPositiveReals",
          "NonNegativeReals");

  /** Ours: every SQLFlow example wrote it, and it keeps a plan of amounts bounded below. */
  static final String DEFAULT_VARIABLE_TYPE = "NonNegativeIntegers";

  /** Linear and mixed-integer solvers the runtime has: HiGHS, also under SQLFlow's name glpk. */
  public static final List<String> SOLVERS = List.of("glpk", "highs");

  private static final List<String> ATTRIBUTES = List.of("variables", "var_type", "solver");
  private static final Pattern VARIABLES =
      Pattern.compile(
          "\\s*([A-Za-z_]\\w*)\\s*\\(\\s*([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*\\)\\s*");

  private final SelectSampler sampler;

  public OptimizeVerifier(SelectSampler sampler) {
    this.sampler = requireNonNull(sampler, "sampler");
  }

  public OptimizationPlan verify(OptimizeStatement statement, ConnectionSource db)
      throws SqlflowException {
    String what = "TO " + statement.sense();
    Map<String, AttributeValue> written = statement.attributes().values();
    for (String key : written.keySet()) {
      if (!ATTRIBUTES.contains(key)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "unknown attribute '"
                + key
                + "' for "
                + what
                + "; "
                + NearestName.of(key, ATTRIBUTES).map(n -> "did you mean '" + n + "'? ").orElse("")
                + "valid: "
                + String.join(", ", ATTRIBUTES));
      }
    }
    String variables =
        text(written.get("variables"))
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.INVALID_ATTRIBUTE,
                        what
                            + " needs WITH variables = \"<name>(<column>, ...)\","
                            + " e.g. variables = \"amount(product)\": one variable per selected row"));
    Matcher matcher = VARIABLES.matcher(variables);
    if (!matcher.matches()) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "variables must look like"
              + " \"amount(product)\" or \"shipment(plants, markets)\", got \""
              + variables
              + "\"");
    }
    String varType = varType(written.get("var_type"));
    Optional<String> solver = solver(statement.solver(), written.get("solver"));
    Tables.parseName(statement.into());

    SelectSample sample = sampler.sample(db, statement.select(), "the SELECT");
    if (sample.rows().isEmpty()) {
      throw new SqlflowException(ErrorCode.EMPTY_DATA, "the SELECT returned no rows");
    }
    String variable = matcher.group(1);
    List<SourceColumn> index = new ArrayList<>();
    for (String name : matcher.group(2).split(",")) {
      index.add(
          column(sample, name.trim())
              .orElseThrow(
                  () ->
                      unknown(
                          sample,
                          "column '" + name.trim() + "' of variables = \"" + variables + "\"")));
    }
    checkNames(sample, variable, statement.objective(), "the objective");
    for (int i = 0; i < statement.constraints().size(); i++) {
      OptimizeStatement.Constraint constraint = statement.constraints().get(i);
      String where = "constraint " + (i + 1);
      checkNames(sample, variable, constraint.expression(), where);
      if (constraint.groupBy().isPresent()) {
        String group = constraint.groupBy().get();
        if (column(sample, group).isEmpty()) {
          throw unknown(sample, "GROUP BY column '" + group + "' of " + where);
        }
      }
    }
    if (statement.objective().names().stream()
        .noneMatch(n -> n.name().equalsIgnoreCase(variable))) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "the objective "
              + statement.objective().text()
              + " does not use the variable '"
              + variable
              + "'");
    }
    return new OptimizationPlan(statement, variables, varType, solver, index);
  }

  private static void checkNames(
      SelectSample sample, String variable, OptimizeExpression expression, String where)
      throws SqlflowException {
    for (OptimizeExpression.Name name : expression.names()) {
      if (!name.name().equalsIgnoreCase(variable) && column(sample, name.name()).isEmpty()) {
        throw unknown(
            sample,
            "column '"
                + name.name()
                + "' in "
                + where
                + " "
                + name.where()
                + " (neither a column of the SELECT nor the variable '"
                + variable
                + "')");
      }
    }
  }

  private static Optional<SourceColumn> column(SelectSample sample, String name) {
    return sample.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  private static SqlflowException unknown(SelectSample sample, String what) {
    return new SqlflowException(
        ErrorCode.UNKNOWN_COLUMN,
        "unknown "
            + what
            + "; the SELECT has "
            + String.join(", ", sample.columns().stream().map(SourceColumn::name).toList()));
  }

  private static String varType(AttributeValue value) throws SqlflowException {
    if (value == null) {
      return DEFAULT_VARIABLE_TYPE;
    }
    Optional<String> written = text(value);
    Optional<String> known =
        written.flatMap(
            w -> VARIABLE_TYPES.stream().filter(t -> t.equalsIgnoreCase(w)).findFirst());
    return known.orElseThrow(
        () ->
            new SqlflowException(
                ErrorCode.INVALID_ATTRIBUTE,
                "var_type must be one of "
                    + String.join(", ", VARIABLE_TYPES)
                    + ", got "
                    + AttributeType.display(value)));
  }

  /** USING glpk, or WITH solver = "glpk"; both only when they agree. */
  private static Optional<String> solver(Optional<String> using, AttributeValue attribute)
      throws SqlflowException {
    Optional<String> written = using;
    if (attribute != null) {
      Optional<String> fromAttribute = text(attribute);
      if (fromAttribute.isEmpty()) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "solver must be a name such as" + " glpk, got " + AttributeType.display(attribute));
      }
      if (using.isPresent() && !using.get().equalsIgnoreCase(fromAttribute.get())) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE,
            "USING "
                + using.get()
                + " and solver = \""
                + fromAttribute.get()
                + "\" name different solvers");
      }
      written = fromAttribute;
    }
    if (written.isEmpty()) {
      return Optional.empty();
    }
    String solver = written.get().toLowerCase(Locale.ROOT);
    if (!SOLVERS.contains(solver)) {
      throw new SqlflowException(
          ErrorCode.INVALID_ATTRIBUTE,
          "solver '"
              + written.get()
              + "' is not available; supported: "
              + String.join(", ", SOLVERS)
              + " (linear and mixed-integer linear programs, solved by HiGHS)");
    }
    return Optional.of(solver);
  }

  /** A string, or a bare name (var_type = Binary), as SQLFlow accepted both. */
  private static Optional<String> text(AttributeValue value) {
    if (value instanceof AttributeValue.StringValue s) {
      return Optional.of(s.value());
    }
    if (value instanceof AttributeValue.IdentifierValue id) {
      return Optional.of(id.name());
    }
    return Optional.empty();
  }
}
