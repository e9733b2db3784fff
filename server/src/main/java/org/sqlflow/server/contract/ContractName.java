package org.sqlflow.server.contract;

/** A value the contract spells as a string in programs, feeds and model metadata. */
public interface ContractName {
  String contractName();

  /** The value of {@code values} spelled {@code name}; {@code what} names the kind in the error. */
  static <T extends ContractName> T find(T[] values, String name, String what) {
    for (T value : values) {
      if (value.contractName().equals(name)) {
        return value;
      }
    }
    throw new IllegalArgumentException("unknown " + what + " " + name);
  }
}
