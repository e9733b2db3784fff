package org.sqlflow.server.contract;

/** What a model's LABEL column holds, as {@code LABEL["kind"]} and metadata.json spell it. */
public enum LabelKind implements ContractName {
  /** Class ids 0..n_classes-1; the model classifies. */
  CLASS("class"),
  /** Values; the model regresses. */
  REGRESSION("regression");

  private final String contractName;

  LabelKind(String contractName) {
    this.contractName = contractName;
  }

  @Override
  public String contractName() {
    return contractName;
  }

  /** The kind a stored model's metadata names. */
  public static LabelKind forContractName(String name) {
    return ContractName.find(values(), name, "label kind");
  }
}
