package org.sqlflow.server.verify;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sqlflow.parser.AttributeValue;
import org.sqlflow.parser.ColumnExpr;
import org.sqlflow.parser.ColumnExpr.AllColumns;
import org.sqlflow.parser.ColumnExpr.ColumnRef;
import org.sqlflow.parser.ColumnExpr.FeatureCall;
import org.sqlflow.parser.ColumnExpr.ListArg;
import org.sqlflow.parser.ColumnExpr.Literal;
import org.sqlflow.parser.FeatureFunction;
import org.sqlflow.parser.FeatureFunctions;
import org.sqlflow.server.contract.FeatureKind;
import org.sqlflow.server.contract.FeedType;
import org.sqlflow.server.db.SourceColumn;
import org.sqlflow.server.db.SqlDialect;
import org.sqlflow.server.error.ErrorCode;
import org.sqlflow.server.error.SqlflowException;

/**
 * Turns COLUMN expressions, or the SELECT's columns when COLUMN is omitted, into feature specs,
 * checking each column against the sampled SELECT.
 */
final class FeatureBuilder {
  /** String columns with at most this many distinct values are one-hot encoded in a DNN. */
  static final int INDICATOR_MAX_VOCABULARY = 16;

  static final int DERIVED_EMBEDDING_DIMENSION = 8;
  static final int MAX_VOCABULARY = 1000;
  private static final Set<String> COMBINERS = Set.of("sum", "mean", "sqrtn");
  private static final List<String> DTYPES =
      List.of("int64", "int32", "float32", "float64", "float", "int", "string");

  private final SelectSample sample;

  FeatureBuilder(SelectSample sample) {
    this.sample = requireNonNull(sample, "sample");
  }

  /**
   * Specs for the expressions of one COLUMN clause.
   *
   * @param dnn whether the target feeds a DNN (derived string features get an embedding or
   *     indicator) or a linear model (they stay categorical, which the runtime one-hot encodes)
   * @param label excluded from {@code *}; naming it is an error
   */
  List<FeatureSpec> build(List<ColumnExpr> expressions, boolean dnn, String label)
      throws SqlflowException {
    List<FeatureSpec> specs = new ArrayList<>();
    for (ColumnExpr expression : expressions) {
      if (expression instanceof AllColumns) {
        specs.addAll(deriveAll(dnn, label));
      } else if (expression instanceof ColumnRef ref) {
        specs.add(derive(existing(ref.name()), dnn));
      } else if (expression instanceof FeatureCall call) {
        for (FeatureCall expanded : expandPattern(call, label)) {
          specs.add(call(expanded));
        }
      } else {
        throw invalid(
            "a COLUMN clause lists columns or feature calls such as NUMERIC(x, 1),"
                + " not a literal");
      }
    }
    for (FeatureSpec spec : specs) {
      if (label != null && spec.inputColumns().contains(label)) {
        throw new SqlflowException(
            ErrorCode.INVALID_ATTRIBUTE, "label column '" + label + "' cannot also be a feature");
      }
    }
    return List.copyOf(specs);
  }

  /** Every SELECT column except the label, derived from its type (COLUMN omitted). */
  List<FeatureSpec> deriveAll(boolean dnn, String label) throws SqlflowException {
    List<FeatureSpec> specs = new ArrayList<>();
    for (SourceColumn column : sample.columns()) {
      if (!column.name().equals(label)) {
        specs.add(derive(checkedName(column), dnn));
      }
    }
    if (specs.isEmpty()) {
      throw invalid("the SELECT has no columns besides the label to use as features");
    }
    return specs;
  }

  private FeatureSpec derive(SourceColumn column, boolean dnn) throws SqlflowException {
    if (column.feedType() == FeedType.FLOAT64) {
      return numeric(column.name(), List.of(1L));
    }
    FeatureSpec categorical = vocabulary(column);
    if (!dnn) {
      return categorical;
    }
    int size = ((List<?>) categorical.fields().get("vocabulary")).size();
    return size <= INDICATOR_MAX_VOCABULARY
        ? FeatureSpec.of(FeatureKind.INDICATOR, "source", categorical)
        : FeatureSpec.of(
            FeatureKind.EMBEDDING,
            "source",
            categorical,
            "dimension",
            (long) DERIVED_EMBEDDING_DIMENSION,
            "combiner",
            "mean");
  }

  private FeatureSpec vocabulary(SourceColumn column) throws SqlflowException {
    Set<String> distinct = new TreeSet<>();
    for (Object value : sample.values(column.name())) {
      if (value != null && distinct.size() < MAX_VOCABULARY) {
        distinct.add((String) value);
      }
    }
    if (distinct.isEmpty()) {
      throw new SqlflowException(
          ErrorCode.EMPTY_DATA,
          "column '" + column.name() + "' has no values to build a vocabulary from");
    }
    return FeatureSpec.of(
        FeatureKind.CATEGORY_VOCAB, "column", column.name(), "vocabulary", List.copyOf(distinct));
  }

  private FeatureSpec call(FeatureCall call) throws SqlflowException {
    FeatureFunction definition =
        FeatureFunctions.find(call.function())
            .orElseThrow(
                () ->
                    invalid(
                        "unknown feature column function "
                            + call.function()
                            + "; known: "
                            + String.join(", ", FeatureFunctions.implementedNames())));
    String function = definition.name();
    List<ColumnExpr> args = call.args();
    if (!definition.acceptsArgumentCount(args.size())) {
      throw invalid(definition.arityError(args.size()));
    }
    return switch (function) {
      case "NUMERIC" -> {
        SourceColumn column = column(function, args.get(0));
        List<Long> shape = shape(function, args.get(1));
        yield column.feedType() == FeedType.STRING
            ? dense(column, shape, ",")
            : numericOf(function, column, shape);
      }
      case "DENSE" -> {
        SourceColumn column = column(function, args.get(0));
        String delimiter = args.size() > 2 ? delimiter(args.get(2)) : ",";
        dtype(function, args, 3);
        if (column.feedType() != FeedType.STRING) {
          yield numericOf(
              function, column, args.size() > 1 ? shape(function, args.get(1)) : List.of(1L));
        }
        yield dense(
            column,
            args.size() > 1
                ? shape(function, args.get(1))
                : List.of(sampledWidth(column, delimiter)),
            delimiter);
      }
      case "SPARSE" -> sparse(call);
      case "CATEGORY_ID" -> {
        long buckets = positive(function, args.get(1), definition.parameterName(1));
        if (args.get(0) instanceof FeatureCall inner) {
          FeatureSpec source = call(inner);
          if (source.kind() != FeatureKind.DENSE && source.kind() != FeatureKind.SPARSE) {
            throw invalid(
                "CATEGORY_ID takes a column, DENSE(...) or SPARSE(...), not " + inner.function());
          }
          yield idsOf(FeatureKind.CATEGORY_ID, source, buckets);
        }
        SourceColumn column = column(function, args.get(0));
        if (args.size() > 2) {
          // CATEGORY_ID(c, n, COMMA): each row holds several ids, read as a sparse index list.
          yield FeatureSpec.of(
              FeatureKind.CATEGORY_ID,
              "column",
              textColumn(function, column),
              "num_buckets",
              buckets,
              "source",
              FeatureSpec.of(
                  FeatureKind.SPARSE,
                  "column",
                  column.name(),
                  "shape",
                  List.of(buckets),
                  "delimiter",
                  delimiter(args.get(2)),
                  "format",
                  "index"));
        }
        yield FeatureSpec.of(
            FeatureKind.CATEGORY_ID, "column", column.name(), "num_buckets", buckets);
      }
      case "SEQ_CATEGORY_ID" -> {
        String delimiter = args.size() > 2 ? delimiter(args.get(2)) : ",";
        String column;
        if (args.get(0) instanceof FeatureCall inner) {
          FeatureSpec source = call(inner);
          if (source.kind() != FeatureKind.DENSE) {
            throw invalid("SEQ_CATEGORY_ID takes a column or DENSE(...), not " + inner.function());
          }
          column = (String) source.fields().get("column");
          delimiter = args.size() > 2 ? delimiter : (String) source.fields().get("delimiter");
        } else {
          column = textColumn(function, column(function, args.get(0)));
        }
        yield FeatureSpec.of(
            FeatureKind.SEQ_CATEGORY_ID,
            "column",
            column,
            "num_buckets",
            positive(function, args.get(1), definition.parameterName(1)),
            "delimiter",
            delimiter);
      }
      case "WEIGHTED_CATEGORY" -> {
        if (args.size() > 1) {
          throw invalid(
              "WEIGHTED_CATEGORY takes its weights from key:value pairs:"
                  + " WEIGHTED_CATEGORY(CATEGORY_ID(SPARSE(c, n, COMMA, int64, ':', float32), n));"
                  + " a separate weight column is not supported");
        }
        FeatureSpec source = args.get(0) instanceof FeatureCall inner ? call(inner) : null;
        if (source != null && source.kind() == FeatureKind.SPARSE) {
          // WEIGHTED_CATEGORY(SPARSE(c, n, ...)): the keys are category ids in [0, n).
          source = sparseIds(source);
        }
        if (source == null
            || (source.kind() != FeatureKind.CATEGORY_ID
                && source.kind() != FeatureKind.CATEGORY_HASH)
            || !(source.fields().get("source") instanceof java.util.Map<?, ?> sparse)
            || !"kv".equals(sparse.get("format"))) {
          throw invalid(
              "WEIGHTED_CATEGORY takes CATEGORY_ID or CATEGORY_HASH over key:value pairs, e.g."
                  + " WEIGHTED_CATEGORY(CATEGORY_ID(SPARSE(c, 100, COMMA, int64, ':', float32), 100))");
        }
        yield FeatureSpec.of(FeatureKind.WEIGHTED_CATEGORY, "source", source);
      }
      case "CATEGORY_HASH" -> {
        long buckets = positive(function, args.get(1), definition.parameterName(1));
        if (args.get(0) instanceof FeatureCall inner) {
          // CATEGORY_HASH(SPARSE(c, ...), n): every id of the list hashed into n buckets.
          FeatureSpec source = call(inner);
          if (source.kind() != FeatureKind.SPARSE) {
            throw invalid("CATEGORY_HASH takes a column or SPARSE(...), not " + inner.function());
          }
          yield idsOf(FeatureKind.CATEGORY_HASH, source, buckets);
        }
        yield FeatureSpec.of(
            FeatureKind.CATEGORY_HASH,
            "column",
            column(function, args.get(0)).name(),
            "num_buckets",
            buckets);
      }
      case "EMBEDDING" -> {
        FeatureSpec source = categorical(function, args.get(0));
        long dimension = positive(function, args.get(1), definition.parameterName(1));
        String combiner = args.size() > 2 ? combiner(args.get(2)) : "mean";
        yield FeatureSpec.of(
            FeatureKind.EMBEDDING, "source", source, "dimension", dimension, "combiner", combiner);
      }
      case "INDICATOR" -> {
        yield FeatureSpec.of(FeatureKind.INDICATOR, "source", categorical(function, args.get(0)));
      }
      case "BUCKET" -> {
        FeatureSpec source =
            args.get(0) instanceof FeatureCall inner
                ? call(inner)
                : numericOf(function, column(function, args.get(0)), List.of(1L));
        if (source.kind() != FeatureKind.NUMERIC) {
          throw invalid(
              "BUCKET takes a numeric column or NUMERIC(...), not " + source.kind().contractName());
        }
        yield FeatureSpec.of(
            FeatureKind.BUCKET, "source", source, "boundaries", boundaries(args.get(1)));
      }
      case "CROSS" -> {
        if (!(args.get(0) instanceof ListArg list) || list.items().size() < 2) {
          throw invalid("CROSS takes a list of at least two columns, e.g. CROSS([a, b], 100)");
        }
        List<Object> sources = new ArrayList<>();
        for (ColumnExpr item : list.items()) {
          if (item instanceof FeatureCall inner) {
            FeatureSpec source = call(inner);
            if (!source.isCategorical()) {
              throw invalid(
                  "CROSS combines columns or categorical features, not "
                      + source.kind().contractName());
            }
            if (source.kinds().contains(FeatureKind.SPARSE)
                || source.kinds().contains(FeatureKind.SEQ_CATEGORY_ID)) {
              throw invalid(
                  "CROSS combines features of one value per row; "
                      + inner.function()
                      + "(...) holds a list of ids");
            }
            sources.add(source.fields());
          } else {
            sources.add(
                FeatureSpec.of(FeatureKind.RAW, "column", column(function, item).name()).fields());
          }
        }
        yield FeatureSpec.of(
            FeatureKind.CROSS,
            "sources",
            List.copyOf(sources),
            "num_buckets",
            positive(function, args.get(1), definition.parameterName(1)));
      }
      default -> throw new IllegalStateException(function + " is implemented but not built");
    };
  }

  /**
   * SPARSE(c[, shape[, delimiter[, dtype[, delimiter_kv[, dtype_key]]]]]): index lists such as
   * "1,5,9", or with a key:value delimiter pairs such as "3:0.5,7:1.25". Without a shape, it is the
   * largest index in the sampled rows plus one. Without a key:value delimiter, the format is
   * key:value when the sampled values hold ':'.
   */
  private FeatureSpec sparse(FeatureCall call) throws SqlflowException {
    List<ColumnExpr> args = call.args();
    SourceColumn column = column("SPARSE", args.get(0));
    dtype("SPARSE", args, 3);
    dtype("SPARSE", args, 5);
    String keyValue = args.size() > 4 ? delimiter(args.get(4)) : null;
    textColumn("SPARSE", column);
    List<String> values = new ArrayList<>();
    for (Object value : sample.values(column.name())) {
      if (value != null && !((String) value).isBlank()) {
        values.add(((String) value).strip());
      }
    }
    String delimiter = args.size() > 2 ? delimiter(args.get(2)) : sampledDelimiter(values);
    // Pairs without a named key:value delimiter fail in the runtime as "not an integer index";
    // the sample says which format the column holds.
    if (keyValue == null
        && !delimiter.equals(":")
        && values.stream().anyMatch(v -> v.contains(":"))) {
      keyValue = ":";
    }
    List<Long> shape;
    if (args.size() > 1) {
      shape = shape("SPARSE", args.get(1));
    } else {
      long largest = -1;
      for (String value : values) {
        for (String item : value.split(java.util.regex.Pattern.quote(delimiter))) {
          if (item.isBlank()) {
            continue; // as the runtime reads it: "1,3," and "1:0.5  3:2" hold two items
          }
          String index = keyValue == null ? item : item.split(":", 2)[0];
          try {
            largest = Math.max(largest, Long.parseLong(index.trim()));
          } catch (NumberFormatException e) {
            throw new SqlflowException(
                ErrorCode.TYPE_MISMATCH,
                "SPARSE("
                    + column.name()
                    + "): '"
                    + value
                    + "' is not a list of indices"
                    + (keyValue == null ? "" : " with values")
                    + " separated by '"
                    + delimiter
                    + "'");
          }
        }
      }
      if (largest < 0) {
        throw new SqlflowException(
            ErrorCode.EMPTY_DATA,
            "SPARSE("
                + column.name()
                + ") needs a shape: the sampled rows hold no indices; write SPARSE("
                + column.name()
                + ", n)");
      }
      shape = List.of(largest + 1);
    }
    return keyValue == null
        ? FeatureSpec.of(
            FeatureKind.SPARSE,
            "column",
            column.name(),
            "shape",
            shape,
            "delimiter",
            delimiter,
            "format",
            "index")
        : FeatureSpec.of(
            FeatureKind.SPARSE,
            "column",
            column.name(),
            "shape",
            shape,
            "delimiter",
            delimiter,
            "format",
            "kv",
            "kv_delimiter",
            keyValue);
  }

  /**
   * The delimiter of a SPARSE that names none: a comma, except for key:value pairs separated by
   * blanks ("1:0.5 3:-1.5", LIBSVM's form), which SQLFlow reads as pairs separated by spaces.
   */
  private static String sampledDelimiter(List<String> values) {
    boolean blankSeparatedPairs =
        !values.isEmpty()
            && values.stream()
                .allMatch(v -> BLANK_SEPARATED_PAIRS.matcher(v).matches() && !v.contains(","));
    return blankSeparatedPairs ? " " : ",";
  }

  private static final java.util.regex.Pattern BLANK_SEPARATED_PAIRS =
      java.util.regex.Pattern.compile("[^\\s:]+:[^\\s:]+( +[^\\s:]+:[^\\s:]+)*");

  /** DENSE(c) without a shape: how many values the first sampled row holds. */
  private long sampledWidth(SourceColumn column, String delimiter) throws SqlflowException {
    for (Object value : sample.values(column.name())) {
      if (value != null && !((String) value).isBlank()) {
        String[] parts = ((String) value).split(java.util.regex.Pattern.quote(delimiter), -1);
        // A delimiter at the end ends the list, as the runtime's matrix.dense_parts reads it.
        return parts.length > 1 && parts[parts.length - 1].isBlank()
            ? parts.length - 1
            : parts.length;
      }
    }
    throw new SqlflowException(
        ErrorCode.EMPTY_DATA,
        "DENSE("
            + column.name()
            + ") needs a"
            + " shape: the sampled rows hold no values; write DENSE("
            + column.name()
            + ", n)");
  }

  private static String textColumn(String function, SourceColumn column) throws SqlflowException {
    if (column.feedType() != FeedType.STRING) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          function
              + "("
              + column.name()
              + ", ...) reads delimited text such as \"1,5,9\"; the column is "
              + column.typeName());
    }
    return column.name();
  }

  /** SQLFlow's dtype arguments: checked, not needed (the feed and the kind say the types). */
  private static void dtype(String function, List<ColumnExpr> args, int index)
      throws SqlflowException {
    if (args.size() > index) {
      String dtype = word(args.get(index)).toLowerCase(java.util.Locale.ROOT);
      if (!DTYPES.contains(dtype)) {
        throw invalid(
            function + " dtype must be one of " + String.join(", ", DTYPES) + ", got " + dtype);
      }
    }
  }

  /**
   * {@code CATEGORY_ID("f10|f9|f4", 1000)}: one call per SELECT column (the label excepted) whose
   * whole name matches the pattern, in SELECT order.
   */
  private List<FeatureCall> expandPattern(FeatureCall call, String label) throws SqlflowException {
    java.util.Optional<String> pattern = patternOf(call);
    if (pattern.isEmpty()) {
      return List.of(call);
    }
    java.util.regex.Pattern compiled;
    try {
      compiled = java.util.regex.Pattern.compile(pattern.get());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw invalid("invalid column pattern \"" + pattern.get() + "\": " + e.getDescription());
    }
    List<FeatureCall> calls = new ArrayList<>();
    for (SourceColumn column : sample.columns()) {
      if (!column.name().equals(label) && compiled.matcher(column.name()).matches()) {
        calls.add(withColumn(call, checkedName(column).name()));
      }
    }
    if (calls.isEmpty()) {
      throw new SqlflowException(
          ErrorCode.UNKNOWN_COLUMN,
          "column pattern \""
              + pattern.get()
              + "\" matches no column of the SELECT; it has "
              + String.join(", ", sample.columns().stream().map(SourceColumn::name).toList()));
    }
    return calls;
  }

  private static java.util.Optional<String> patternOf(FeatureCall call) {
    if (call.args().isEmpty()) {
      return java.util.Optional.empty();
    }
    ColumnExpr first = call.args().get(0);
    if (first instanceof Literal literal
        && literal.value() instanceof AttributeValue.StringValue s) {
      return java.util.Optional.of(s.value());
    }
    return first instanceof FeatureCall inner ? patternOf(inner) : java.util.Optional.empty();
  }

  private static FeatureCall withColumn(FeatureCall call, String column) {
    List<ColumnExpr> args = new ArrayList<>(call.args());
    args.set(
        0,
        args.get(0) instanceof FeatureCall inner
            ? withColumn(inner, column)
            : new ColumnRef(column));
    return new FeatureCall(call.function(), args);
  }

  /** A categorical argument: a categorical call, or a string column given a vocabulary. */
  private FeatureSpec categorical(String function, ColumnExpr arg) throws SqlflowException {
    if (arg instanceof FeatureCall inner) {
      FeatureSpec source = call(inner);
      if (source.kind() == FeatureKind.SPARSE) {
        // EMBEDDING(SPARSE(c, 64, COMMA), 32): the indices are category ids in [0, 64).
        return sparseIds(source);
      }
      if (!source.isCategorical()) {
        throw invalid(
            function
                + " needs a categorical feature (CATEGORY_ID, CATEGORY_HASH,"
                + " BUCKET or CROSS), not "
                + inner.function());
      }
      return source;
    }
    SourceColumn column = column(function, arg);
    if (column.feedType() != FeedType.STRING) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          function
              + "("
              + column.name()
              + ", ...) needs a categorical column: wrap the numeric column in CATEGORY_ID("
              + column.name()
              + ", num_buckets)");
    }
    return vocabulary(column);
  }

  /** SPARSE(c, n, ...) read as category ids: a category_id of prod(shape) buckets over it. */
  private static FeatureSpec sparseIds(FeatureSpec sparse) {
    @SuppressWarnings("unchecked")
    List<Long> shape = (List<Long>) sparse.fields().get("shape");
    return idsOf(FeatureKind.CATEGORY_ID, sparse, shape.stream().reduce(1L, (a, b) -> a * b));
  }

  /** A categorical spec of {@code kind} reading its ids from a DENSE or SPARSE spec. */
  private static FeatureSpec idsOf(FeatureKind kind, FeatureSpec source, long buckets) {
    return FeatureSpec.of(
        kind, "column", source.fields().get("column"), "num_buckets", buckets, "source", source);
  }

  private static FeatureSpec numeric(String column, List<Long> shape) {
    return FeatureSpec.of(FeatureKind.NUMERIC, "column", column, "shape", shape);
  }

  private static FeatureSpec numericOf(String function, SourceColumn column, List<Long> shape)
      throws SqlflowException {
    long size = shape.stream().reduce(1L, (a, b) -> a * b);
    if (size != 1) {
      throw new SqlflowException(
          ErrorCode.TYPE_MISMATCH,
          function
              + "("
              + column.name()
              + ", "
              + shape
              + "): a numeric column holds one value per row; store several values"
              + " as a delimited string to use a larger shape");
    }
    return numeric(column.name(), shape);
  }

  private static FeatureSpec dense(SourceColumn column, List<Long> shape, String delimiter) {
    return FeatureSpec.of(
        FeatureKind.DENSE, "column", column.name(), "shape", shape, "delimiter", delimiter);
  }

  private SourceColumn column(String function, ColumnExpr arg) throws SqlflowException {
    if (!(arg instanceof ColumnRef ref)) {
      throw invalid(function + " expects a column name as its first argument");
    }
    return existing(ref.name());
  }

  private SourceColumn existing(String name) throws SqlflowException {
    SourceColumn column =
        sample
            .column(name)
            .orElseThrow(
                () ->
                    new SqlflowException(
                        ErrorCode.UNKNOWN_COLUMN,
                        "unknown column '"
                            + name
                            + "' in COLUMN clause; the SELECT has "
                            + String.join(
                                ", ", sample.columns().stream().map(SourceColumn::name).toList())));
    return checkedName(column);
  }

  /** Feature columns become names in the program and tables: they must be plain names. */
  static SourceColumn checkedName(SourceColumn column) throws SqlflowException {
    checkColumnName(column.name());
    return column;
  }

  static void checkColumnName(String name) throws SqlflowException {
    if (name.contains(".")) {
      throw badName(name);
    }
    try {
      SqlDialect.parseName(name);
    } catch (SqlflowException e) {
      throw badName(name);
    }
  }

  private static SqlflowException badName(String name) {
    return new SqlflowException(
        ErrorCode.INVALID_NAME,
        "column name '"
            + name
            + "' cannot be used by SQLFlow; give it an alias of letters, digits and _ in the SELECT");
  }

  private static long positive(String function, ColumnExpr arg, String what)
      throws SqlflowException {
    if (arg instanceof Literal literal && literal.value() instanceof AttributeValue.NumberValue n) {
      try {
        long value = n.value().stripTrailingZeros().longValueExact();
        if (value > 0) {
          return value;
        }
      } catch (ArithmeticException e) {
        // reported below
      }
    }
    throw invalid(function + " " + what + " must be a positive integer");
  }

  private static List<Long> shape(String function, ColumnExpr arg) throws SqlflowException {
    if (arg instanceof ListArg list && !list.items().isEmpty()) {
      List<Long> shape = new ArrayList<>();
      for (ColumnExpr item : list.items()) {
        shape.add(positive(function, item, "shape"));
      }
      return List.copyOf(shape);
    }
    return List.of(positive(function, arg, "shape"));
  }

  private static List<Double> boundaries(ColumnExpr arg) throws SqlflowException {
    if (!(arg instanceof ListArg list) || list.items().isEmpty()) {
      throw invalid("BUCKET boundaries must be a list of ascending numbers, e.g. [1, 5, 10]");
    }
    List<Double> values = new ArrayList<>();
    for (ColumnExpr item : list.items()) {
      if (!(item instanceof Literal literal
          && literal.value() instanceof AttributeValue.NumberValue n)) {
        throw invalid("BUCKET boundaries must be a list of ascending numbers, e.g. [1, 5, 10]");
      }
      BigDecimal value = n.value();
      double d = value.doubleValue();
      if (!Double.isFinite(d) || (!values.isEmpty() && d <= values.get(values.size() - 1))) {
        throw invalid("BUCKET boundaries must be a list of ascending numbers, e.g. [1, 5, 10]");
      }
      values.add(d);
    }
    return List.copyOf(values);
  }

  private static String delimiter(ColumnExpr arg) throws SqlflowException {
    String text = word(arg);
    String delimiter =
        switch (text.toUpperCase(java.util.Locale.ROOT)) {
          case "COMMA" -> ",";
          case "SEMICOLON" -> ";";
          case "SPACE" -> " ";
          case "TAB" -> "\t";
          case "PIPE" -> "|";
          case "COLON" -> ":";
          default -> text;
        };
    if (delimiter.length() != 1) {
      throw invalid(
          "a delimiter must be one character or COMMA, SEMICOLON, SPACE, TAB," + " PIPE, COLON");
    }
    return delimiter;
  }

  private static String combiner(ColumnExpr arg) throws SqlflowException {
    String combiner = word(arg).toLowerCase(java.util.Locale.ROOT);
    if (!COMBINERS.contains(combiner)) {
      throw invalid("EMBEDDING combiner must be sum, mean or sqrtn");
    }
    return combiner;
  }

  private static String word(ColumnExpr arg) throws SqlflowException {
    if (arg instanceof ColumnRef ref) {
      return ref.name();
    }
    if (arg instanceof Literal literal && literal.value() instanceof AttributeValue.StringValue s) {
      return s.value();
    }
    throw invalid("expected a name or a quoted string");
  }

  private static SqlflowException invalid(String message) {
    return new SqlflowException(ErrorCode.INVALID_ATTRIBUTE, message);
  }
}
