package org.sqlflow.server.contract;

/** The {@code "kind"} of a feature spec (docs/ml-contract.md section 2). */
public enum FeatureKind implements ContractName {
  NUMERIC("numeric", false),
  DENSE("dense", false),
  CATEGORY_ID("category_id", true),
  CATEGORY_VOCAB("category_vocab", true),
  CATEGORY_HASH("category_hash", true),
  BUCKET("bucket", true),
  CROSS("cross", true),
  /** A plain column inside a CROSS. */
  RAW("raw", false),
  EMBEDDING("embedding", false),
  INDICATOR("indicator", false),
  /** SPARSE: index lists ("1,5,9") or key:value pairs, a list of ids of varying length per row. */
  SPARSE("sparse", false),
  WEIGHTED_CATEGORY("weighted_category", true),
  /** Ids in order; Keras models take them only as an EMBEDDING's source (their mean). */
  SEQ_CATEGORY_ID("seq_category_id", true);

  private final String contractName;
  private final boolean categorical;

  FeatureKind(String contractName, boolean categorical) {
    this.contractName = contractName;
    this.categorical = categorical;
  }

  @Override
  public String contractName() {
    return contractName;
  }

  /** Categorical kinds may be wrapped by EMBEDDING or INDICATOR, or one-hot encoded as they are. */
  public boolean isCategorical() {
    return categorical;
  }

  public static FeatureKind forContractName(String name) {
    return ContractName.find(values(), name, "feature kind");
  }
}
