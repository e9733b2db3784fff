package org.sqlflow.server.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.Attributes;
import org.sqlflow.parser.ColumnExpr;
import org.sqlflow.parser.TrainStatement;

/** Builds parsed statements directly, as the parser would. */
public final class Statements {
  private Statements() {}

  public static AttributeValue num(String n) {
    return new AttributeValue.NumberValue(new BigDecimal(n));
  }

  public static AttributeValue str(String s) {
    return new AttributeValue.StringValue(s);
  }

  public static AttributeValue bool(boolean b) {
    return new AttributeValue.BooleanValue(b);
  }

  public static AttributeValue ident(String s) {
    return new AttributeValue.IdentifierValue(s);
  }

  public static AttributeValue list(AttributeValue... items) {
    return new AttributeValue.ListValue(List.of(items));
  }

  /** Alternating keys and values. */
  public static Attributes with(Object... keysAndValues) {
    Map<String, AttributeValue> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
    }
    return new Attributes(values);
  }

  public static ColumnExpr col(String name) {
    return new ColumnExpr.ColumnRef(name);
  }

  public static ColumnExpr lit(String number) {
    return new ColumnExpr.Literal(num(number));
  }

  public static ColumnExpr call(String function, ColumnExpr... args) {
    return new ColumnExpr.FeatureCall(function, List.of(args));
  }

  public static ColumnExpr listArg(ColumnExpr... items) {
    return new ColumnExpr.ListArg(List.of(items));
  }

  public static TrainStatement train(
      String select,
      String modelClass,
      Attributes attributes,
      List<ColumnExpr> columns,
      String label,
      String into) {
    Map<String, List<ColumnExpr>> clauses = new LinkedHashMap<>();
    if (!columns.isEmpty()) {
      clauses.put(TrainStatement.DEFAULT_COLUMN_TARGET, new ArrayList<>(columns));
    }
    return new TrainStatement(
        select + " TO TRAIN " + modelClass + " ... INTO " + into,
        select,
        modelClass,
        attributes,
        clauses,
        Optional.ofNullable(label),
        Optional.empty(),
        into);
  }
}
