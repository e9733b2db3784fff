package org.sqlflow.server.contract;

/** The type of a result-table column a program writes (docs/ml-contract.md section 5). */
public enum ResultType implements ContractName {
  STRING("string"),
  INT64("int64"),
  FLOAT64("float64");

  private final String contractName;

  ResultType(String contractName) {
    this.contractName = contractName;
  }

  @Override
  public String contractName() {
    return contractName;
  }

  public static ResultType forContractName(String name) {
    return ContractName.find(values(), name, "result column type");
  }
}
