package org.sqlflow.parser;

import static org.sqlflow.parser.ast.SqlflowNames.dotted;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.sqlflow.parser.ast.SqlAttribute;
import org.sqlflow.parser.ast.SqlColumnClause;
import org.sqlflow.parser.ast.SqlEvaluate;
import org.sqlflow.parser.ast.SqlExplain;
import org.sqlflow.parser.ast.SqlFeatureCall;
import org.sqlflow.parser.ast.SqlOptimize;
import org.sqlflow.parser.ast.SqlOptimizeConstraint;
import org.sqlflow.parser.ast.SqlPredict;
import org.sqlflow.parser.ast.SqlRun;
import org.sqlflow.parser.ast.SqlShowTrain;
import org.sqlflow.parser.ast.SqlTrain;
import org.sqlflow.parser.ast.SqlflowStatement;

/**
 * Turns a parsed tree into the value records later stages consume, checking what the grammar leaves
 * open: duplicate attributes or COLUMN targets, feature-column calls, PREDICT targets.
 */
final class StatementBuilder {
  private final FeatureColumnChecker featureColumns = new FeatureColumnChecker();
  private final OptimizeExpressionChecker optimizeExpressions = new OptimizeExpressionChecker();

  ExtendedStatement build(SqlflowStatement tree, String original) throws SqlflowParseException {
    if (tree instanceof SqlShowTrain show) {
      return new ShowTrainStatement(original, dotted(show.model()));
    }
    if (tree instanceof SqlTrain train) {
      return new TrainStatement(
          original,
          train.select(),
          dotted(train.modelClass()),
          attributes(train.attributes()),
          columns(train.columns()),
          optionalName(train.label()),
          optionalName(train.using()),
          dotted(train.into()));
    }
    if (tree instanceof SqlPredict predict) {
      SqlIdentifier result = predict.result();
      // SQLFlow's rule (parseResultTable): split at the last dot. A bare table has no column.
      if (result.names.size() > 3) {
        throw ParseErrors.at(
            "TO PREDICT takes database.table.column, table.column or a bare table (the column is"
                + " then named after the model's label); got "
                + dotted(result),
            result.getParserPosition());
      }
      int last = result.names.size() - 1;
      if (last == 0) {
        return new PredictStatement(
            original,
            predict.select(),
            result.names.get(0),
            Optional.empty(),
            attributes(predict.attributes()),
            dotted(predict.model()));
      }
      return new PredictStatement(
          original,
          predict.select(),
          String.join(".", result.names.subList(0, last)),
          result.names.get(last),
          attributes(predict.attributes()),
          dotted(predict.model()));
    }
    if (tree instanceof SqlEvaluate evaluate) {
      return new EvaluateStatement(
          original,
          evaluate.select(),
          dotted(evaluate.model()),
          attributes(evaluate.attributes()),
          dotted(evaluate.label()),
          dotted(evaluate.into()));
    }
    if (tree instanceof SqlExplain explain) {
      return new ExplainStatement(
          original,
          explain.select(),
          dotted(explain.model()),
          attributes(explain.attributes()),
          optionalName(explain.explainer()),
          optionalName(explain.into()));
    }
    if (tree instanceof SqlRun run) {
      List<String> args = new ArrayList<>();
      for (SqlNode arg : run.args()) {
        args.add(((SqlCharStringLiteral) arg).getValueAs(String.class));
      }
      List<String> into = new ArrayList<>();
      for (SqlNode table : run.into()) {
        into.add(dotted((SqlIdentifier) table));
      }
      return new RunStatement(original, run.select(), run.program(), args, into);
    }
    if (tree instanceof SqlOptimize optimize) {
      return optimize(optimize, original);
    }
    throw new IllegalArgumentException("not a SQLFlow statement: " + tree.getClass());
  }

  private OptimizeStatement optimize(SqlOptimize optimize, String original)
      throws SqlflowParseException {
    List<OptimizeStatement.Constraint> constraints = new ArrayList<>();
    for (SqlNode node : optimize.constraints()) {
      SqlOptimizeConstraint constraint = (SqlOptimizeConstraint) node;
      constraints.add(
          new OptimizeStatement.Constraint(
              optimizeExpressions.constraint(constraint.expression()),
              optionalName(constraint.groupBy())));
    }
    return new OptimizeStatement(
        original,
        optimize.select(),
        optimize.maximize() ? OptimizeStatement.Sense.MAXIMIZE : OptimizeStatement.Sense.MINIMIZE,
        optimizeExpressions.objective(optimize.objective()),
        constraints,
        attributes(optimize.attributes()),
        optionalName(optimize.solver()),
        dotted(optimize.into()));
  }

  private static Optional<String> optionalName(SqlIdentifier name) {
    return Optional.ofNullable(name).map(n -> dotted(n));
  }

  private static Attributes attributes(SqlNodeList list) throws SqlflowParseException {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (SqlNode node : list) {
      SqlAttribute attribute = (SqlAttribute) node;
      String key = dotted(attribute.key());
      if (values.containsKey(key)) {
        throw ParseErrors.at("Duplicate attribute " + key, attribute.key().getParserPosition());
      }
      values.put(key, value(attribute.value()));
    }
    return new Attributes(values);
  }

  private static AttributeValue value(SqlNode node) {
    if (node instanceof SqlNumericLiteral number) {
      return new AttributeValue.NumberValue(number.bigDecimalValue());
    }
    if (node instanceof SqlCharStringLiteral string) {
      return new AttributeValue.StringValue(string.getValueAs(String.class));
    }
    if (node instanceof SqlLiteral literal && literal.getValue() instanceof Boolean b) {
      return new AttributeValue.BooleanValue(b);
    }
    if (node instanceof SqlIdentifier id) {
      return new AttributeValue.IdentifierValue(dotted(id));
    }
    if (node instanceof SqlNodeList list) {
      List<AttributeValue> items = new ArrayList<>(list.size());
      for (SqlNode item : list) {
        items.add(value(item));
      }
      return new AttributeValue.ListValue(items);
    }
    throw new IllegalArgumentException("not an attribute value: " + node);
  }

  private Map<String, List<ColumnExpr>> columns(SqlNodeList clauses) throws SqlflowParseException {
    Map<String, List<ColumnExpr>> columns = new LinkedHashMap<>();
    for (SqlNode node : clauses) {
      SqlColumnClause clause = (SqlColumnClause) node;
      SqlIdentifier target = clause.target();
      String key = target == null ? TrainStatement.DEFAULT_COLUMN_TARGET : dotted(target);
      if (columns.containsKey(key)) {
        throw ParseErrors.at(
            "Duplicate COLUMN clause for " + key,
            (target == null ? clause : target).getParserPosition());
      }
      List<ColumnExpr> expressions = new ArrayList<>();
      for (SqlNode expression : clause.expressions()) {
        featureColumns.check(expression);
        expressions.add(column(expression));
      }
      columns.put(key, expressions);
    }
    return columns;
  }

  private static ColumnExpr column(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.isStar() ? new ColumnExpr.AllColumns() : new ColumnExpr.ColumnRef(dotted(id));
    }
    if (node instanceof SqlFeatureCall call) {
      List<ColumnExpr> args = new ArrayList<>(call.args().size());
      for (SqlNode arg : call.args()) {
        args.add(column(arg));
      }
      return new ColumnExpr.FeatureCall(call.function(), args);
    }
    if (node instanceof SqlNodeList list) {
      List<ColumnExpr> items = new ArrayList<>(list.size());
      for (SqlNode item : list) {
        items.add(column(item));
      }
      return new ColumnExpr.ListArg(items);
    }
    return new ColumnExpr.Literal(value(node));
  }
}
