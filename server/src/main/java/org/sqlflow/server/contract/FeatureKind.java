package org.sqlflow.server.contract;

/** The {@code "kind"} of a feature spec (docs/ml-contract.md section 2). */
public enum FeatureKind implements ContractName {
  NUMERIC("numeric", false, true),
  DENSE("dense", false, true),
  CATEGORY_ID("category_id", true, true),
  CATEGORY_VOCAB("category_vocab", true, true),
  CATEGORY_HASH("category_hash", true, true),
  BUCKET("bucket", true, true),
  CROSS("cross", true, true),
  /** A plain column inside a CROSS. */
  RAW("raw", false, true),
  EMBEDDING("embedding", false, true),
  INDICATOR("indicator", false, true),
  /** SPARSE: index lists ("1,5,9") or key:value pairs, read by XGBoost's matrix. */
  SPARSE("sparse", false, false),
  WEIGHTED_CATEGORY("weighted_category", true, false),
  /** Reserved for sequence models, which no runtime has yet. */
  SEQ_CATEGORY_ID("seq_category_id", true, false);

  private final String contractName;
  private final boolean categorical;
  private final boolean readByKeras;

  FeatureKind(String contractName, boolean categorical, boolean readByKeras) {
    this.contractName = contractName;
    this.categorical = categorical;
    this.readByKeras = readByKeras;
  }

  /** Whether the Keras runtime (DNN, linear and wide-and-deep models) builds inputs from it. */
  public boolean readByKeras() {
    return readByKeras;
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
