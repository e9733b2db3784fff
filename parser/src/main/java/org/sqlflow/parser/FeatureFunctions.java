package org.sqlflow.parser;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sqlflow.parser.FeatureFunction.Parameter;

/**
 * The catalogue of feature-column functions, in the order the documentation lists them: the one
 * place a function's name, arguments and argument names are stated. A new function, or a new form
 * of one, is a new entry here.
 */
public final class FeatureFunctions {
  private static final Parameter COLUMN = new Parameter("column", FeatureArgument.COLUMN);
  private static final Parameter SHAPE = new Parameter("shape", FeatureArgument.SHAPE);
  private static final Parameter DELIMITER =
      new Parameter("delimiter", FeatureArgument.NAME_OR_STRING);
  private static final Parameter DTYPE = new Parameter("dtype", FeatureArgument.NAME_OR_STRING);
  private static final Parameter SOURCE =
      new Parameter("column", FeatureArgument.COLUMN_OR_DENSE_SPARSE);
  private static final Parameter BUCKET_SIZE = new Parameter("bucket_size", FeatureArgument.SIZE);
  private static final Parameter CATEGORY =
      new Parameter("category_column", FeatureArgument.CATEGORY);

  // SQLFlow's forms: DENSE(c) and SPARSE(c) take their shape from the data; SPARSE's six
  // arguments read "k:v" pairs (delimiter_kv, dtype_key); CATEGORY_ID(c, n, COMMA) splits a
  // string of ids. The last flag says whether DNN and linear (Keras) models train with it
  // (docs/ml-contract.md section 2 says which forms each model family takes).
  private static final List<FeatureFunction> ALL =
      List.of(
          new FeatureFunction("NUMERIC", 2, List.of(COLUMN, SHAPE), true),
          new FeatureFunction("DENSE", 1, List.of(COLUMN, SHAPE, DELIMITER, DTYPE), true),
          new FeatureFunction(
              "SPARSE",
              1,
              List.of(
                  COLUMN,
                  SHAPE,
                  DELIMITER,
                  DTYPE,
                  new Parameter("delimiter_kv", FeatureArgument.NAME_OR_STRING),
                  new Parameter("dtype_key", FeatureArgument.NAME_OR_STRING)),
              true),
          new FeatureFunction("CATEGORY_ID", 2, List.of(SOURCE, BUCKET_SIZE, DELIMITER), true),
          new FeatureFunction("SEQ_CATEGORY_ID", 2, List.of(SOURCE, BUCKET_SIZE, DELIMITER), true),
          new FeatureFunction("CATEGORY_HASH", 2, List.of(SOURCE, BUCKET_SIZE), true),
          new FeatureFunction(
              "WEIGHTED_CATEGORY",
              1,
              List.of(CATEGORY, new Parameter("weight_column", FeatureArgument.COLUMN)),
              true),
          new FeatureFunction(
              "EMBEDDING",
              2,
              List.of(
                  CATEGORY,
                  new Parameter("dimension", FeatureArgument.SIZE),
                  new Parameter("combiner", FeatureArgument.NAME_OR_STRING)),
              true),
          new FeatureFunction("INDICATOR", 1, List.of(CATEGORY), true),
          new FeatureFunction(
              "BUCKET",
              2,
              List.of(
                  new Parameter("column", FeatureArgument.COLUMN_OR_NUMERIC),
                  new Parameter("boundaries", FeatureArgument.NUMBERS)),
              true),
          new FeatureFunction(
              "CROSS",
              2,
              List.of(
                  new Parameter("columns", FeatureArgument.COLUMNS),
                  new Parameter("hash_bucket_size", FeatureArgument.SIZE)),
              true));

  private FeatureFunctions() {}

  public static List<FeatureFunction> all() {
    return ALL;
  }

  /** The function called {@code name}, in any case. */
  public static Optional<FeatureFunction> find(String name) {
    String wanted = name.toUpperCase(Locale.ROOT);
    return ALL.stream().filter(f -> f.name().equals(wanted)).findFirst();
  }

  /** Every function's name, for "known functions" listings. */
  public static List<String> names() {
    return ALL.stream().map(FeatureFunction::name).toList();
  }

  /** The functions DNN and linear (Keras) models train with. */
  public static List<String> implementedNames() {
    return ALL.stream().filter(FeatureFunction::implemented).map(FeatureFunction::name).toList();
  }
}
